package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.inference.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {

  /** Stores the bundled model under another version name, as a fine-tuning run would store its output. */
  static void addVersion(Path folder, String version) throws IOException {
    Files.createDirectories(folder);
    Files.write(folder.resolve(version + ".onnx"), Model.bundled().onnx());
    try (InputStream card = ModelCommandTest.class.getClassLoader().getResourceAsStream("models/flow-seq-v1.json")) {
      Files.writeString(folder.resolve(version + ".json"), new String(card.readAllBytes(), StandardCharsets.UTF_8)
          .replace("\"version\": \"flow-seq-v1\"", "\"version\": \"" + version + "\""));
    }
  }

  @Test
  void listUseAndRollbackMoveTheCurrentVersion(@TempDir Path dir) throws IOException {
    Path models = dir.resolve("models");
    addVersion(models, "flow-seq-v2");

    VigilRun use = VigilRun.of("model", "use", "flow-seq-v2", "--models", models.toString());
    VigilRun list = VigilRun.of("model", "list", "--models", models.toString());
    VigilRun rollback = VigilRun.of("model", "rollback", "--models", models.toString());
    VigilRun again = VigilRun.of("model", "rollback", "--models", models.toString());

    assertEquals(0, use.exitCode(), use.err());
    assertEquals("flow-seq-v2 is current", use.out().strip());
    assertTrue(list.out().lines().anyMatch(line -> line.startsWith("*") && line.contains("flow-seq-v2")), list.out());
    assertTrue(list.out().lines().anyMatch(line -> !line.startsWith("*") && line.contains("flow-seq-v1")
        && line.contains("bundled")), list.out());
    assertEquals("flow-seq-v1 is current", rollback.out().strip());
    assertTrue(again.exitCode() != 0);
    assertTrue(again.err().contains("nothing earlier to roll back to"), again.err());
  }

  @Test
  void useNamesTheVersionsWhenAskedForOneThatIsNotThere(@TempDir Path dir) {
    VigilRun use = VigilRun.of("model", "use", "flow-seq-v7", "--models", dir.toString());

    assertTrue(use.exitCode() != 0);
    assertTrue(use.err().contains("no model version flow-seq-v7") && use.err().contains("[flow-seq-v1]"), use.err());
  }

  @Test
  void finetuneStoresTheNextVersionTrainedWithTheSeedAndMembersAskedFor(@TempDir Path dir) throws IOException {
    FakeTrainingScripts scripts = FakeTrainingScripts.in(dir);
    Path models = dir.resolve("models");
    Path labelled = Files.writeString(dir.resolve("labelled.csv"), "ts,src_ip,label\n");

    VigilRun run = VigilRun.of("model", "finetune", "--flows", labelled.toString(), "--models", models.toString(),
        "--seed", "11", "--members", "5", "--python", "/usr/bin/python3", "--python-dir",
        scripts.directory().toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("flow-seq-v2 is current"), run.out());
    assertEquals(1, scripts.calls().size());
    String call = scripts.calls().get(0);
    assertTrue(call.contains("--name flow-seq-v2 --labels --train-fraction 1.0 --seed 11 --members 5"), call);
  }

  @Test
  void finetuneWithoutThePythonScriptsSaysWhy(@TempDir Path dir) {
    VigilRun run = VigilRun.of("model", "finetune", "--flows", "labelled.csv", "--models", dir.toString(),
        "--python", "/no/such/python3");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("cannot train: no /no/such/python3"), run.err());
  }
}
