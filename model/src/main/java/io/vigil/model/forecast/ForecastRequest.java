package io.vigil.model.forecast;

import io.vigil.model.SourceConfig;
import java.time.Instant;

/** Input of {@link ForecastActivities#forecastSource}: the row and the run's time, which names its predictions. */
public record ForecastRequest(SourceConfig config, Instant runTime) {}
