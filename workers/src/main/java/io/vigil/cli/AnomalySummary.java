package io.vigil.cli;

import io.vigil.backend.Backend;
import io.vigil.model.Tables;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.AnomalyResult;
import io.vigil.worker.Passes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The per-source summary of an anomaly pass, and the strongest anomalies it found. */
final class AnomalySummary {

  private static final String[] HEADER = {"SOURCE", "JUDGED", "SERIES", "ANOMALIES", "EXCEPTED", "INCIDENTS", "NOTE"};
  private static final String[] TOP_HEADER = {"SEVERITY", "SOURCE", "KIND", "KEY", "BIN", "METRIC", "ACTUAL",
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
   * The strongest anomalies this pass wrote that no exception covers, at most {@code limit}: the strongest of each
   * kind first, so that one noisy kind cannot hide the others, then the strongest of the rest; ordered by severity,
   * then {@link Anomaly#rank}. Then the evidence query of the first.
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
    Comparator<Anomaly> strongestFirst =
        Comparator.comparingDouble(Anomaly::rank).thenComparing(Anomaly::timeBin).reversed();
    List<Anomaly> ranked = found.stream().sorted(strongestFirst).toList();
    Set<Anomaly> chosen = new LinkedHashSet<>();
    Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
    for (Anomaly anomaly : ranked) {
      if (chosen.size() < limit && kinds.add(anomaly.kind())) {
        chosen.add(anomaly);
      }
    }
    for (Anomaly anomaly : ranked) {
      if (chosen.size() < limit) {
        chosen.add(anomaly);
      }
    }
    List<Anomaly> top = chosen.stream().sorted(strongestFirst).toList();
    List<String[]> rows = new ArrayList<>();
    for (Anomaly anomaly : top) {
      rows.add(new String[] {anomaly.severity().label(), anomaly.source(), anomaly.kind().id(), key(anomaly),
          SummaryTable.instant(anomaly.timeBin()), anomaly.metric(), number(anomaly.actual()),
          number(anomaly.expected()), anomaly.score() == null ? "-" : number(anomaly.score()), anomaly.alertName()});
    }
    out.printf("%nTop %d of %,d anomalies (not excepted; the strongest of each kind, then the strongest):%n",
        top.size(), found.size());
    TextTable.print(TOP_HEADER, rows, out);
    out.println("Evidence of the first (every row's Evidence column in " + Tables.ANOMALIES
        + " holds such a query):");
    out.println("  " + top.get(0).evidence());
  }

  /** The key values the anomaly fills in, as {@code user=alice ip=10.0.0.1}. */
  static String key(Anomaly anomaly) {
    List<String> parts = new ArrayList<>();
    addIfSet(parts, "host", anomaly.hostname());
    addIfSet(parts, "user", anomaly.user());
    addIfSet(parts, "ip", anomaly.srcIpAddr());
    addIfSet(parts, "activity", anomaly.activity());
    return String.join(" ", parts);
  }

  private static void addIfSet(List<String> parts, String name, String value) {
    if (!value.isEmpty()) {
      parts.add(name + "=" + value);
    }
  }

  private static String number(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) value)
        : String.format(Locale.ROOT, "%,.2f", value);
  }
}
