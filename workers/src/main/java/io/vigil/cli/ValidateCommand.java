package io.vigil.cli;

import io.vigil.backend.ConfigurationException;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.config.Watchlists;
import io.vigil.model.SourceConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil validate}: every check {@code up} makes on the watchlists, without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {
        "Check both watchlists: every value, and, when the DuckDB file exists, that each source and field exists "
            + "with a usable type. Prints one line per problem naming the row, column and value.",
        "Exit status: 0 when everything is valid, 1 otherwise."})
public final class ValidateCommand implements Callable<Integer> {

  @Mixin WatchlistOptions watchlists;

  @Option(names = "--db", paramLabel = "FILE", defaultValue = "vigil.duckdb",
      description = "DuckDB database file whose sources are checked, when it exists. Default: ${DEFAULT-VALUE}.")
  Path database;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Watchlists config = watchlists.load(err);
    int problems = config.errors().size();
    if (Files.exists(database)) {
      try (DuckDbBackend backend = DuckDbBackend.open(database)) {
        for (SourceConfig row : config.sources()) {
          try {
            backend.checkSource(row);
          } catch (ConfigurationException e) {
            err.println("configuration error: " + e.getMessage());
            problems++;
          }
        }
      }
    } else {
      out.println("DuckDB file " + database + " does not exist yet; sources were not checked.");
    }
    out.printf("%d valid row(s), %d problem(s).%n", config.sources().size(), problems);
    return problems == 0 ? 0 : 1;
  }
}
