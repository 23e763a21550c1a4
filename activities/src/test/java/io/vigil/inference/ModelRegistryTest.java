package io.vigil.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

  /** A fine-tuned version in the folder: the bundled model's files under another name, with its version renamed. */
  private static void addVersion(Path folder, String version) throws IOException {
    Model bundled = Model.bundled();
    Files.createDirectories(folder);
    Files.write(folder.resolve(version + ".onnx"), bundled.onnx());
    try (var card = ModelRegistryTest.class.getClassLoader().getResourceAsStream("models/flow-seq-v1.json")) {
      String json = new String(card.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("\"version\": \"flow-seq-v1\"", "\"version\": \"" + version + "\"");
      Files.writeString(folder.resolve(version + ".json"), json);
    }
  }

  @Test
  void withNothingInTheFolderTheBundledModelIsCurrent(@TempDir Path folder) {
    ModelRegistry registry = new ModelRegistry(folder.resolve("models"));

    assertEquals(List.of("flow-seq-v1"), registry.versions());
    assertEquals("flow-seq-v1", registry.current().card().version());
    assertEquals("flow-seq-v2", registry.nextVersion());
    IllegalStateException nothing = assertThrows(IllegalStateException.class, registry::rollback);
    assertTrue(nothing.getMessage().contains("nothing earlier to roll back to"), nothing.getMessage());
  }

  @Test
  void useMakesAVersionCurrentAndRollbackReturnsToTheOneBefore(@TempDir Path folder) throws IOException {
    ModelRegistry registry = new ModelRegistry(folder);
    addVersion(folder, "flow-seq-v2");
    addVersion(folder, "flow-seq-v3");

    registry.use("flow-seq-v2");
    registry.use("flow-seq-v3");

    assertEquals(List.of("flow-seq-v1", "flow-seq-v2", "flow-seq-v3"), registry.versions());
    assertEquals("flow-seq-v3", registry.currentVersion());
    assertEquals("flow-seq-v3", registry.current().card().version());
    assertEquals("flow-seq-v4", registry.nextVersion());
    assertEquals("flow-seq-v2", registry.rollback());
    assertEquals("flow-seq-v1", registry.rollback());
    assertEquals("flow-seq-v1", registry.current().card().version());

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> registry.use("v9"));
    assertTrue(unknown.getMessage().contains("no model version v9"), unknown.getMessage());
  }
}
