package io.vigil.cli;

import io.vigil.inference.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How the training scripts train a model, for every command that asks them to. */
final class TrainingOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--seed", defaultValue = "7",
      description = "The training scripts' random seed; another seed shows how much a model owes to chance in "
          + "training. Default: ${DEFAULT-VALUE}.")
  long seed;

  private int members = 1;

  @Option(names = "--members", defaultValue = "1", paramLabel = "N",
      description = "Models to train alike from seeds SEED, SEED+1, ...; the model scores with their mean, which "
          + "depends much less on the seed than one model's score does, for N times the training and scoring time. "
          + "Default: ${DEFAULT-VALUE}.")
  void members(int value) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(), "--members must be at least 1, got " + value);
    }
    members = value;
  }

  int members() {
    return members;
  }

  /**
   * Has the training scripts train model {@code name} on the earlier {@code trainFraction} of {@code flows}, with
   * their labels when {@code labels}, into {@code folder}, and reads it back, which checks what they wrote.
   */
  Model train(PythonTools tools, Path flows, Path folder, String name, double trainFraction, boolean labels)
      throws IOException, InterruptedException {
    List<String> arguments = new ArrayList<>(List.of("--flows", flows.toAbsolutePath().toString(), "--out",
        folder.toAbsolutePath().toString(), "--name", name));
    if (labels) {
      arguments.add("--labels");
    }
    arguments.addAll(List.of("--train-fraction", Double.toString(trainFraction), "--seed", Long.toString(seed),
        "--members", Integer.toString(members)));
    tools.run("vigil_flows.train", arguments, null);
    return Model.fromDirectory(folder, name);
  }
}
