package io.vigil.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The training side's own tests of the contract Java shares with it (windows, features, Zeek parsing, metrics),
 * run with Debian's Python so that {@code mvn test} covers both languages. They need numpy only
 * ({@code src/main/python/install-test-deps.sh}, which CI runs); without it the test is skipped and says so.
 */
class PythonContractTest {

  private static final Path SCRIPTS = Path.of("src/main/python");
  private static final String PYTHON = "/usr/bin/python3";

  @Test
  void thePythonContractTestsPass() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)) && run(PYTHON, "-c", "import numpy").exitCode == 0,
        "skipped: " + PYTHON + " cannot import numpy here; src/main/python/install-test-deps.sh installs it");

    Result tests = run(PYTHON, "-m", "unittest", "discover", "-s", "tests");

    assertEquals(0, tests.exitCode, tests.output);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Result(-1, "timed out: " + output);
    }
    return new Result(process.exitValue(), output);
  }
}
