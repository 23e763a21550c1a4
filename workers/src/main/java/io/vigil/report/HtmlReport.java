package io.vigil.report;

import io.vigil.flows.FlowStore;
import io.vigil.investigation.SeriesWindow;
import io.vigil.model.Dimension;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.flows.Flow;
import io.vigil.report.ReportData.DetectedSequence;
import io.vigil.report.ReportData.SourceSection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no fetch. Its Content-Security-Policy
 * forbids loading or running anything, so even a value that escaped escaping could not reach the network or run.
 *
 * <p>Elements carry classes a test or a script can count: {@code svg.chart} per charted series, {@code tr.anomaly},
 * {@code tr.incident}, {@code tr.detection} and {@code tr.flow} per table row. Each anomaly row's id is the anomaly
 * id, each chart's {@code chart-<source>-<n>}, so the dots of a chart link to their rows and the rows to their charts.
 */
public final class HtmlReport {

  private static final String STYLE = String.join("\n",
      "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fff}",
      "h1{margin:0 0 4px}h2{margin-top:32px;border-bottom:1px solid #ccd}h3{margin:20px 0 4px}",
      "nav a{margin-right:14px}.note{color:#556}",
      "table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 8px;border-bottom:1px solid #e3e5ec;",
      "text-align:left;vertical-align:top}th{background:#f1f3f8}",
      "td.n{text-align:right;font-variant-numeric:tabular-nums}",
      "td.t{white-space:nowrap}tr:target{background:#fff4c2}figure{margin:10px 0 18px}figcaption{font-weight:600}",
      ".sev-High{color:#b00020;font-weight:600}.sev-Medium{color:#c25e00}.sev-Low{color:#6b6b00}",
      "svg.chart{display:block;background:#fff}svg .plot{fill:#fafbfd;stroke:#d5d8e2}",
      "svg .axis{font-size:11px;fill:#556}svg .band{fill:#9bb7e0;fill-opacity:.45;stroke:none}",
      "svg .forecast{fill:none;stroke:#2f5aa8;stroke-dasharray:4 3;stroke-width:1.2}",
      "svg .actual{fill:none;stroke:#1d2330;stroke-width:1.2}svg .anomaly{fill:#d0021b}",
      "svg .fence{stroke:#d0021b;stroke-width:2;stroke-opacity:.5}",
      ".legend span{margin-right:16px}.swatch{display:inline-block;width:18px;height:10px;margin-right:4px}",
      "code{font-size:12px;word-break:break-all}details summary{cursor:pointer}table.flows{font-size:12px}");

  private HtmlReport() {}

