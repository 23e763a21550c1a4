package io.vigil.model.forecast;

import io.vigil.model.SourceConfig;

/** Input of {@link ForecastWorkflow}: the validated watchlist row. */
public record ForecastInput(SourceConfig config) {}
