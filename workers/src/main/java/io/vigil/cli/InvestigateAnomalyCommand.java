package io.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.backend.SourceEvents;
import io.vigil.backend.Backend;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.config.Watchlists;
import io.vigil.worker.Backends;
import io.vigil.investigation.AnomalyInvestigation;
import io.vigil.investigation.AnomalyInvestigation.Investigation;
import io.vigil.investigation.SeriesWindow;
import io.vigil.model.Dimension;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.report.Format;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil investigate anomaly <id>}: an anomaly's series around its bin and the raw events behind it. */
@Command(name = "anomaly", mixinStandardHelpOptions = true,
    description = {"Print an anomaly, its series around the anomalous bin against the forecast band (as a table "
        + "and a text chart), and the raw source events of its key and bin, read from the source.",
        "Exit status: 0 when found, 1 when no anomaly has the id or the id or a file is wrong."})
final class InvestigateAnomalyCommand implements Callable<Integer> {

  private static final int CHART_WIDTH = 40;
  private static final String[] SERIES_HEADER = {"BIN", "ACTUAL", "FORECAST", "BAND", "CHART", "ANOMALY"};

  @Parameters(paramLabel = "ID", description = "Anomaly id (an- and 16 hex digits), as `vigil up` and "
      + "`vigil report` print it.")
  String id;

  @Option(names = "--db", paramLabel = "FILE", defaultValue = "vigil.duckdb",
      description = "DuckDB database file holding the anomalies and the sources. Default: ${DEFAULT-VALUE}.")
  Path database;

  @Mixin WatchlistOptions watchlists;

  @Option(names = "--bins", paramLabel = "N", defaultValue = "12",
      description = "Bins of the series shown before and after the anomalous one. Default: ${DEFAULT-VALUE}.")
  int binsEitherSide;

  @Option(names = "--events", paramLabel = "N", defaultValue = "50",
      description = "Raw events shown at most. Default: ${DEFAULT-VALUE}.")
  int events;

