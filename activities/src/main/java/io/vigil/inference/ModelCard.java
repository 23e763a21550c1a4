package io.vigil.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the inference code needs from a model's card (the JSON beside the ONNX file): its version, the names of its
 * input and output, the window length and stride and feature count of its input, and the normalisation of the
 * features it was trained with.
 *
 * @param standardised how many leading features are standardised with {@code means} and {@code stds}
 */
public record ModelCard(
    String version,
    String input,
    String output,
    int length,
    int stride,
    int features,
    int standardised,
    double[] means,
    double[] stds) {

  public ModelCard {
    if (means.length != standardised || stds.length != standardised || features != FlowFeatures.COUNT) {
      throw new IllegalArgumentException("model card " + version + ": " + features + " features (Vigil computes "
          + FlowFeatures.COUNT + "), " + means.length + " means and " + stds.length + " standard deviations for "
          + standardised + " standardised features");
    }
  }

  /** Reads a card written by the training script. */
  public static ModelCard read(Path json) {
    try {
      return parse(new ObjectMapper().readTree(json.toFile()), json.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read model card " + json + ": " + e.getMessage(), e);
    }
  }

  /** Parses a card's JSON text; {@code name} says where it came from, for messages. */
  public static ModelCard parse(byte[] text, String name) {
    try {
      return parse(new ObjectMapper().readTree(text), name);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read model card " + name + ": " + e.getMessage(), e);
    }
  }

  private static ModelCard parse(JsonNode card, String json) {
    {
      JsonNode normalisation = required(card, "normalisation", json);
      double[] means = doubles(required(normalisation, "mean", json));
      double[] stds = doubles(required(normalisation, "std", json));
      JsonNode standardised = required(normalisation, "standardised_features", json);
      for (int i = 0; i < standardised.size(); i++) {
        if (standardised.get(i).asInt() != i) {
          throw new IllegalArgumentException("model card " + json + ": Vigil standardises the leading features, "
              + "but the card standardises " + standardised);
        }
      }
      JsonNode sequencing = required(card, "sequencing", json);
      return new ModelCard(required(card, "version", json).asText(),
          required(required(card, "input", json), "name", json).asText(),
          required(required(card, "output", json), "name", json).asText(),
          required(sequencing, "window", json).asInt(), required(sequencing, "stride", json).asInt(),
          required(card, "features", json).size(), standardised.size(), means, stds);
    }
  }

  private static JsonNode required(JsonNode node, String field, String json) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("model card " + json + " has no field " + field);
    }
    return value;
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }
}
