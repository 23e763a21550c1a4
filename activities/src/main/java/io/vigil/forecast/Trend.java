package io.vigil.forecast;

import java.util.Arrays;

/** The trend options of KQL's {@code series_decompose}: how the trend component is fitted and extended. */
public enum Trend {
  /** The mean of the series, constant over the forecast (KQL's default). */
  AVG,
  /** The least-squares line through the series, extended over the forecast. */
  LINEFIT,
  /** No trend: the component is 0. */
  NONE;

  /** The fitted trend at positions {@code 0 .. length - 1} of a series {@code series}, length at least its own. */
  double[] fit(double[] series, int length) {
    double[] trend = new double[length];
    switch (this) {
      case AVG -> Arrays.fill(trend, SeriesMath.mean(series));
      case LINEFIT -> {
        int n = series.length;
        double meanT = (n - 1) / 2.0;
        double meanY = SeriesMath.mean(series);
        double covariance = 0;
        double variance = 0;
        for (int t = 0; t < n; t++) {
          covariance += (t - meanT) * (series[t] - meanY);
          variance += (t - meanT) * (t - meanT);
        }
        double slope = variance == 0 ? 0 : covariance / variance;
        for (int t = 0; t < length; t++) {
          trend[t] = meanY + slope * (t - meanT);
        }
      }
      case NONE -> { }
    }
    return trend;
  }

  /** The series minus its fitted trend. */
  double[] residuals(double[] series) {
    double[] trend = fit(series, series.length);
    double[] residuals = new double[series.length];
    for (int t = 0; t < series.length; t++) {
      residuals[t] = series[t] - trend[t];
    }
    return residuals;
  }
}
