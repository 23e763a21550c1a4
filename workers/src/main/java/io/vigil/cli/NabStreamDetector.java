package io.vigil.cli;

import io.vigil.anomaly.AnomalyRule;
import io.vigil.anomaly.TrailingWindow;
import io.vigil.anomaly.TukeyFences;
import java.time.Instant;

/**
 * Vigil's anomaly rule as a NAB detector for one series, fed point by point: each point is scored with only the
 * points before it. The forecast is the median of the previous {@link #PREDICTOR_POINTS} values, which follows a
 * level shift within a few points and is not pulled by a single spike (NAB's series share no seasonal period); the
 * residual is scored with the 10th-90th percentile fences of the residuals of the previous
 * {@link #WINDOW_POINTS} points, and the score is mapped into [0, 1] by {@link #normalised}. Not thread-safe.
 */
final class NabStreamDetector {

  static final int PREDICTOR_POINTS = 5;
  /** Seven days of NAB's usual 5-minute interval. */
  static final int WINDOW_POINTS = 7 * 24 * 12;
  /** Fewer residuals than this give percentiles too unsteady to score against. */
  static final int MINIMUM_POINTS = 100;

  private static final TukeyFences FENCES = TukeyFences.customTukey();

  private final TrailingWindow recentValues = new TrailingWindow(PREDICTOR_POINTS);
  private final AnomalyRule.Tracker rule = new AnomalyRule(FENCES, WINDOW_POINTS, MINIMUM_POINTS).tracker(0);

  /** The anomaly score in [0, 1] of the next point; the first point, with nothing to forecast from, scores 0. */
  double next(Instant time, double value) {
    double score = 0;
    if (recentValues.size() > 0) {
      score = rule.next(new AnomalyRule.Bin(time, value, recentValues.percentile(50))).score();
    }
    recentValues.add(value);
    return normalised(score);
  }

  /**
   * {@code |score| / (|score| + k)}: 0 inside the fences, 0.5 exactly at the anomaly threshold {@code |score| = k},
   * towards 1 as the score grows, 1 for an infinite score (a deviation after constant residuals).
   */
  static double normalised(double score) {
    double magnitude = Math.abs(score);
    return Double.isInfinite(magnitude) ? 1 : magnitude / (magnitude + FENCES.k());
  }
}
