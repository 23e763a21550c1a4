package io.vigil.forecast;

import io.vigil.model.forecast.ForecastMethod;
import java.time.Duration;

/** The model behind each {@link ForecastMethod}, set up for a row's bin size. */
public final class ForecastModels {

  private static final Duration DAY = Duration.ofDays(1);

  private ForecastModels() {}

  public static ForecastModel create(ForecastMethod method, Duration binSize) {
    return switch (method) {
      case KQL -> KqlDecomposeForecast.withDefaults();
      case KQL_LINEFIT -> new KqlDecomposeForecast(KqlDecomposeForecast.AUTO_DETECT, Trend.LINEFIT,
          KqlDecomposeForecast.DEFAULT_SEASONALITY_THRESHOLD);
      // The tuned settings are for hourly bins; other bin sizes keep them with the day and week in their bins.
      case MULTISEASONAL -> new MultiSeasonalForecast(
          MultiSeasonalForecast.Settings.HOURLY.withPointsPerDay(binsPerDay(method, binSize)));
      case SNAIVE -> new SeasonalNaive(binsPerDay(method, binSize));
    };
  }

  /** Bins in a day; the daily models need a bin size that divides the day (the watchlist loader checks it). */
  private static int binsPerDay(ForecastMethod method, Duration binSize) {
    if (DAY.toSeconds() % binSize.toSeconds() != 0) {
      throw new IllegalArgumentException("forecast model " + method.id() + " needs a TimeSeriesBinSize that divides a "
          + "day; " + binSize.toMinutes() + " minutes does not");
    }
    return (int) (DAY.toSeconds() / binSize.toSeconds());
  }
}
