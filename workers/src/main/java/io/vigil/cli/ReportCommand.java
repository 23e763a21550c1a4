package io.vigil.cli;

import io.vigil.backend.Backend;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.config.Watchlists;
import io.vigil.worker.Backends;
import io.vigil.flows.FlowStore;
import io.vigil.report.HtmlReport;
import io.vigil.report.ReportData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil report}: the investigation views as one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write one self-contained HTML file (inline SVG charts, no script, nothing fetched): per source "
        + "the most anomalous series against their forecast band with the anomalies marked, the top anomalies and "
        + "incidents, and the network detections with their MITRE ATT&CK tactic and technique and their flows.",
        "Exit status: 0 when written, 1 when a file is missing or the report cannot be written."})
final class ReportCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The HTML file to write.")
  Path out;

  @Option(names = "--db", paramLabel = "FILE", defaultValue = "vigil.duckdb",
      description = "DuckDB database file to report on. Default: ${DEFAULT-VALUE}.")
  Path database;

  @Mixin WatchlistOptions watchlists;

  @Option(names = "--days", paramLabel = "DAYS", defaultValue = "4",
      description = "How far back from each source's series watermark to chart and list. Default: ${DEFAULT-VALUE}.")
  double days;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10",
      description = "Series charted per source at most, those with the strongest anomalies. Default: ${DEFAULT-VALUE}.")
  int top;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "100",
      description = "Rows of the anomaly, incident and detection tables at most. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!(days > 0) || top < 0 || rows < 0) {
      err.println("vigil report: --days must be positive and --top and --rows not negative");
      return 1;
    }
    if (!Files.isRegularFile(database)) {
      err.println("vigil report: no DuckDB file " + database);
      return 1;
    }
    if (Files.isDirectory(out)) {
      err.println("vigil report: --out " + out + " is a directory; name the HTML file to write");
      return 1;
    }
    Watchlists config = watchlists.load(err);
    ReportData data;
    // Each source's series and anomalies come from its own backend; flows and detections live in the DuckDB file.
    try (DuckDbBackend backend = DuckDbBackend.open(database);
        Backend sources = Backends.forWatchlists(config, backend, System.getenv())) {
      ReportData.Limits limits = new ReportData.Limits(Duration.ofSeconds(Math.round(days * 86_400)), top, rows);
      data = ReportData.load(sources, new FlowStore(backend), config.sources(), limits, database.toString(),
          Instant.now());
    }
    String html = HtmlReport.render(data);
    try {
      Files.writeString(out, html, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("vigil report: cannot write --out " + out + ": its folder does not exist");
      return 1;
    } catch (AccessDeniedException e) {
      err.println("vigil report: cannot write --out " + out + ": permission denied");
      return 1;
    } catch (IOException e) {
      err.println("vigil report: cannot write --out " + out + ": " + e.getMessage());
      return 1;
    }
    int charts = data.sources().stream().mapToInt(section -> section.charts().size()).sum();
    stdout.printf("Wrote %s (%,d KB): %d series charted; %d of %,d anomalies, %d of %,d incidents, %d of %,d "
        + "network detections listed.%n", out, html.getBytes(StandardCharsets.UTF_8).length / 1024, charts,
        data.topAnomalies().size(), data.anomalies(), data.topIncidents().size(), data.incidents(),
        data.topDetections().size(), data.detections());
    return 0;
  }
}
