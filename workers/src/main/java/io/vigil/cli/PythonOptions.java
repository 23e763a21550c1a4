package io.vigil.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the flow model's Python scripts and their interpreter are, for every command that runs them. */
final class PythonOptions {

  @Option(names = "--python", defaultValue = "/usr/bin/python3",
      description = "Python with Debian's torch (activities/src/main/python/install-deps.sh). Default: ${DEFAULT-VALUE}.")
  String python;

  @Option(names = "--python-dir", defaultValue = "activities/src/main/python",
      description = "The training scripts' folder. Default: ${DEFAULT-VALUE}.")
  Path pythonDir;

  PythonTools tools() {
    return new PythonTools(python, pythonDir);
  }
}
