package io.vigil.report;

import io.vigil.backend.Backend;
import io.vigil.flows.FlowSequence;
import io.vigil.flows.FlowStore;
import io.vigil.investigation.SeriesWindow;
import io.vigil.model.BinGrid;
import io.vigil.model.Dimension;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.flows.Flow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the HTML report shows, read from a backend and the flow store: per source the most anomalous series
 * against their forecasts, the strongest anomalies and incidents, and the network detections with their flows.
 * Only the top of each list is kept, so the report stays readable, and quick to open, with thousands of series.
 *
 * @param period how far back from each source's watermark the report looks
 * @param anomalies how many anomalies, not excepted, the sources hold within their periods
 * @param incidents how many incidents they hold within their periods
 * @param detections how many network detections the store holds
 * @param techniques the detections counted by MITRE ATT&CK tactic and technique
 */
public record ReportData(Instant generatedAt, String database, Duration period, List<SourceSection> sources,
    List<Anomaly> topAnomalies, long anomalies, List<Incident> topIncidents, long incidents,
    List<DetectedSequence> topDetections, long detections, List<FlowStore.TechniqueCount> techniques) {

  /**
   * One source's part.
   *
   * @param window the bins the report covers, or null when the source has no series yet
   * @param charts the most anomalous series, strongest first
   * @param anomalousSeries how many series (key and metric) have an anomaly, not excepted, within the window
   * @param anomalies how many anomalies, not excepted, the window holds
   */
  public record SourceSection(String source, TimeRange window, List<SeriesWindow> charts, int anomalousSeries,
      int anomalies) {}

  /** A detection and the flows of its sequence, in sequence order. */
  public record DetectedSequence(FlowStore.Detection detection, List<Flow> flows) {}

  /**
   * How much of each list to keep.
   *
   * @param period how far back from each source's series watermark to look
   * @param seriesPerSource series charted per source at most
   * @param rows rows of the anomaly, incident and detection tables at most
   */
  public record Limits(Duration period, int seriesPerSource, int rows) {
    public Limits {
      if (period.isNegative() || period.isZero() || seriesPerSource < 0 || rows < 0) {
        throw new IllegalArgumentException("the period must be positive and the counts not negative, were " + period
            + ", " + seriesPerSource + " and " + rows);
      }
    }
  }

  /** The most severe first, then the heaviest, then the latest. */
  private static final Comparator<Incident> MOST_SEVERE_FIRST = Comparator.comparing(Incident::severity)
      .thenComparingDouble(Incident::weight).thenComparing(Incident::lastBin).reversed();

  /** Reads the report's data for the watchlist's sources. */
  public static ReportData load(Backend backend, FlowStore flows, List<SourceConfig> configs, Limits limits,
      String database, Instant generatedAt) {
    List<SourceSection> sections = new ArrayList<>();
    List<Anomaly> anomalies = new ArrayList<>();
    List<Incident> incidents = new ArrayList<>();
    for (SourceConfig config : configs) {
      Optional<Instant> watermark = backend.seriesWatermark(config.source());
      if (watermark.isEmpty()) {
        sections.add(new SourceSection(config.source(), null, List.of(), 0, 0));
        continue;
      }
      BinGrid grid = config.grid();
      TimeRange window = new TimeRange(grid.floor(watermark.get().minus(limits.period())), watermark.get());
      List<Anomaly> alerting = backend.readAnomalies(config.source(), window).stream()
          .filter(anomaly -> !anomaly.excepted()).toList();
      anomalies.addAll(alerting);
      incidents.addAll(backend.readIncidents(config.source(), window));
      sections.add(section(backend, config, window, alerting, limits.seriesPerSource()));
    }
    List<DetectedSequence> detected = new ArrayList<>();
    for (FlowStore.Detection detection : flows.topDetections(limits.rows())) {
      detected.add(new DetectedSequence(detection,
          flows.sequence(detection.sequenceId()).map(FlowSequence::flows).orElse(List.of())));
    }
    return new ReportData(generatedAt, database, limits.period(), sections,
        Anomaly.strongest(anomalies, limits.rows()), anomalies.size(),
        incidents.stream().sorted(MOST_SEVERE_FIRST).limit(limits.rows()).toList(), incidents.size(), detected,
        flows.detectionCount(), flows.detectionsByTechnique());
  }

  /** A series as the charts group anomalies: the rows the anomaly's evidence key selects, and the charted metric. */
  private record SeriesKey(Map<Dimension, String> key, String metric) {
    static SeriesKey of(Anomaly anomaly) {
      return new SeriesKey(anomaly.evidenceKey(), SeriesWindow.chartedMetric(anomaly));
    }
  }

  /**
   * The source's series ranked by their strongest anomaly, the first {@code charts} of them charted: the series of
   * the {@link Anomaly#strongest} of those anomalies, so that every kind of anomaly gets a chart when there is room.
   */
  private static SourceSection section(Backend backend, SourceConfig config, TimeRange window,
      List<Anomaly> alerting, int charts) {
    Map<SeriesKey, Anomaly> strongest = new LinkedHashMap<>();
    for (Anomaly anomaly : alerting.stream().sorted(Anomaly.STRONGEST_FIRST).toList()) {
      strongest.putIfAbsent(SeriesKey.of(anomaly), anomaly);
    }
    List<SeriesKey> charted = Anomaly.strongest(strongest.values(), charts).stream().map(SeriesKey::of).toList();
    // Each charted series reads its own rows: a source's window may hold millions of rows of other keys.
    List<SeriesWindow> windows = new ArrayList<>();
    for (SeriesKey series : charted) {
      windows.add(SeriesWindow.of(config.source(), series.key(), series.metric(), config.grid(), window,
          backend.readSeriesBins(config.source(), window, series.key()),
          backend.readLatestPredictions(config.source(), window, series.key()), alerting));
    }
    return new SourceSection(config.source(), window, windows, strongest.size(), alerting.size());
  }
}
