package io.vigil.forecast;

/**
 * Point forecasts with prediction bounds, one entry per forecast step. Every model documents how it derives its
 * bounds; all of them aim at a central 95% prediction interval.
 *
 * @param mean the point forecast
 * @param lower the lower prediction bound, never above {@code mean}
 * @param upper the upper prediction bound, never below {@code mean}
 */
public record Forecast(double[] mean, double[] lower, double[] upper) {

  /** The two-sided 95% quantile of the standard normal distribution. */
  public static final double Z_95 = 1.959963984540054;

  public Forecast {
    if (lower.length != mean.length || upper.length != mean.length) {
      throw new IllegalArgumentException("mean, lower and upper must have the same length");
    }
  }

  /**
   * Normal 95% bounds: {@code mean[h] ± Z_95 * standardError[h]}. Used by the models whose errors are assumed
   * Gaussian on the scale they forecast on.
   */
  public static Forecast withNormalBounds(double[] mean, double[] standardError) {
    double[] lower = new double[mean.length];
    double[] upper = new double[mean.length];
    for (int h = 0; h < mean.length; h++) {
      lower[h] = mean[h] - Z_95 * standardError[h];
      upper[h] = mean[h] + Z_95 * standardError[h];
    }
    return new Forecast(mean, lower, upper);
  }
}
