package io.vigil.config;

import io.vigil.model.SourceConfig;
import java.util.List;

/**
 * Both watchlists after loading: the global configuration, every valid source row with defaults applied, and one
 * error per bad value. Rows with errors are left out of {@code sources}; every other row still runs.
 */
public record Watchlists(GlobalConfig global, List<SourceConfig> sources, List<ConfigError> errors) {

  public boolean hasErrors() {
    return !errors.isEmpty();
  }
}
