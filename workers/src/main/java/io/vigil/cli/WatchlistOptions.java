package io.vigil.cli;

import io.vigil.config.ConfigError;
import io.vigil.config.Watchlists;
import io.vigil.config.WatchlistLoader;
import java.io.PrintWriter;
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

  /** Loads both watchlists and prints every bad value to {@code err}. */
  Watchlists load(PrintWriter err) {
    Watchlists watchlists = WatchlistLoader.load(watchlist, global);
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
}
