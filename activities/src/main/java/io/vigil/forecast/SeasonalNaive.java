package io.vigil.forecast;

/**
 * The seasonal naive forecast (sNaive) with period {@code m}: every point repeats the value one whole number of
 * periods earlier, {@code f(T + h) = y(T + h - m * ceil(h / m))}. A history shorter than one period has no full
 * season to repeat and gets the plain naive forecast (the last value).
 *
 * <p>Bounds: normal 95% bounds from the root mean square {@code sigma} of the in-sample seasonal differences
 * {@code y_t - y_{t-m}}, widening as {@code sigma * sqrt(ceil(h / m))}, as R's {@code forecast::snaive} does. With
 * under one period of history the one-step differences are used instead, widening as {@code sqrt(h)}.
 */
public final class SeasonalNaive implements ForecastModel {

  private final int period;

  public SeasonalNaive(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("the period must be at least 1, was " + period);
    }
    this.period = period;
  }

  @Override
  public String name() {
    return "snaive";
  }

  @Override
  public Forecast forecast(double[] history, int horizon) {
    ForecastModel.checkArguments(history, horizon);
    int n = history.length;
    int lag = n >= period ? period : 1;
    double[] mean = new double[horizon];
    double[] standardError = new double[horizon];
    double sigma = SeriesMath.rootMeanSquare(laggedDifferences(history, lag));
    for (int h = 1; h <= horizon; h++) {
      mean[h - 1] = history[n - lag + (h - 1) % lag];
      standardError[h - 1] = sigma * Math.sqrt((h + lag - 1) / lag);
    }
    return Forecast.withNormalBounds(mean, standardError);
  }

  /** {@code y_t - y_{t-lag}} for every t that has a predecessor {@code lag} steps back. */
  static double[] laggedDifferences(double[] history, int lag) {
    double[] differences = new double[Math.max(0, history.length - lag)];
    for (int t = lag; t < history.length; t++) {
      differences[t - lag] = history[t] - history[t - lag];
    }
    return differences;
  }
}
