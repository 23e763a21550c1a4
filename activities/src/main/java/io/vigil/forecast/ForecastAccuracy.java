package io.vigil.forecast;

/**
 * The M4 competition's accuracy measures for one series, as its R code computes them. Dataset figures are the means
 * of these per-series values; OWA is then formed from those means.
 */
public final class ForecastAccuracy {

  private ForecastAccuracy() {}

  /** Symmetric MAPE in percent: the mean over the horizon of {@code 200 |y - f| / (|y| + |f|)}. */
  public static double smape(double[] actual, double[] forecast) {
    checkSameLength(actual, forecast);
    double sum = 0;
    for (int h = 0; h < actual.length; h++) {
      sum += 200 * Math.abs(actual[h] - forecast[h]) / (Math.abs(actual[h]) + Math.abs(forecast[h]));
    }
    return sum / actual.length;
  }

  /**
   * Mean absolute scaled error: the mean absolute forecast error divided by the in-sample mean absolute error of the
   * seasonal naive forecast with period {@code period} ({@code mean |y_t - y_{t-m}|} over the training part).
   */
  public static double mase(double[] training, double[] actual, double[] forecast, int period) {
    checkSameLength(actual, forecast);
    if (training.length <= period) {
      throw new IllegalArgumentException("MASE needs more than " + period + " training points, got " + training.length);
    }
    double scaleSum = 0;
    for (int t = period; t < training.length; t++) {
      scaleSum += Math.abs(training[t] - training[t - period]);
    }
    double scale = scaleSum / (training.length - period);
    double errorSum = 0;
    for (int h = 0; h < actual.length; h++) {
      errorSum += Math.abs(actual[h] - forecast[h]);
    }
    return errorSum / actual.length / scale;
  }

  /** Overall weighted average: the mean of the model's sMAPE and MASE, each relative to Naive2's. */
  public static double owa(double smape, double mase, double naive2Smape, double naive2Mase) {
    return 0.5 * (smape / naive2Smape + mase / naive2Mase);
  }

  private static void checkSameLength(double[] actual, double[] forecast) {
    if (actual.length != forecast.length || actual.length == 0) {
      throw new IllegalArgumentException("actual and forecast must have the same, non-zero length; got "
          + actual.length + " and " + forecast.length);
    }
  }
}
