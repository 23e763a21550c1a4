package io.vigil.model.anomaly;

import io.vigil.model.SourceConfig;
import java.time.Instant;

/** Input of {@link AnomalyActivities#detectAnomalies}: the row, the settings and the run's time. */
public record AnomalyRequest(SourceConfig config, AnomalySettings settings, Instant runTime) {}
