package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code vigil} run in a JVM of its own, from the test class path, with its output in a log file. */
final class VigilProcess {

  private VigilProcess() {}

  static Process start(String[] args, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[args.length + 4];
    command[0] = java;
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = "io.vigil.cli.VigilCommand";
    System.arraycopy(args, 0, command, 4, args.length);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
