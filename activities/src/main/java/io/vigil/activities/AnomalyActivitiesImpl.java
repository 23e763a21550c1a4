package io.vigil.activities;

import io.vigil.anomaly.AlertRules;
import io.vigil.anomaly.AnomalyExceptions;
import io.vigil.anomaly.AnomalyRule;
import io.vigil.anomaly.Baselines;
import io.vigil.anomaly.Finding;
import io.vigil.anomaly.ForecastDeviations;
import io.vigil.anomaly.IncidentRule;
import io.vigil.anomaly.TukeyFences;
import io.vigil.backend.AnomalyProgress;
import io.vigil.backend.Backend;
import io.vigil.model.BinGrid;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.AlertRule;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyActivities;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.AnomalyRequest;
import io.vigil.model.anomaly.AnomalyResult;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Anomaly detection over a {@link Backend}; see {@link AnomalyActivities} for the contract. */
public final class AnomalyActivitiesImpl implements AnomalyActivities {

  private final Backend backend;
  private final VigilMetrics metrics;

  public AnomalyActivitiesImpl(Backend backend, VigilMetrics metrics) {
    this.backend = backend;
    this.metrics = metrics;
  }

  @Override
  public AnomalyResult detectAnomalies(AnomalyRequest request) {
    return BackendFailures.translated(() -> LivenessHeartbeat.during(() -> detect(request)));
  }

  private AnomalyResult detect(AnomalyRequest request) {
    SourceConfig config = request.config();
    AnomalySettings settings = request.settings();
    String source = config.source();
    Optional<Instant> generated = backend.seriesWatermark(source);
    if (generated.isEmpty()) {
      return nothing(source, "no series generated yet");
    }
    BinGrid grid = config.grid();
    Instant end = generated.get();
    // Judging resumes at the anomaly watermark; the first run, or one far behind, reaches back no further than
    // MaxForecastLookbackPeriod, the history a forecast may use.
    Instant bound = grid.ceil(end.minus(config.maxForecastLookback()));
    Optional<AnomalyProgress> progress = backend.anomalyProgress(source);
    // A retry of a run that already wrote (same run time) judges that run's range again, replacing it as a whole,
    // and so returns what the first attempt did.
    boolean retry = progress.isPresent() && progress.get().lastRunTime().equals(request.runTime());
    Optional<Instant> judgedUntil = progress.map(p -> retry ? p.lastRange().start() : p.judgedUntil());
    Instant historyStart = backend.seriesExtent(source, new TimeRange(Instant.EPOCH, end)).firstBin();
    if (historyStart == null) {
      return nothing(source, "no bins generated yet");
    }
    Instant start = latest(judgedUntil.orElse(historyStart), bound, historyStart);
    if (retry) {
      end = progress.get().lastRange().end();
    }
    if (!start.isBefore(end)) {
      return nothing(source, "no new bins since " + end);
    }
    TimeRange judged = new TimeRange(start, end);
    Duration residualWindow = settings.residualWindow();
    Duration before = residualWindow.compareTo(settings.baselineLookback()) > 0 ? residualWindow
        : settings.baselineLookback();
    List<SeriesBin> bins = backend.readSeriesBins(source, new TimeRange(grid.floor(start.minus(before)), end));

    TukeyFences fences = TukeyFences.of(settings.fences(), settings.fenceK());
    int windowBins = Math.max(settings.minimumResiduals(),
        (int) (residualWindow.toSeconds() / config.binSize().toSeconds()));
    ForecastDeviations deviations = new ForecastDeviations(
        new AnomalyRule(fences, windowBins, settings.minimumResiduals()));
    Instant residualStart = grid.floor(start.minus(residualWindow));
    ForecastDeviations.Outcome deviation = deviations.judge(
        bins.stream().filter(bin -> !bin.timeBin().isBefore(residualStart)).toList(),
        backend.readLatestPredictions(source, new TimeRange(residualStart, end)), judged, config.hasSize());
    List<Finding> findings = new ArrayList<>(deviation.findings());
    findings.addAll(new Baselines(settings.baselineLookback(), settings.baselineMinimumBins(), settings.rareShare(),
        fences).judge(bins, judged, historyStart));

    List<Anomaly> anomalies = toAnomalies(config, settings, findings, request.runTime());
    List<Incident> incidents = incidents(source, settings, anomalies, judged, request.runTime());
    backend.replaceAnomalies(source, judged, request.runTime(), anomalies, incidents);
    metrics.anomaliesFound(source, anomalies, incidents);

    Map<String, Integer> byKind = new LinkedHashMap<>();
    Map<AnomalyKind, Integer> counts = new EnumMap<>(AnomalyKind.class);
    anomalies.forEach(anomaly -> counts.merge(anomaly.kind(), 1, Integer::sum));
    counts.forEach((kind, count) -> byKind.put(kind.id(), count));
    int excepted = (int) anomalies.stream().filter(Anomaly::excepted).count();
    String note = judgedUntil.isPresent() && judgedUntil.get().isBefore(start)
        ? "bins of [" + judgedUntil.get() + ", " + start + ") were not judged: older than MaxForecastLookbackPeriod"
        : "";
    return new AnomalyResult(source, judged, deviation.keysScored(), byKind, excepted, incidents.size(), note);
  }

