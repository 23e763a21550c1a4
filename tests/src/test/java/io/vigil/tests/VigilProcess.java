package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code vigil} run in a JVM of its own, from the test class path, with its output in a log file. */
final class VigilProcess {

  private VigilProcess() {}

  static Process start(String[] args, Path log) throws Exception {
    return start(List.of(), Map.of(), args, log);
  }

  /** Starts {@code vigil} in a JVM with {@code jvmOptions}, and {@code environment} over this process's own. */
  static Process start(List<String> jvmOptions, Map<String, String> environment, String[] args, Path log)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.vigil.cli.VigilCommand"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Waits until the log holds {@code text}; fails when the process ends first or after {@code seconds}. */
  static void waitFor(Path log, String text, Process process, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!Files.readString(log).contains(text)) {
      assertTrue(process.isAlive() && System.nanoTime() < deadline,
          () -> "vigil never said «" + text + "» within " + seconds + " s: " + read(log));
      Thread.sleep(20);
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
