package io.vigil.forecast;

/**
 * Classical decomposition by moving averages, as R's {@code decompose}: the trend is a centred moving average over
 * one period, the seasonal figure the per-phase mean of the detrended series, normalised. Both Naive2 (multiplicative)
 * and the multi-seasonal model's trend estimate use this class, so there is one implementation of the filter.
 */
final class ClassicalDecomposition {

  private ClassicalDecomposition() {}

  /**
   * The centred moving average over {@code period} points: weights {@code c(0.5, rep(1, m - 1), 0.5) / m} for an even
   * period and {@code rep(1, m) / m} for an odd one, NaN where the window runs off either end (R's {@code filter}
   * with {@code sides = 2}).
   */
  static double[] centredMovingAverage(double[] x, int period) {
    int n = x.length;
    int half = period / 2;
    // Running sums make each window O(1), so a week of 10-minute bins costs no more than a day of hours.
    double[] prefix = new double[n + 1];
    for (int t = 0; t < n; t++) {
      prefix[t + 1] = prefix[t] + x[t];
    }
    double[] trend = new double[n];
    for (int t = 0; t < n; t++) {
      if (t - half < 0 || t + half >= n) {
        trend[t] = Double.NaN;
      } else if (period % 2 == 0) {
        double inner = prefix[t + half] - prefix[t - half + 1];
        trend[t] = (inner + 0.5 * (x[t - half] + x[t + half])) / period;
      } else {
        trend[t] = (prefix[t + half + 1] - prefix[t - half]) / period;
      }
    }
    return trend;
  }

  /**
   * R's {@code decompose(x, type = "multiplicative")$seasonal}: the ratios {@code x / trend}, averaged per phase
   * (phase 1 at the first point, NaN ratios skipped), normalised to mean 1, and repeated over the series length.
   */
  static double[] multiplicativeSeasonal(double[] x, int period) {
    double[] trend = centredMovingAverage(x, period);
    double[] ratios = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      ratios[t] = x[t] / trend[t];
    }
    double[] figure = SeriesMath.perPhase(ratios, period, SeriesMath.PhaseStatistic.MEAN);
    double figureMean = SeriesMath.mean(figure);
    double[] seasonal = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      seasonal[t] = figure[t % period] / figureMean;
    }
    return seasonal;
  }
}
