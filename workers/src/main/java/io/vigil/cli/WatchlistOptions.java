package io.vigil.cli;

import io.vigil.backend.azure.AzureBackend;
import io.vigil.backend.azure.AzureSettings;
import io.vigil.config.AnomalyWatchlistLoader;
import io.vigil.config.ConfigError;
import io.vigil.config.CsvTable;
import io.vigil.config.Watchlists;
import io.vigil.config.WatchlistLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the watchlists are, shared by every command that reads them: CSV files, or Sentinel watchlists read from the
 * Log Analytics workspace of the Azure settings ({@code azure:<alias>}).
 */
final class WatchlistOptions {

  private static final String AZURE_PREFIX = "azure:";

  @Option(names = "--watchlist", paramLabel = "FILE|azure:ALIAS", defaultValue = "config/watchlist.csv",
      description = "Source watchlist (SentinelCustomAnalytics_SourceConfiguration): a CSV file, or azure:<alias> for "
          + "the Sentinel watchlist of that alias in the workspace of VIGIL_AZURE_*. Default: ${DEFAULT-VALUE}.")
  String watchlist;

  @Option(names = "--global", paramLabel = "FILE|azure:ALIAS", defaultValue = "config/global.csv",
      description = "Global configuration (SentinelCustomAnalytics_GlobalConfiguration, Key,Value), as --watchlist. "
          + "Default: ${DEFAULT-VALUE}.")
  String global;

  @Option(names = "--anomalies", paramLabel = "FILE|azure:ALIAS",
      description = "AnomaliesConfiguration (Source,Activity,AlertName,Severity,Weight), as --watchlist. Default: "
          + DEFAULT_ANOMALIES + " when it exists, else none.")
  String anomalies;

  @Option(names = "--exceptions", paramLabel = "FILE|azure:ALIAS",
      description = "AnomaliesExceptions (Host,User,Activity,IP; * matches anything), as --watchlist. Default: "
          + DEFAULT_EXCEPTIONS + " when it exists, else none.")
  String exceptions;

  static final String DEFAULT_ANOMALIES = "config/anomalies.csv";
  static final String DEFAULT_EXCEPTIONS = "config/exceptions.csv";

  /** Loads the watchlists and prints every bad value to {@code err}. */
  Watchlists load(PrintWriter err) {
    Watchlists watchlists;
    try (SentinelWatchlists sentinel = new SentinelWatchlists()) {
      watchlists = WatchlistLoader.load(sentinel.table(watchlist, WatchlistLoader.SOURCE_COLUMNS),
          sentinel.table(global, WatchlistLoader.GLOBAL_COLUMNS),
          sentinel.table(givenOrExisting(anomalies, DEFAULT_ANOMALIES), AnomalyWatchlistLoader.ALERT_COLUMNS),
          sentinel.table(givenOrExisting(exceptions, DEFAULT_EXCEPTIONS), AnomalyWatchlistLoader.EXCEPTION_COLUMNS));
    }
    for (ConfigError error : watchlists.errors()) {
      err.println("configuration error: " + error);
    }
    if (watchlists.hasErrors()) {
      err.println(watchlists.errors().size() + " configuration error(s); the other " + watchlists.sources().size()
          + " row(s) still run.");
    }
    err.flush();
    return watchlists;
  }

  /**
   * A file given on the command line must exist (the loader names it when it does not); the default location is
   * optional, so that a setup without anomaly watchlists runs with the global defaults only.
   */
  private static String givenOrExisting(String given, String defaultLocation) {
    if (given != null) {
      return given;
    }
    return Files.isRegularFile(Path.of(defaultLocation)) ? defaultLocation : null;
  }

  /** Reads each watchlist from its file or, for {@code azure:<alias>}, from the workspace, opened once. */
  private static final class SentinelWatchlists implements AutoCloseable {

    private AzureBackend workspace;

    /** The watchlist's table, or null when {@code location} is null. */
    CsvTable table(String location, List<String> columns) {
      if (location == null) {
        return null;
      }
      if (!location.startsWith(AZURE_PREFIX)) {
        return WatchlistLoader.read(Path.of(location));
      }
      if (workspace == null) {
        workspace = AzureBackend.open(AzureSettings.fromEnvironment());
      }
      return workspace.watchlist(location.substring(AZURE_PREFIX.length()), columns);
    }

    @Override
    public void close() {
      if (workspace != null) {
        workspace.close();
      }
    }
  }
}
