package io.vigil.config;

import io.vigil.model.BackendKind;
import java.util.Map;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.AnomalySettings;
import java.util.List;

/**
 * The watchlists after loading: the global configuration, every valid source row with defaults applied, the anomaly
 * settings with the valid AnomaliesConfiguration and AnomaliesExceptions rows, and one error per bad value. Rows with
 * errors are left out; every other row still runs.
 */
public record Watchlists(GlobalConfig global, List<SourceConfig> sources, Map<String, BackendKind> backends,
    AnomalySettings anomalies, List<ConfigError> errors) {

  /** The backend of a source: its row's Backend cell, else DefaultBackend. */
  public BackendKind backendOf(String source) {
    return backends.getOrDefault(source, global.defaultBackend());
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }
}
