package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.inference.Model;
import io.vigil.inference.ModelRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil model}: the versions of the flow-sequence model, and which one scores. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Fine-tune new versions of the flow-sequence model, list them, choose the one that scores, and roll "
        + "back. detect, up and worker score with the current version.",
    subcommands = {ModelCommand.Finetune.class, ModelCommand.ListVersions.class, ModelCommand.Use.class,
        ModelCommand.Rollback.class})
public final class ModelCommand {

  /** {@code vigil model finetune}: a new version trained with labelled flows, made current. */
  @Command(name = "finetune", mixinStandardHelpOptions = true,
      description = "Train a new version with the training scripts (self-supervised, then fine-tuned with the "
          + "labels) on labelled flows, store it in the models folder and make it current.")
  static final class Finetune implements Callable<Integer> {

    @Option(names = "--flows", required = true, paramLabel = "FILE", description = "Labelled flows (CSV or Zeek "
        + "conn.log with a label column).")
    Path flows;

    @Option(names = "--train-fraction", defaultValue = "1.0",
        description = "Share of the flows, earliest first, to train on. Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Mixin ModelOptions models;
    @Mixin PythonOptions python;
    @Mixin TrainingOptions training;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PythonTools tools = python.tools();
      if (tools.unavailable() != null) {
        spec.commandLine().getErr().println("vigil model finetune: cannot train: " + tools.unavailable());
        return 2;
      }
      ModelRegistry registry = models.registry();
      String version = registry.nextVersion();
      Files.createDirectories(registry.folder());
      out.printf("Training %s on %s (a few minutes)...%n", version, flows.getFileName());
      out.flush();
      training.train(tools, flows, registry.folder(), version, trainFraction, true);
      registry.use(version);
      out.printf("%s is current (%s); roll back with: vigil model rollback%n", version,
          registry.folder().resolve(version + ".onnx"));
      return 0;
    }
  }

  /** {@code vigil model list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the versions; * marks the current.")
  static final class ListVersions implements Callable<Integer> {

    @Mixin ModelOptions models;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      ModelRegistry registry = models.registry();
      String current = registry.currentVersion();
      List<String[]> rows = new ArrayList<>();
      for (String version : registry.versions()) {
        Path card = registry.folder().resolve(version + ".json");
        String trainedOn = "bundled";
        if (!version.equals(Model.BUNDLED_VERSION) && Files.isRegularFile(card)) {
          JsonNode training = new ObjectMapper().readTree(card.toFile()).path("training");
          trainedOn = training.path("data_file").asText("?") + ", " + training.path("fit").path("rows").asText("?")
              + " rows";
        }
        rows.add(new String[] {version.equals(current) ? "*" : "", version, trainedOn});
      }
      TextTable.print(new String[] {"", "VERSION", "TRAINED ON"}, rows, out);
      return 0;
    }
  }

  /** {@code vigil model use VERSION}. */
  @Command(name = "use", mixinStandardHelpOptions = true, description = "Make a version current.")
  static final class Use implements Callable<Integer> {

    @Parameters(paramLabel = "VERSION") String version;
    @Mixin ModelOptions models;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      models.registry().use(version);
      spec.commandLine().getOut().println(version + " is current");
      return 0;
    }
  }

  /** {@code vigil model rollback}. */
  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Make the version that was current before the current one current again.")
  static final class Rollback implements Callable<Integer> {

    @Mixin ModelOptions models;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(models.registry().rollback() + " is current");
      return 0;
    }
  }
}
