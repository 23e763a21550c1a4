package io.vigil.model.forecast;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The activities of forecasting. Implementations live with the backends; workflows see only this contract. */
@ActivityInterface
public interface ForecastActivities {

  /**
   * Reads the source's TimeSeries rows over at most MaxForecastLookbackPeriod before its watermark, skips keys with
   * less than MinForecastLookbackPeriod of history, fills empty bins with 0, forecasts ForecastGenerationPeriod
   * bins of Count (and of Sum when the row has a size field) and writes them as Prediction rows of this run time,
   * replacing any the same run time wrote before. When the source has no predictions yet and the request has a
   * warm-up period, first forecasts as of every horizon step over that period before the watermark, each from the
   * history before its own start, named by that start.
   */
  @ActivityMethod
  ForecastResult forecastSource(ForecastRequest request);
}
