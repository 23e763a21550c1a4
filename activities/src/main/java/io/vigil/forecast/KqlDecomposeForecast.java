package io.vigil.forecast;

import java.util.Locale;

/**
 * KQL's {@code series_decompose_forecast(series, points, seasonality, trend, seasonality_threshold)}: the series is
 * decomposed into a trend ({@link Trend}) and a seasonal component (the per-phase median of the detrended series),
 * and their sum, the baseline, is extended over the forecast points.
 *
 * <p>Mapping to KQL: KQL receives one series whose last {@code points} entries are empty slots to forecast and are
 * left out of the fit. Here the model receives only the fitted part ({@code history}) and {@code horizon} =
 * {@code points}; the forecast for step {@code h} is KQL's baseline at index {@code history.length + h - 1}, so
 * phases count from the first history point exactly as in KQL.
 *
 * <p>Seasonality: {@link #AUTO_DETECT} (-1) detects the period with {@link PeriodDetector} on the history, 0 means
 * none, a positive value is used as the period (a period longer than the history is treated as none).
 *
 * <p>Bounds: KQL returns none; these are normal 95% bounds, {@code baseline ± 1.96 * sigma}, with {@code sigma} the
 * root mean square of the in-sample residuals (history minus baseline), the same for every step, because the
 * baseline itself does not get less certain with the horizon.
 */
public final class KqlDecomposeForecast implements ForecastModel {

  public static final int AUTO_DETECT = -1;
  public static final double DEFAULT_SEASONALITY_THRESHOLD = 0.6;

  private final int seasonality;
  private final Trend trend;
  private final double seasonalityThreshold;

  public KqlDecomposeForecast(int seasonality, Trend trend, double seasonalityThreshold) {
    if (seasonality < AUTO_DETECT) {
      throw new IllegalArgumentException("seasonality must be -1 (detect), 0 (none) or a period, was " + seasonality);
    }
    this.seasonality = seasonality;
    this.trend = trend;
    this.seasonalityThreshold = seasonalityThreshold;
  }

  /** KQL's defaults: auto-detected seasonality, trend {@code avg}, threshold 0.6. */
  public static KqlDecomposeForecast withDefaults() {
    return new KqlDecomposeForecast(AUTO_DETECT, Trend.AVG, DEFAULT_SEASONALITY_THRESHOLD);
  }

  @Override
  public String name() {
    String period = seasonality == AUTO_DETECT ? "" : "-p" + seasonality;
    return "kql-" + trend.name().toLowerCase(Locale.ROOT) + period;
  }

  /** The period the model uses for {@code history}: detected, fixed, or 0 for none. */
  public int period(double[] history) {
    int period = seasonality == AUTO_DETECT
        ? PeriodDetector.detect(history, seasonalityThreshold).period()
        : seasonality;
    return period <= history.length ? period : 0;
  }

  @Override
  public Forecast forecast(double[] history, int horizon) {
    ForecastModel.checkArguments(history, horizon);
    int n = history.length;
    Trend.Line trendLine = trend.fit(history);
    int period = period(history);
    double[] seasonalProfile = {0};
    if (period > 0) {
      double[] detrended = new double[n];
      for (int t = 0; t < n; t++) {
        detrended[t] = history[t] - trendLine.at(t);
      }
      seasonalProfile = SeriesMath.perPhase(detrended, period, SeriesMath.PhaseStatistic.MEDIAN);
    }
    // The residuals' root mean square in one pass, without storing them; NaN residuals (gaps in the history) are
    // skipped, as SeriesMath.rootMeanSquare skips them, and the sum runs in the same order, so sigma is unchanged to
    // the bit. The phase is counted along rather than taken as t % period, a division per point.
    int phase = 0;
    double sumOfSquares = 0;
    int counted = 0;
    for (int t = 0; t < n; t++) {
      double residual = history[t] - (trendLine.at(t) + seasonalProfile[phase]);
      if (!Double.isNaN(residual)) {
        sumOfSquares += residual * residual;
        counted++;
      }
      phase = phase + 1 == seasonalProfile.length ? 0 : phase + 1;
    }
    double sigma = counted == 0 ? 0 : Math.sqrt(sumOfSquares / counted);
    double[] mean = new double[horizon];
    double[] standardError = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      mean[h] = trendLine.at(n + h) + seasonalProfile[phase];
      standardError[h] = sigma;
      phase = phase + 1 == seasonalProfile.length ? 0 : phase + 1;
    }
    return Forecast.withNormalBounds(mean, standardError);
  }
}
