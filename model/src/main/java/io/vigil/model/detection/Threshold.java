package io.vigil.model.detection;

/**
 * Where a sequence becomes a detection: above a fixed score ({@code score} set), or above the {@code percentile}-th
 * percentile of the dataset's scores (when {@code score} is null). A fixed score suits a model whose score is a
 * calibrated probability, as the bundled fine-tuned one's is; a percentile suits a self-supervised score, whose scale
 * differs from model to model.
 */
public record Threshold(Double score, double percentile) {

  /** The bundled model's score is a probability: a detection is a sequence more likely malicious than not. */
  public static final Threshold DEFAULT = fixed(0.5);

  public static Threshold fixed(double score) {
    return new Threshold(score, 0);
  }

  public static Threshold percentile(double percentile) {
    if (!(percentile > 0 && percentile < 100)) {
      throw new IllegalArgumentException("a threshold percentile lies strictly between 0 and 100, was " + percentile);
    }
    return new Threshold(null, percentile);
  }
}