  @Option(names = "--json", description = "Print the anomaly, its series and its events as one JSON object.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (binsEitherSide < 0 || events < 0) {
      err.println("vigil investigate anomaly: --bins and --events must not be negative");
      return 1;
    }
    if (!Files.isRegularFile(database)) {
      err.println("vigil investigate anomaly: no DuckDB file " + database);
      return 1;
    }
    Watchlists config = watchlists.load(err);
    try (DuckDbBackend backend = DuckDbBackend.open(database);
        Backend sources = Backends.forWatchlists(config, backend, System.getenv())) {
      AnomalyInvestigation investigation = new AnomalyInvestigation(sources, config.sources());
      Optional<Anomaly> found;
      try {
        found = investigation.find(id);
      } catch (IllegalArgumentException e) {
        err.println("vigil investigate anomaly: " + e.getMessage());
        return 1;
      }
      if (found.isEmpty()) {
        err.println("vigil investigate anomaly: no anomaly " + id + " among the anomalies of the watchlist's "
            + "sources (" + String.join(", ", config.sources().stream().map(SourceConfig::source).toList()) + ") in "
            + database);
        return 1;
      }
      Investigation result;
      try {
        result = investigation.investigate(found.get(), binsEitherSide, events);
      } catch (IllegalArgumentException e) {
        err.println("vigil investigate anomaly: " + e.getMessage());
        return 1;
      }
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(asJson(result)));
      } else {
        print(result, binsEitherSide, out);
      }
      return 0;
    }
  }

  private static void print(Investigation result, int binsEitherSide, PrintWriter out) {
    Anomaly anomaly = result.anomaly();
    SeriesWindow series = result.series();
    out.printf("Anomaly %s: %s %s in %s%s%n", anomaly.id(), anomaly.severity().label(), anomaly.kind().id(),
        anomaly.source(), anomaly.excepted() ? " (excepted: an AnomaliesExceptions row covers its key)" : "");
    out.println("  key      " + Terminal.printable(AnomalySummary.key(anomaly)));
    out.println("  bin      " + SummaryTable.instant(anomaly.timeBin()) + " (" + Durations.compact(series.binSize())
        + ")");
    out.printf("  %-8s %s, expected %s, fences %s to %s, score %s%n", anomaly.metric(),
        Format.number(anomaly.actual()), Format.number(anomaly.expected()),
        Format.number(anomaly.lower()), Format.number(anomaly.upper()),
        anomaly.score() == null ? "-" : Format.number(anomaly.score()));
    out.printf("  alert    %s (%s, weight %s), detected %s%n", Terminal.printable(anomaly.alertName()),
        anomaly.alertSeverity().label(), Format.number(anomaly.weight()),
        SummaryTable.instant(anomaly.detectedAt()));
    out.printf("%n%s per %s bin, %d bin(s) either side; BAND is the latest forecast's 95%% bounds "
        + "(chart: # actual, . band, | forecast):%n", series.metric(), Durations.compact(series.binSize()),
        binsEitherSide);
    double scale = chartScale(series);
    List<String[]> rows = new ArrayList<>();
    for (SeriesWindow.Point point : series.points()) {
      String marks = series.anomalies().stream().filter(other -> other.timeBin().equals(point.bin()))
          .map(other -> other.id().equals(anomaly.id()) ? "<< this one" : "<< " + other.id())
          .reduce((a, b) -> a + " " + b).orElse("");
      rows.add(new String[] {SummaryTable.instant(point.bin()), Format.number(point.actual()),
          point.forecast() == null ? "-" : Format.number(point.forecast()),
          point.lower() == null ? "-" : Format.number(point.lower()) + " to "
              + Format.number(point.upper()),
          "|" + bar(point, scale) + "|", marks});
    }
    TextTable.print(SERIES_HEADER, rows, out);

    SourceEvents events = result.events();
    out.printf("%nRaw events of %s in the bin: %s%n", anomaly.source(), events.rows().isEmpty() ? "none"
        : events.more() ? "the first " + events.rows().size() + " (more match; --events shows more)"
            : events.rows().size() + "");
    if (!events.rows().isEmpty()) {
      List<String[]> cells = new ArrayList<>();
      for (List<String> event : events.rows()) {
        cells.add(event.stream().map(value -> value == null ? "-" : Terminal.printable(value)).toArray(String[]::new));
      }
      TextTable.print(events.columns().stream().map(Terminal::printable).toArray(String[]::new), cells, out);
    }
    out.println("All of them: " + Terminal.printable(result.evidence()));
  }

  /** The largest finite value the chart must hold: every actual and every band's upper bound, at least 1. */
  private static double chartScale(SeriesWindow series) {
    double scale = 1;
    for (SeriesWindow.Point point : series.points()) {
      scale = Math.max(scale, point.actual());
      if (point.upper() != null && Double.isFinite(point.upper())) {
        scale = Math.max(scale, point.upper());
      }
    }
    return scale;
  }

  /** One bin as a bar of {@value #CHART_WIDTH} characters: the actual as #, the band as dots, the forecast as |. */
  private static String bar(SeriesWindow.Point point, double scale) {
    char[] cells = " ".repeat(CHART_WIDTH).toCharArray();
    if (point.lower() != null) {
      for (int i = position(point.lower(), scale); i <= position(point.upper(), scale); i++) {
        cells[i] = '.';
      }
    }
    for (int i = 0; i < Math.round(point.actual() / scale * CHART_WIDTH) && i < CHART_WIDTH; i++) {
      cells[i] = '#';
    }
    if (point.forecast() != null) {
      cells[position(point.forecast(), scale)] = '|';
    }
    return new String(cells);
  }

  private static int position(double value, double scale) {
    double clamped = Math.max(0, Math.min(scale, Double.isNaN(value) ? 0 : value));
    return (int) Math.min(CHART_WIDTH - 1, Math.round(clamped / scale * (CHART_WIDTH - 1)));
  }

  /**
   * The investigation as JSON-ready maps, times as ISO-8601 instants, absent forecasts as null. */
  static Map<String, Object> asJson(Investigation result) {
    Anomaly anomaly = result.anomaly();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", anomaly.id());
    row.put("source", anomaly.source());
    row.put("kind", anomaly.kind().id());
    row.put("hostname", anomaly.hostname());
    row.put("user", anomaly.user());
    row.put("src_ip_addr", anomaly.srcIpAddr());
    row.put("activity", anomaly.activity());
    row.put("time_bin", anomaly.timeBin().toString());
    row.put("metric", anomaly.metric());
    row.put("actual", anomaly.actual());
    row.put("expected", anomaly.expected());
    row.put("lower", anomaly.lower());
    row.put("upper", anomaly.upper());
    row.put("score", anomaly.score());
    row.put("severity", anomaly.severity().label());
    row.put("alert_name", anomaly.alertName());
    row.put("alert_severity", anomaly.alertSeverity().label());
    row.put("weight", anomaly.weight());
    row.put("excepted", anomaly.excepted());
    row.put("evidence", anomaly.evidence());
    row.put("detected_at", anomaly.detectedAt().toString());

    SeriesWindow series = result.series();
    Map<String, Object> key = new LinkedHashMap<>();
    for (Map.Entry<Dimension, String> entry : series.key().entrySet()) {
      key.put(entry.getKey().column(), entry.getValue());
    }
    List<Map<String, Object>> points = new ArrayList<>();
    for (SeriesWindow.Point point : series.points()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("bin", point.bin().toString());
      json.put("actual", point.actual());
      json.put("forecast", point.forecast());
      json.put("lower", point.lower());
      json.put("upper", point.upper());
      json.put("anomalies", series.anomalies().stream().filter(other -> other.timeBin().equals(point.bin()))
          .map(Anomaly::id).toList());
      points.add(json);
    }
    Map<String, Object> seriesJson = new LinkedHashMap<>();
    seriesJson.put("metric", series.metric());
    seriesJson.put("key", key);
    seriesJson.put("bin_minutes", series.binSize().toMinutes());
    seriesJson.put("points", points);

    Map<String, Object> events = new LinkedHashMap<>();
    events.put("columns", result.events().columns());
    events.put("rows", result.events().rows());
    events.put("more", result.events().more());
    events.put("query", result.evidence());

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("anomaly", row);
    json.put("series", seriesJson);
    json.put("events", events);
    return json;
  }
}