  /** The whole page. */
  public static String render(ReportData data) {
    Map<String, String> chartOf = new HashMap<>();
    for (SourceSection section : data.sources()) {
      for (int i = 0; i < section.charts().size(); i++) {
        for (Anomaly anomaly : section.charts().get(i).anomalies()) {
          chartOf.put(anomaly.id(), chartId(section.source(), i));
        }
      }
    }
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" ")
        .append("content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<title>Vigil report</title><style>").append(STYLE).append("</style></head><body>\n");
    html.append("<h1>Vigil report</h1><p class=\"note\">").append(Html.escape(data.database())).append(", generated ")
        .append(Format.minute(data.generatedAt())).append("; each source's last ")
        .append(Html.escape(days(data))).append(" up to its series watermark.</p>\n");
    html.append("<nav><a href=\"#series\">Series</a><a href=\"#anomalies\">Anomalies</a>")
        .append("<a href=\"#incidents\">Incidents</a><a href=\"#detections\">Network detections</a></nav>\n");
    appendSources(html, data);
    appendSeries(html, data);
    appendAnomalies(html, data, chartOf);
    appendIncidents(html, data);
    appendDetections(html, data);
    return html.append("</body></html>\n").toString();
  }

  private static String days(ReportData data) {
    long hours = data.period().toHours();
    return hours % 24 == 0 ? hours / 24 + " day(s)" : hours + " hour(s)";
  }

  static String chartId(String source, int index) {
    return "chart-" + source + "-" + (index + 1);
  }

  private static void appendSources(StringBuilder html, ReportData data) {
    html.append("<section id=\"sources\"><h2>Sources</h2><table class=\"sources\"><thead><tr><th>Source</th>")
        .append("<th>Bins</th><th>Anomalies</th><th>Series with anomalies</th><th>Charted</th></tr></thead><tbody>");
    for (SourceSection section : data.sources()) {
      html.append("<tr class=\"source\"><td>").append(Html.escape(section.source())).append("</td><td>")
          .append(section.window() == null ? "no series generated yet" : Format.minute(section.window().start())
              + " to " + Format.minute(section.window().end()))
          .append("</td>").append(cell(section.anomalies())).append(cell(section.anomalousSeries()))
          .append(cell(section.charts().size())).append("</tr>");
    }
    html.append("</tbody></table><p class=\"note\">Anomalies not excepted by AnomaliesExceptions.</p></section>\n");
  }

  private static void appendSeries(StringBuilder html, ReportData data) {
    html.append("<section id=\"series\"><h2>Series against their forecast</h2><p class=\"legend\">")
        .append("<span><span class=\"swatch\" style=\"background:#1d2330;height:2px\"></span>actual</span>")
        .append("<span><span class=\"swatch\" style=\"background:#9bb7e0\"></span>latest forecast's 95% band</span>")
        .append("<span><span class=\"swatch\" style=\"background:#2f5aa8;height:2px\"></span>forecast</span>")
        .append("<span><span class=\"swatch\" style=\"background:#d0021b;border-radius:5px;width:10px\"></span>")
        .append("anomaly, with the fences it crossed</span></p>\n");
    for (SourceSection section : data.sources()) {
      html.append("<h3>").append(Html.escape(section.source())).append("</h3><p class=\"note\">");
      if (section.charts().isEmpty()) {
        html.append("No anomalies in this period.</p>\n");
        continue;
      }
      html.append(section.charts().size()).append(" of ").append(Format.number(section.anomalousSeries()))
          .append(" series with anomalies, strongest first.</p>\n");
      for (int i = 0; i < section.charts().size(); i++) {
        SeriesWindow series = section.charts().get(i);
        html.append("<figure class=\"series\" id=\"").append(Html.escape(chartId(section.source(), i)))
            .append("\"><figcaption>").append(Html.escape(key(series.key()))).append(" &middot; ")
            .append(Html.escape(series.metric())).append(" per ").append(series.binSize().toMinutes())
            .append("-minute bin &middot; ").append(series.anomalies().size()).append(" anomal")
            .append(series.anomalies().size() == 1 ? "y" : "ies").append("</figcaption>")
            .append(SeriesChart.svg(series, Anomaly::id)).append("</figure>\n");
      }
    }
    html.append("</section>\n");
  }

  private static void appendAnomalies(StringBuilder html, ReportData data, Map<String, String> chartOf) {
    html.append("<section id=\"anomalies\"><h2>Top anomalies</h2><p class=\"note\">").append(data.topAnomalies().size())
        .append(" of ").append(Format.number(data.anomalies()))
        .append(" anomalies not excepted, strongest first. Raw events: ")
        .append("<code>vigil investigate anomaly ID</code>.</p>\n<table class=\"anomalies\"><thead><tr><th>ID</th>")
        .append("<th>Severity</th><th>Source</th><th>Kind</th><th>Key</th><th>Bin</th><th>Metric</th><th>Actual</th>")
        .append("<th>Expected</th><th>Fences</th><th>Score</th><th>Alert</th><th>Evidence</th></tr></thead><tbody>");
    for (Anomaly anomaly : data.topAnomalies()) {
      String chart = chartOf.get(anomaly.id());
      html.append("<tr class=\"anomaly\" id=\"").append(Html.escape(anomaly.id())).append("\"><td class=\"t\">");
      if (chart == null) {
        html.append(Html.escape(anomaly.id()));
      } else {
        html.append("<a href=\"#").append(Html.escape(chart)).append("\">").append(Html.escape(anomaly.id()))
            .append("</a>");
      }
      html.append("</td><td class=\"sev-").append(anomaly.severity().label()).append("\">")
          .append(anomaly.severity().label()).append("</td><td>").append(Html.escape(anomaly.source()))
          .append("</td><td>").append(anomaly.kind().id()).append("</td><td>")
          .append(Html.escape(key(anomaly.evidenceKey()))).append("</td><td class=\"t\">")
          .append(Format.minute(anomaly.timeBin()))
          .append("</td><td>").append(Html.escape(anomaly.metric())).append("</td>").append(cell(anomaly.actual()))
          .append(cell(anomaly.expected())).append("<td class=\"n\">").append(Format.number(anomaly.lower()))
          .append(" to ").append(Format.number(anomaly.upper())).append("</td>")
          .append(anomaly.score() == null ? "<td class=\"n\">-</td>" : cell(anomaly.score())).append("<td>")
          .append(Html.escape(anomaly.alertName())).append(" (").append(anomaly.alertSeverity().label())
          .append(")</td><td><details><summary>query</summary><code>").append(Html.escape(anomaly.evidence()))
          .append("</code></details></td></tr>");
    }
    html.append("</tbody></table></section>\n");
  }

  private static void appendIncidents(StringBuilder html, ReportData data) {
    html.append("<section id=\"incidents\"><h2>Incidents</h2><p class=\"note\">").append(data.topIncidents().size())
        .append(" of ").append(Format.number(data.incidents())).append(" incidents, most severe first.</p>\n")
        .append("<table class=\"incidents\"><thead><tr><th>Severity</th><th>Source</th><th>Key</th><th>First bin</th>")
        .append("<th>Last bin</th><th>Anomalies</th><th>Weight</th><th>Kinds</th><th>Alert</th></tr></thead><tbody>");
    for (Incident incident : data.topIncidents()) {
      html.append("<tr class=\"incident\"><td class=\"sev-").append(incident.severity().label()).append("\">")
          .append(incident.severity().label()).append("</td><td>").append(Html.escape(incident.source()))
          .append("</td><td>").append(Html.escape(key(incident.hostname(), incident.user(), incident.srcIpAddr(),
              incident.activity()))).append("</td><td class=\"t\">").append(Format.minute(incident.firstBin()))
          .append("</td><td class=\"t\">")
          .append(Format.minute(incident.lastBin())).append("</td>").append(cell(incident.anomalies()))
          .append(cell(incident.weight())).append("<td>").append(Html.escape(incident.kinds())).append("</td><td>")
          .append(Html.escape(incident.alertName())).append("</td></tr>");
    }
    html.append("</tbody></table></section>\n");
  }

  private static void appendDetections(StringBuilder html, ReportData data) {
    html.append("<section id=\"detections\"><h2>Network detections</h2><p class=\"note\">")
        .append(data.topDetections().size()).append(" of ").append(Format.number(data.detections()))
        .append(" detected sequences, highest score first; open a row's flows below it.</p>\n");
    html.append("<table class=\"techniques\"><thead><tr><th>Tactic</th><th>Technique</th><th>Detections</th></tr>")
        .append("</thead><tbody>");
    for (FlowStore.TechniqueCount count : data.techniques()) {
      html.append("<tr class=\"technique\"><td>").append(count.tacticId() == null ? "not mapped"
          : mitre(count.tacticId(), count.tacticName())).append("</td><td>")
          .append(mitre(count.techniqueId(), count.techniqueName())).append("</td>").append(cell(count.detections()))
          .append("</tr>");
    }
    html.append("</tbody></table>\n")
        .append("<table class=\"detections\"><thead><tr><th>Score</th><th>Sequence</th><th>Dataset</th>")
        .append("<th>Entity</th><th>First flow</th><th>Last flow</th><th>Flows</th><th>Tactic</th>")
        .append("<th>Technique</th><th>Confidence</th></tr></thead><tbody>");
    for (DetectedSequence detected : data.topDetections()) {
      var detection = detected.detection();
      html.append("<tr class=\"detection\" id=\"").append(Html.escape(detection.sequenceId())).append("\">")
          .append("<td class=\"n\">").append(String.format(Locale.ROOT, "%.4f", detection.score())).append("</td><td>")
          .append(Html.escape(detection.sequenceId())).append("</td><td>").append(Html.escape(detection.dataset()))
          .append("</td><td>").append(Html.escape(detection.entity())).append("</td><td>")
          .append(detection.first()).append("</td><td>").append(detection.last()).append("</td>")
          .append(cell(detection.flows())).append("<td>").append(mitre(detection.tacticId(), detection.tacticName()))
          .append("</td><td>").append(mitre(detection.techniqueId(), detection.techniqueName())).append("</td>")
          .append(detection.mitreConfidence() == null ? "<td class=\"n\">-</td>"
              : "<td class=\"n\">" + String.format(Locale.ROOT, "%.2f", detection.mitreConfidence()) + "</td>")
          .append("</tr>");
      html.append("<tr class=\"drill-down\"><td colspan=\"10\"><details><summary>")
          .append(detected.flows().size()).append(" flows of ").append(Html.escape(detection.sequenceId()))
          .append("</summary><table class=\"flows\"><thead><tr><th>Row</th><th>Time</th><th>Duration s</th>")
          .append("<th>Source</th><th>Destination</th><th>Fwd bytes</th><th>Bwd bytes</th><th>Fwd pkts</th>")
          .append("<th>Bwd pkts</th><th>Label</th></tr></thead><tbody>");
      for (Flow flow : detected.flows()) {
        html.append("<tr class=\"flow\">").append(cell(flow.row())).append("<td>").append(flow.timestamp())
            .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.3f", flow.durationSeconds()))
            .append("</td><td>").append(Html.escape(flow.srcIp() + ":" + flow.srcPort())).append("</td><td>")
            .append(Html.escape(flow.dstIp() + ":" + flow.dstPort())).append("</td>").append(cell(flow.fwdBytes()))
            .append(cell(flow.bwdBytes())).append(cell(flow.fwdPkts())).append(cell(flow.bwdPkts())).append("<td>")
            .append(flow.label() == null ? "-" : flow.label() == 1 ? "malicious" : "benign").append("</td></tr>");
      }
      html.append("</tbody></table></details></td></tr>");
    }
    html.append("</tbody></table></section>\n");
  }

  private static String mitre(String id, String name) {
    return id == null ? "-" : Html.escape(id + " " + name);
  }

  private static String cell(double value) {
    return "<td class=\"n\">" + Format.number(value) + "</td>";
  }

  /** A key as {@code host=WS-1 user=alice}: the dimensions it holds with a value. */
  static String key(Map<Dimension, String> key) {
    return key(key.get(Dimension.HOSTNAME), key.get(Dimension.USER), key.get(Dimension.SRC_IP_ADDR),
        key.get(Dimension.ACTIVITY));
  }

  private static String key(String hostname, String user, String srcIpAddr, String activity) {
    String shown = Format.key(hostname, user, srcIpAddr, activity);
    return shown.isEmpty() ? "(all events)" : shown;
  }
}