  private static AnomalyResult nothing(String source, String note) {
    return new AnomalyResult(source, null, 0, Map.of(), 0, 0, note);
  }

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant later = a.isAfter(b) ? a : b;
    return later.isAfter(c) ? later : c;
  }

  /** Adds the alert settings, the exception verdict and the evidence query to each finding. */
  private List<Anomaly> toAnomalies(SourceConfig config, AnomalySettings settings, List<Finding> findings,
      Instant runTime) {
    AlertRules alerts = new AlertRules(settings.defaultAlert(), settings.alerts());
    AnomalyExceptions exceptions = new AnomalyExceptions(settings.exceptions());
    List<Anomaly> anomalies = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      AlertRule alert = alerts.forAnomaly(config.source(), finding.activity());
      String evidence = backend.evidenceQuery(config, Anomaly.evidenceKey(finding.kind(), finding.hostname(),
          finding.user(), finding.srcIpAddr(), finding.activity()),
          new TimeRange(finding.bin(), finding.bin().plus(config.binSize())));
      anomalies.add(new Anomaly(config.source(), finding.kind(), finding.hostname(), finding.user(),
          finding.srcIpAddr(), finding.activity(), finding.bin(), finding.metric(), finding.actual(),
          finding.expected(), finding.lower(), finding.upper(), finding.score(), finding.severity(),
          alert.alertName(), alert.severity(), alert.weight(),
          exceptions.matches(finding.hostname(), finding.user(), finding.activity(), finding.srcIpAddr()), evidence,
          runTime));
    }
    return anomalies;
  }

  private record Key(String hostname, String user, String srcIpAddr, String activity) {
    static Key of(Anomaly anomaly) {
      return new Key(anomaly.hostname(), anomaly.user(), anomaly.srcIpAddr(), anomaly.activity());
    }

    static Key of(Incident incident) {
      return new Key(incident.hostname(), incident.user(), incident.srcIpAddr(), incident.activity());
    }
  }

  /**
   * The incidents whose last anomaly lies in the judged range. Earlier anomalies within IncidentWindow count too,
   * except those an earlier incident of the same key already holds, so each anomaly belongs to one incident at most
   * and a rerun raises the same incidents.
   */
  private List<Incident> incidents(String source, AnomalySettings settings, List<Anomaly> judgedAnomalies,
      TimeRange judged, Instant runTime) {
    TimeRange earlier = new TimeRange(judged.start().minus(settings.incidentWindow()), judged.start());
    Map<Key, Instant> lastIncident = new TreeMap<>(KEY_ORDER);
    for (Incident incident : backend.readIncidents(source, earlier)) {
      lastIncident.merge(Key.of(incident), incident.lastBin(), (a, b) -> a.isAfter(b) ? a : b);
    }
    List<Anomaly> candidates = new ArrayList<>(backend.readAnomalies(source, earlier));
    candidates.addAll(judgedAnomalies);
    Map<Key, List<Anomaly>> byKey = candidates.stream()
        .filter(anomaly -> !anomaly.excepted() && anomaly.weight() > 0)
        .filter(anomaly -> {
          Instant after = lastIncident.get(Key.of(anomaly));
          return after == null || anomaly.timeBin().isAfter(after);
        })
        .collect(Collectors.groupingBy(Key::of, () -> new TreeMap<>(KEY_ORDER), Collectors.toList()));
    IncidentRule rule = new IncidentRule(settings.incidentWindow(), settings.incidentThreshold());
    List<Incident> incidents = new ArrayList<>();
    byKey.forEach((key, anomalies) -> {
      for (IncidentRule.Incident<Anomaly> incident : rule.incidents(anomalies, Anomaly::timeBin, Anomaly::weight)) {
        if (judged.contains(incident.last())) {
          incidents.add(toIncident(source, key, incident, runTime));
        }
      }
    });
    return incidents;
  }

  private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::hostname).thenComparing(Key::user)
      .thenComparing(Key::srcIpAddr).thenComparing(Key::activity);

  private static Incident toIncident(String source, Key key, IncidentRule.Incident<Anomaly> incident,
      Instant runTime) {
    List<Anomaly> members = incident.anomalies();
    String kinds = members.stream().map(Anomaly::kind).distinct().sorted().map(AnomalyKind::id)
        .collect(Collectors.joining(","));
    Anomaly heaviest = members.stream().max(Comparator.comparingDouble(Anomaly::weight)).orElseThrow();
    Severity severity = members.stream().map(Anomaly::alertSeverity).max(Comparator.naturalOrder()).orElseThrow();
    return new Incident(source, key.hostname(), key.user(), key.srcIpAddr(), key.activity(), incident.first(),
        incident.last(), incident.weight(), members.size(), kinds, heaviest.alertName(), severity, runTime);
  }
}
