package io.vigil.worker;

import io.vigil.backend.Backend;
import io.vigil.backend.BackendRouter;
import io.vigil.backend.ConfigurationException;
import io.vigil.backend.azure.AzureBackend;
import io.vigil.backend.azure.AzureSettings;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.config.Watchlists;
import io.vigil.model.BackendKind;
import io.vigil.model.SourceConfig;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens the backends the watchlist rows name, each once, with its settings from the environment, and routes every
 * source to its own. Rows on DuckDB use the embedded database the caller opened; a watchlist entirely on DuckDB
 * gets that database itself, without a router in between.
 */
public final class Backends {

  private Backends() {}

  /**
   * The backend for the watchlists' rows.
   *
   * @param environment where the cloud backends' settings and credentials are read (see docs/azure.md)
   * @throws ConfigurationException naming the setting that is missing or wrong, never a credential's value
   */
  public static Backend forWatchlists(Watchlists watchlists, DuckDbBackend duckdb, Map<String, String> environment) {
    Map<BackendKind, Backend> opened = new EnumMap<>(BackendKind.class);
    opened.put(BackendKind.DUCKDB, duckdb);
    Map<String, Backend> bySource = new HashMap<>();
    try {
      for (SourceConfig source : watchlists.sources()) {
        BackendKind kind = watchlists.backendOf(source.source());
        Backend backend = opened.get(kind);
        if (backend == null) {
          backend = open(kind, environment);
          opened.put(kind, backend);
        }
        bySource.put(source.source(), backend);
      }
    } catch (RuntimeException e) {
      opened.values().stream().filter(backend -> backend != duckdb).forEach(Backend::close);
      throw e;
    }
    return opened.size() == 1 ? duckdb : new BackendRouter(bySource, duckdb);
  }

  private static Backend open(BackendKind kind, Map<String, String> environment) {
    return switch (kind) {
      case DUCKDB -> throw new IllegalStateException("the DuckDB backend is opened by the caller");
      case AZURE -> AzureBackend.open(AzureSettings.fromEnvironment(environment));
      case SNOWFLAKE -> throw new ConfigurationException("the Snowflake backend is not in this build yet; "
          + "set the row's Backend to duckdb or azure");
    };
  }
}
