package io.vigil.config;

import io.vigil.model.BackendKind;
import io.vigil.model.anomaly.AnomalySettings;
import java.time.Duration;

/**
 * The global configuration (watchlist {@code SentinelCustomAnalytics_GlobalConfiguration}, Key/Value): how often
 * the jobs run and the defaults for empty per-row values. {@link #BUILT_IN} holds the defaults used for keys the
 * file does not set.
 *
 * @param seriesGenerationFrequency SeriesGenerationFrequency (minutes): how often series generation runs
 * @param forecastGenerationFrequency ForecastGenerationFrequency (minutes): how often forecasts run
 * @param binSize DefaultTimeSeriesBinSize (minutes)
 * @param generationDelay DefaultTimeSeriesGenerationDelay (minutes)
 * @param maxGenerationPeriod DefaultMaxTimeSeriesGenerationPeriod (days)
 * @param minForecastLookback DefaultMinForecastLookbackPeriod (days)
 * @param maxForecastLookback DefaultMaxForecastLookbackPeriod (days)
 * @param forecastBins DefaultForecastGenerationPeriod (bins)
 * @param defaultBackend DefaultBackend: where rows without a Backend cell are read and written
 * @param anomalies the anomaly keys (AnomalyFences, BaselineLookbackPeriod, DefaultAnomalyWeight and the others of
 *     {@link WatchlistLoader#GLOBAL_KEYS}), without the rows of the anomaly watchlists
 */
public record GlobalConfig(
    Duration seriesGenerationFrequency,
    Duration forecastGenerationFrequency,
    Duration binSize,
    Duration generationDelay,
    Duration maxGenerationPeriod,
    Duration minForecastLookback,
    Duration maxForecastLookback,
    int forecastBins,
    BackendKind defaultBackend,
    AnomalySettings anomalies) {

  public static final GlobalConfig BUILT_IN = new GlobalConfig(
      Duration.ofMinutes(5),
      Duration.ofMinutes(60),
      Duration.ofMinutes(60),
      Duration.ofMinutes(30),
      Duration.ofDays(14),
      Duration.ofDays(3),
      Duration.ofDays(28),
      24,
      BackendKind.DUCKDB,
      AnomalySettings.BUILT_IN);
}
