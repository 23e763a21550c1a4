package io.vigil.model.forecast;

import io.vigil.model.SourceConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * Input of {@link ForecastActivities#forecastSource}: the row, the run's time, which names its predictions, and the
 * warm-up period of {@link ForecastInput}.
 */
public record ForecastRequest(SourceConfig config, Instant runTime, Duration warmUp) {}
