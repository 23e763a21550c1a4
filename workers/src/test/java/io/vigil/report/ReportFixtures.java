package io.vigil.report;

import io.vigil.flows.FlowStore;
import io.vigil.investigation.SeriesWindow;
import io.vigil.model.BinGrid;
import io.vigil.model.SeriesBin;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.flows.Flow;
import io.vigil.model.forecast.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report data made by hand, for the report's tests here and its browser test in {@code tests/}: one source with two
 * charted series of three anomalies, one without series, one incident, one detection of two flows, two technique
 * counts. Keys, alert names, datasets, evidence and flow addresses hold markup that must stay text.
 */
public final class ReportFixtures {

  private ReportFixtures() {}

  private static final String SCRIPT = "<script>alert('x')</script>";
  private static final String BREAKOUT = "\"><img src=x onerror=alert(1)>";
  private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
  private static final TimeRange WINDOW = new TimeRange(START, START.plus(Duration.ofHours(12)));

  private static Anomaly anomaly(String user, String activity, int hour, double actual) {
    return new Anomaly("Logons", AnomalyKind.FORECAST_DEVIATION, "ws1", user, "10.0.0.1", activity,
        START.plus(Duration.ofHours(hour)), "Count", actual, 1, -1, 3, 9.0, Severity.HIGH, "Alert & " + SCRIPT,
        Severity.HIGH, 1, false, "SELECT * FROM \"Logons\" WHERE \"Account\" = '" + BREAKOUT + "'", START);
  }

  private static SeriesWindow series(String user, String activity, List<Anomaly> anomalies) {
    List<SeriesBin> bins = new ArrayList<>();
    List<Prediction> predictions = new ArrayList<>();
    for (int hour = 0; hour < 12; hour++) {
      Instant bin = START.plus(Duration.ofHours(hour));
      bins.add(new SeriesBin("Logons", "ws1", user, "10.0.0.1", activity, bin, hour == 5 ? 40 : 1, null, null, null,
          null));
      if (hour >= 6) {
        predictions.add(new Prediction("Logons", "ws1", user, "10.0.0.1", activity, bin, "Count", 1, 0, 2, "kql-avg",
            START));
      }
    }
    return SeriesWindow.of("Logons", anomalies.get(0).evidenceKey(), "Count", BinGrid.ofMinutes(60), WINDOW, bins,
        predictions, anomalies);
  }

  public static ReportData hostile() {
    Anomaly spike = anomaly(SCRIPT, "Logon", 5, 40);
    Anomaly other = anomaly("bob", BREAKOUT, 7, 9);
    Anomaly unCharted = anomaly("carol", "Logon", 8, 7);
    List<SeriesWindow> charts = List.of(series(SCRIPT, "Logon", List.of(spike)), series("bob", BREAKOUT,
        List.of(other)));
    Incident incident = new Incident("Logons", "ws1", SCRIPT, "10.0.0.1", "Logon", START, START.plusSeconds(3600), 3,
        3, "ForecastDeviation", "Alert & " + SCRIPT, Severity.HIGH, START);
    List<Flow> flows = List.of(
        new Flow(1, START, 0.5, "10.0.0.5", 4444, BREAKOUT, 80, 100, 200, 3, 4, 1),
        new Flow(2, START.plusSeconds(1), 0.5, "10.0.0.5", 4445, "10.0.0.6", 443, 100, 200, 3, 4, 0));
    FlowStore.Detection detection = new FlowStore.Detection("sq-0123456789abcdef0123", "Flows" + SCRIPT,
        "10.0.0.5", START, START.plusSeconds(1), 2, 0.97, 1, "TA0007", "Discovery", "T1046",
        "Network Service Discovery" + SCRIPT, 0.8);
    return new ReportData(START, "vigil.duckdb", Duration.ofDays(4),
        List.of(new ReportData.SourceSection("Logons", WINDOW, charts, 3, 3),
            new ReportData.SourceSection("Quiet", null, List.of(), 0, 0)),
        List.of(spike, other, unCharted), 3, List.of(incident), 1,
        List.of(new ReportData.DetectedSequence(detection, flows)), 1,
        List.of(new FlowStore.TechniqueCount("TA0007", "Discovery", "T1046", "Network Service Discovery", 1),
            new FlowStore.TechniqueCount(null, null, null, null, 4)));
  }


  /** How often {@code regex} matches in {@code text}, for counting elements of a page. */
  public static int occurrences(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
