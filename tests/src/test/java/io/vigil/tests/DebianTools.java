package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Prometheus tools (promtool, prometheus, amtool), which {@code observability/install-test-deps.sh}
 * installs. In CI (CI=true) a missing tool fails the test that needs it; elsewhere that test is skipped, saying why.
 */
final class DebianTools {

  static final Path REPOSITORY = Path.of(System.getProperty("vigil.repo.dir", ".."));

  private DebianTools() {}

  /** The tool's path on PATH. */
  static Path require(String tool) {
    Optional<Path> found = onPath(tool);
    if (found.isPresent()) {
      return found.get();
    }
    String message = tool + " is not installed; observability/install-test-deps.sh installs it from Debian";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private static Optional<Path> onPath(String tool) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, tool);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs {@code tool} with {@code args} in {@code directory}; fails with its output unless it exits with 0. */
  static String run(Path directory, String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(require(tool).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within a minute:\n" + output);
    }
    assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " in " + directory + ":\n" + output);
    return output;
  }
}
