package io.vigil.forecast;

import java.util.Arrays;

/**
 * The M4 competition's Naive2 benchmark, as its R code: when the series passes the 90% seasonality test at period
 * {@code m}, it is deseasonalised with R's classical multiplicative decomposition, forecast naively (the last
 * deseasonalised value) and reseasonalised with the last {@code m} seasonal indices; otherwise the plain naive
 * forecast is used. The M4 OWA is relative to this model.
 *
 * <p>Bounds: normal 95% bounds for the naive forecast of the (deseasonalised) series, {@code sigma * sqrt(h)} with
 * {@code sigma} the root mean square of its one-step differences, multiplied by the seasonal index like the mean.
 */
public final class Naive2 implements ForecastModel {

  /** The one-sided 95% normal quantile the M4 code uses, which makes the test a 90% two-sided one. */
  private static final double T_CRIT = 1.645;

  private final int period;

  public Naive2(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("the period must be at least 1, was " + period);
    }
    this.period = period;
  }

  @Override
  public String name() {
    return "naive2";
  }

  /**
   * The M4 {@code SeasonalityTest}: seasonal iff {@code N >= 3m} and
   * {@code |acf_m| > 1.645 / sqrt(N) * sqrt(1 + 2 * sum_{k=1}^{m-1} acf_k^2)}. Period 1 is never seasonal.
   */
  public boolean isSeasonal(double[] history) {
    int n = history.length;
    if (period < 2 || n < 3 * period) {
      return false;
    }
    double[] acf = Autocorrelation.of(history, period);
    double sumOfSquares = 0;
    for (int k = 1; k < period; k++) {
      sumOfSquares += acf[k] * acf[k];
    }
    double limit = T_CRIT / Math.sqrt(n) * Math.sqrt(1 + 2 * sumOfSquares);
    return Math.abs(acf[period]) > limit;
  }

  @Override
  public Forecast forecast(double[] history, int horizon) {
    ForecastModel.checkArguments(history, horizon);
    int n = history.length;
    double[] adjusted = history;
    double[] outOfSampleIndex = new double[horizon];
    Arrays.fill(outOfSampleIndex, 1);
    if (isSeasonal(history)) {
      double[] seasonal = ClassicalDecomposition.multiplicativeSeasonal(history, period);
      adjusted = new double[n];
      for (int t = 0; t < n; t++) {
        adjusted[t] = history[t] / seasonal[t];
      }
      for (int h = 1; h <= horizon; h++) {
        outOfSampleIndex[h - 1] = seasonal[n - period + (h - 1) % period];
      }
    }
    double last = adjusted[n - 1];
    double sigma = SeriesMath.rootMeanSquare(SeasonalNaive.laggedDifferences(adjusted, 1));
    double[] mean = new double[horizon];
    double[] standardError = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      mean[h - 1] = last * outOfSampleIndex[h - 1];
      standardError[h - 1] = sigma * Math.sqrt(h) * Math.abs(outOfSampleIndex[h - 1]);
    }
    return Forecast.withNormalBounds(mean, standardError);
  }
}
