package io.vigil.cli;

import io.vigil.backend.Backend;
import io.vigil.model.Tables;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyResult;
import io.vigil.report.Format;
import io.vigil.worker.Passes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The per-source summary of an anomaly pass, and the strongest anomalies it found. */
final class AnomalySummary {

  private static final String[] HEADER = {"SOURCE", "JUDGED", "SERIES", "ANOMALIES", "EXCEPTED", "INCIDENTS", "NOTE"};
  private static final String[] TOP_HEADER = {"ID", "SEVERITY", "SOURCE", "KIND", "KEY", "BIN", "METRIC", "ACTUAL",
      "EXPECTED", "SCORE", "ALERT"};

  private AnomalySummary() {}

  static void print(List<Passes.Outcome<AnomalyResult>> outcomes, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    for (Passes.Outcome<AnomalyResult> outcome : outcomes) {
      AnomalyResult result = outcome.result();
      if (result == null) {
        rows.add(new String[] {outcome.config().source(), "-", "-", "-", "-", "-", "FAILED: " + outcome.problem()});
        continue;
      }
      String byKind = result.anomaliesByKind().entrySet().stream()
          .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "));
      String note = result.note().isEmpty() ? byKind : byKind.isEmpty() ? result.note() : byKind + "; "
          + result.note();
      rows.add(new String[] {result.source(),
          result.evaluated() == null ? "-" : SummaryTable.range(result.evaluated()),
          String.format("%,d", result.keysScored()), String.format("%,d", result.anomalies()),
          String.format("%,d", result.excepted()), String.format("%,d", result.incidents()), note});
    }
    TextTable.print(HEADER, rows, out);
  }

  /**
   * The strongest anomalies this pass wrote that no exception covers, at most {@code limit}, as
   * {@link Anomaly#strongest} chooses them. Then the evidence query of the first.
   */
  static void printTop(Backend backend, List<Passes.Outcome<AnomalyResult>> outcomes, int limit, PrintWriter out) {
    List<Anomaly> found = new ArrayList<>();
    for (Passes.Outcome<AnomalyResult> outcome : outcomes) {
      if (outcome.result() != null && outcome.result().evaluated() != null) {
        backend.readAnomalies(outcome.result().source(), outcome.result().evaluated()).stream()
            .filter(anomaly -> !anomaly.excepted()).forEach(found::add);
      }
    }
    if (found.isEmpty()) {
      return;
    }
    List<Anomaly> top = Anomaly.strongest(found, limit);
    List<String[]> rows = new ArrayList<>();
    for (Anomaly anomaly : top) {
      rows.add(new String[] {anomaly.id(), anomaly.severity().label(), anomaly.source(), anomaly.kind().id(),
          key(anomaly), SummaryTable.instant(anomaly.timeBin()), anomaly.metric(), Format.number(anomaly.actual()),
          Format.number(anomaly.expected()), anomaly.score() == null ? "-" : Format.number(anomaly.score()),
          anomaly.alertName()});
    }
    out.printf("%nTop %d of %,d anomalies (not excepted; the strongest of each kind, then the strongest):%n",
        top.size(), found.size());
    TextTable.print(TOP_HEADER, rows, out);
    out.println("Evidence of the first (every row's Evidence column in " + Tables.ANOMALIES
        + " holds such a query):");
    out.println("  " + top.get(0).evidence());
    out.println("See an anomaly's series and raw events with: vigil investigate anomaly <ID>");
  }

  /** The key values the anomaly fills in, as {@code user=alice ip=10.0.0.1}. */
  static String key(Anomaly anomaly) {
    return Format.key(anomaly.hostname(), anomaly.user(), anomaly.srcIpAddr(), anomaly.activity());
  }
}
