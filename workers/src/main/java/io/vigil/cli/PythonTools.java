package io.vigil.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a module of the flow model's Python scripts ({@code activities/src/main/python}, Debian's torch) and returns
 * the JSON line it ends with. Vigil's Java never trains; it asks these scripts to, and reads what they wrote.
 *
 * @param python the interpreter that sees Debian's torch ({@code /usr/bin/python3})
 * @param directory the scripts' folder
 */
record PythonTools(String python, Path directory) {

  /** Why the scripts cannot run here, or null when they can. */
  String unavailable() {
    if (!Files.isExecutable(Path.of(python))) {
      return "no " + python;
    }
    if (!Files.isDirectory(directory.resolve("vigil_flows"))) {
      return "no " + directory.resolve("vigil_flows") + " (run from the repository root)";
    }
    return null;
  }

  /**
   * Runs {@code python -m module args...} in the scripts' folder, echoing its lines prefixed to {@code progress} when
   * given, and returns its last line that starts with '{'.
   *
   * @throws IllegalStateException when it fails or prints no JSON line, with its output
   */
  String run(String module, List<String> args, PrintWriter progress) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python, "-m", module));
    command.addAll(args);
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String json = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.append(line).append('\n');
        if (line.startsWith("{")) {
          json = line;
        } else if (progress != null) {
          progress.println("  " + module + ": " + line);
          progress.flush();
        }
      }
    }
    if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0 || json == null) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output.toString().strip());
    }
    return json;
  }
}
