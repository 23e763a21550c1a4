package io.vigil.model.forecast;

import io.vigil.model.TimeRange;
import java.time.Instant;

/**
 * What one forecast run did.
 *
 * @param model the model's name, as written in the Prediction rows
 * @param historyEnd the source's watermark: the forecast starts at this bin; null when no series exist yet
 * @param keysForecast series keys forecast
 * @param keysSkipped series keys with less than MinForecastLookbackPeriod of history, not forecast
 * @param rowsWritten Prediction rows written (keys times bins times metrics)
 * @param horizon the bins forecast, or null when nothing was
 * @param warmUpForecasts forecasts made as of earlier times on the source's first run (ForecastWarmUpPeriod), so
 *     that the anomaly rule has forecasts of recent bins to compare them with
 */
public record ForecastResult(
    String source,
    Instant runTime,
    String model,
    Instant historyEnd,
    int keysForecast,
    int keysSkipped,
    long rowsWritten,
    TimeRange horizon,
    int warmUpForecasts) {}
