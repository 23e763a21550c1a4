package io.vigil.cli;

import io.vigil.inference.ModelRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the fine-tuned model versions and the record of the current one are, for every command that scores. */
final class ModelOptions {

  @Option(names = "--models", paramLabel = "DIR", defaultValue = "models",
      description = "Folder of fine-tuned model versions (vigil model); with none, the bundled model scores. "
          + "Default: ${DEFAULT-VALUE}.")
  Path folder;

  ModelRegistry registry() {
    return new ModelRegistry(folder);
  }
}
