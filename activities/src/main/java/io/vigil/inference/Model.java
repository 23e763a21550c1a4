package io.vigil.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model: its ONNX bytes and its card. The bundled one ({@link #bundled}) ships in the jar under {@code models/};
 * fine-tuned versions will live beside the DuckDB file.
 *
 * @param name where it came from, for messages
 */
public record Model(String name, byte[] onnx, ModelCard card) {

  /** The version shipped with Vigil. */
  public static final String BUNDLED_VERSION = "flow-seq-v1";

  /** The model shipped in the jar. */
  public static Model bundled() {
    String base = "models/" + BUNDLED_VERSION;
    byte[] onnx = resource(base + ".onnx");
    return new Model(base + ".onnx", onnx, ModelCard.parse(resource(base + ".json"), base + ".json"));
  }

  /** The model {@code name} in {@code directory}: {@code name.onnx} and its card {@code name.json}. */
  public static Model fromDirectory(Path directory, String name) {
    Path onnx = directory.resolve(name + ".onnx");
    Path card = directory.resolve(name + ".json");
    try {
      return new Model(onnx.toString(), Files.readAllBytes(onnx), ModelCard.read(card));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read model " + onnx + ": " + e.getMessage(), e);
    }
  }

  private static byte[] resource(String path) {
    try (InputStream in = Model.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the bundled model file " + path + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled model file " + path + ": " + e.getMessage(), e);
    }
  }
}
