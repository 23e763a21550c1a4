package io.vigil.forecast;

/**
 * Detects the dominant period of a series in the manner of KQL's {@code series_periods_detect}: candidate periods
 * run from 4 points to half the series length and each gets a score in [0, 1]; the best candidate is kept when its
 * score reaches the threshold. Microsoft does not document its scorer; this one (see docs/forecasting.md) is:
 *
 * <ol>
 *   <li>the series is detrended by a least-squares line, so that a trend does not look like a long period;
 *   <li>the score of period {@code p} is the sample autocorrelation at lag {@code p}, rescaled by {@code N / (N - p)}
 *       to undo the shrinkage of long lags, clamped to [0, 1];
 *   <li>only local maxima of the score are candidates (a period sits on a peak of the correlogram, strictly above the
 *       lag before it, so the slowly decaying start of a long cycle's correlogram is no candidate);
 *   <li>harmonics are folded: when a candidate that divides the best one scores at least 90% of it, the shortest
 *       such divisor wins, because a series with period 24 correlates almost as well at 48, 72, ...; ties go to the
 *       shorter period.
 * </ol>
 *
 * <p>The correlogram is computed through the periodogram ({@link Autocorrelation}); the periodogram is not used to
 * move the winner, because with the few cycles a forecast lookback holds (four weeks for a weekly period) its
 * resolution at neighbouring periods is no better than the correlogram's.
 */
public final class PeriodDetector {

  /** The shortest period considered, as KQL's forecast functions. */
  public static final int MIN_PERIOD = 4;

  /** A divisor of the best period wins when it scores at least this fraction of the best score. */
  static final double HARMONIC_FRACTION = 0.9;

  private PeriodDetector() {}

  /** A detected period and its score; period 0 means none reached the threshold. */
  public record Detection(int period, double score) {}

  /** The best period of {@code series}, or period 0 when no candidate scores at least {@code threshold}. */
  public static Detection detect(double[] series, double threshold) {
    double[] scores = scores(series, Trend.LINEFIT.fit(series));
    int maxPeriod = scores.length - 1;
    int best = 0;
    for (int p = MIN_PERIOD; p <= maxPeriod; p++) {
      if (isPeak(scores, p) && (best == 0 || scores[p] > scores[best])) {
        best = p;
      }
    }
    if (best == 0 || scores[best] < threshold) {
      return new Detection(0, best == 0 ? 0 : scores[best]);
    }
    for (int p = MIN_PERIOD; p < best; p++) {
      if (best % p == 0 && isPeak(scores, p) && scores[p] >= HARMONIC_FRACTION * scores[best]
          && scores[p] >= threshold) {
        return new Detection(p, scores[p]);
      }
    }
    return new Detection(best, scores[best]);
  }

  /**
   * Scores of {@code series} minus the trend {@code line} for periods 0 to {@code N / 2}; entry 0 is left at 0, since
   * lag 0 always correlates perfectly.
   */
  private static double[] scores(double[] series, Trend.Line line) {
    int n = series.length;
    int maxPeriod = n / 2;
    if (maxPeriod < MIN_PERIOD) {
      return new double[Math.max(maxPeriod, 0) + 1];
    }
    // The correlogram is turned into the scores in place: it is this call's own array.
    double[] scores = Autocorrelation.ofResiduals(series, line, maxPeriod);
    scores[0] = 0;
    for (int p = 1; p <= maxPeriod; p++) {
      scores[p] = Math.max(0, Math.min(1, scores[p] * n / (n - p)));
    }
    return scores;
  }

  /** Whether period {@code p} is a local maximum of the scores (a plateau counts once, at its start). */
  private static boolean isPeak(double[] scores, int p) {
    boolean aboveLeft = scores[p] > scores[p - 1];
    boolean notBelowRight = p == scores.length - 1 || scores[p] >= scores[p + 1];
    return scores[p] > 0 && aboveLeft && notBelowRight;
  }
}
