package io.vigil.model.anomaly;

import io.vigil.model.SourceConfig;

/** Input of {@link AnomalyWorkflow}: the validated watchlist row and the anomaly settings. */
public record AnomalyInput(SourceConfig config, AnomalySettings settings) {}
