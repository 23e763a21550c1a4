package io.vigil.cli;

import io.vigil.config.ConfigError;
import io.vigil.config.Watchlists;
import io.vigil.config.WatchlistLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the two watchlists are, shared by every command that reads them. */
final class WatchlistOptions {

  @Option(names = "--watchlist", paramLabel = "FILE", defaultValue = "config/watchlist.csv",
      description = "Source watchlist (SentinelCustomAnalytics_SourceConfiguration) as CSV. Default: ${DEFAULT-VALUE}.")
  Path watchlist;

  @Option(names = "--global", paramLabel = "FILE", defaultValue = "config/global.csv",
      description = "Global configuration (SentinelCustomAnalytics_GlobalConfiguration, Key,Value) as CSV. "
          + "Default: ${DEFAULT-VALUE}.")
  Path global;

  @Option(names = "--anomalies", paramLabel = "FILE",
      description = "AnomaliesConfiguration (Source,Activity,AlertName,Severity,Weight) as CSV. Default: "
          + DEFAULT_ANOMALIES + " when it exists, else none.")
  Path anomalies;

  @Option(names = "--exceptions", paramLabel = "FILE",
      description = "AnomaliesExceptions (Host,User,Activity,IP; * matches anything) as CSV. Default: "
          + DEFAULT_EXCEPTIONS + " when it exists, else none.")
  Path exceptions;

  static final String DEFAULT_ANOMALIES = "config/anomalies.csv";
  static final String DEFAULT_EXCEPTIONS = "config/exceptions.csv";

  /** Loads the watchlists and prints every bad value to {@code err}. */
  Watchlists load(PrintWriter err) {
    Watchlists watchlists = WatchlistLoader.load(watchlist, global, givenOrExisting(anomalies, DEFAULT_ANOMALIES),
        givenOrExisting(exceptions, DEFAULT_EXCEPTIONS));
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
  private static Path givenOrExisting(Path given, String defaultLocation) {
    if (given != null) {
      return given;
    }
    Path fallback = Path.of(defaultLocation);
    return Files.isRegularFile(fallback) ? fallback : null;
  }
}
