package io.vigil.mitre;

import java.util.Arrays;

/**
 * The confidence formula every rule shares. A rule names, for each piece of evidence, the threshold it must reach to
 * match at all and a saturation point past which more of it adds no certainty. The rule's confidence is
 * {@code FLOOR + (1 - FLOOR) * mean(progress)}, where each progress is how far the evidence went from its threshold
 * (0) to its saturation (1). A sequence that only just meets a rule is therefore a possible match ({@value #FLOOR}),
 * and one past every saturation point is certain as far as flows can tell (1).
 */
final class Confidence {

  /** Meeting every threshold only just is worth a "possible", not a "likely". */
  static final double FLOOR = 0.3;

  private Confidence() {}

  /**
   * How far {@code value} went from {@code threshold} towards {@code saturation}, from 0 to 1. The saturation may lie
   * below the threshold for evidence where less is more (a variation, a response size).
   */
  static double progress(double value, double threshold, double saturation) {
    return Math.max(0, Math.min(1, (value - threshold) / (saturation - threshold)));
  }

  /** {@link #progress} on a log scale, for amounts that span orders of magnitude (bytes, rates, ratios). */
  static double logProgress(double value, double threshold, double saturation) {
    return progress(Math.log10(Math.max(value, Double.MIN_NORMAL)), Math.log10(threshold), Math.log10(saturation));
  }

  static double of(double... progress) {
    return FLOOR + (1 - FLOOR) * Arrays.stream(progress).average().orElse(0);
  }

  /**
   * A rule's confidence tempered by the model's score (the probability that the sequence is malicious): the rule says
   * which technique the flows look like, the score how sure the model is that they are an attack at all, so a score
   * of 1 keeps the rule's confidence and a score of 0 halves it.
   */
  static double withModelScore(double ruleConfidence, double modelScore) {
    return ruleConfidence * (0.5 + 0.5 * modelScore);
  }
}
