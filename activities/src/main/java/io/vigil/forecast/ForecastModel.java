package io.vigil.forecast;

/**
 * A univariate forecasting model: given the history of one regularly spaced series, it predicts the next points.
 * Implementations are pure computation, stateless and safe to share between threads, so one instance can serve
 * every series of a watchlist row.
 */
public interface ForecastModel {

  /** A short, stable name (letters, digits and dashes), used on the command line and written with predictions. */
  String name();

  /**
   * Forecasts {@code horizon} points following {@code history}; point {@code h} (0-based) of the result is the
   * prediction for the bin {@code h + 1} steps after the last history point.
   *
   * @throws IllegalArgumentException when the history is empty or the horizon is not positive
   */
  Forecast forecast(double[] history, int horizon);

  /** The argument checks every model shares. */
  static void checkArguments(double[] history, int horizon) {
    if (history.length == 0) {
      throw new IllegalArgumentException("the history is empty");
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("the horizon must be at least 1, was " + horizon);
    }
  }
}
