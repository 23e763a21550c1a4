package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless chromium, run as a separate process on a local file. {@code tests/install-chromium.sh} installs
 * it; CI runs that first, so there a missing browser fails the test, while elsewhere the test is skipped, saying why.
 */
final class Chromium {

  private final String executable;

  private Chromium(String executable) {
    this.executable = executable;
  }

  /** The browser on the PATH; a failure in CI when it is missing, a skipped test elsewhere. */
  static Chromium require() {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "chromium");
      if (Files.isExecutable(candidate)) {
        return new Chromium(candidate.toString());
      }
    }
    String missing = "chromium is not installed (run tests/install-chromium.sh as root to install Debian's)";
    if ("true".equals(System.getenv("CI"))) {
      return fail(missing + "; CI must have it");
    }
    return Assumptions.abort(missing + "; skipping the browser test");
  }

  /** The page's DOM as the browser built it, serialised. */
  String dumpDom(Path page) throws IOException, InterruptedException {
    return run(page, List.of("--dump-dom"));
  }

  /** Saves a PNG of the page's top {@code height} pixels, {@code width} wide. */
  void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(page, List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath()));
    assertTrue(Files.size(png) > 0, "chromium wrote no screenshot to " + png);
  }

  private String run(Path page, List<String> options) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("vigil-chromium");
    List<String> command = new ArrayList<>(List.of(executable, "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--user-data-dir=" + profile));
    command.addAll(options);
    command.add(page.toAbsolutePath().toUri().toString());
    Path output = Files.createTempFile("vigil-chromium", ".out");
    Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish within 120 s: " + command);
    }
    assertEquals(0, process.exitValue(), "chromium failed: " + command);
    String text = Files.readString(output, StandardCharsets.UTF_8);
    Files.delete(output);
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
    return text;
  }
}
