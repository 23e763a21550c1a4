package io.vigil.model.forecast;

import io.vigil.model.SourceConfig;
import java.time.Duration;

/**
 * Input of {@link ForecastWorkflow}: the validated watchlist row, and how far back to warm up on the source's first
 * forecast (ForecastWarmUpPeriod; {@link Duration#ZERO} for none).
 */
public record ForecastInput(SourceConfig config, Duration warmUp) {}
