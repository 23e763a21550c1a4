package io.vigil.backend;

import io.vigil.model.Dimension;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.forecast.Prediction;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One backend per source, behind the one Backend the activities use: each watchlist row may name its own (the
 * Backend column), so a worker can serve Sentinel sources and DuckDB ones at once. A source the map does not name
 * goes to the fallback. The router closes the backends it was given except the fallback, which its caller owns.
 */
public final class BackendRouter implements Backend {

  private final Map<String, Backend> bySource;
  private final Backend fallback;

  public BackendRouter(Map<String, Backend> bySource, Backend fallback) {
    this.bySource = Map.copyOf(bySource);
    this.fallback = fallback;
  }

  private Backend of(String source) {
    return bySource.getOrDefault(source, fallback);
  }

  @Override
  public String name() {
    Set<String> names = new LinkedHashSet<>();
    names.add(fallback.name());
    bySource.values().forEach(backend -> names.add(backend.name()));
    return String.join("+", names);
  }

  @Override
  public void checkSource(SourceConfig config) {
    of(config.source()).checkSource(config);
  }

  @Override
  public Optional<Instant> earliestEvent(SourceConfig config) {
    return of(config.source()).earliestEvent(config);
  }

  @Override
  public Optional<Instant> seriesWatermark(String source) {
    return of(source).seriesWatermark(source);
  }

  @Override
  public List<SeriesBin> readSourceAggregates(SourceConfig config, TimeRange range) {
    return of(config.source()).readSourceAggregates(config, range);
  }

  @Override
  public void replaceSeriesBins(SourceConfig config, TimeRange range, List<SeriesBin> bins) {
    of(config.source()).replaceSeriesBins(config, range, bins);
  }

  @Override
  public void generateSeriesBins(SourceConfig config, TimeRange range) {
    of(config.source()).generateSeriesBins(config, range);
  }

  @Override
  public List<SeriesBin> readSeriesBins(String source, TimeRange range) {
    return of(source).readSeriesBins(source, range);
  }

  @Override
  public List<SeriesBin> readSeriesBins(String source, TimeRange range, Map<Dimension, String> key) {
    return of(source).readSeriesBins(source, range, key);
  }

  @Override
  public SeriesExtent seriesExtent(String source, TimeRange range) {
    return of(source).seriesExtent(source, range);
  }

  @Override
  public void replacePredictions(String source, List<Instant> runs, List<Prediction> predictions) {
    of(source).replacePredictions(source, runs, predictions);
  }

  @Override
  public List<Prediction> readPredictions(String source, Instant generatedAt) {
    return of(source).readPredictions(source, generatedAt);
  }

  @Override
  public Optional<Instant> lastPredictionRun(String source) {
    return of(source).lastPredictionRun(source);
  }

  @Override
  public List<Prediction> readLatestPredictions(String source, TimeRange bins) {
    return of(source).readLatestPredictions(source, bins);
  }

  @Override
  public List<Prediction> readLatestPredictions(String source, TimeRange bins, Map<Dimension, String> key) {
    return of(source).readLatestPredictions(source, bins, key);
  }

  @Override
  public Optional<AnomalyProgress> anomalyProgress(String source) {
    return of(source).anomalyProgress(source);
  }

  @Override
  public void replaceAnomalies(String source, TimeRange range, Instant runTime, List<Anomaly> anomalies,
      List<Incident> incidents) {
    of(source).replaceAnomalies(source, range, runTime, anomalies, incidents);
  }

  @Override
  public List<Anomaly> readAnomalies(String source, TimeRange range) {
    return of(source).readAnomalies(source, range);
  }

  @Override
  public List<Incident> readIncidents(String source, TimeRange range) {
    return of(source).readIncidents(source, range);
  }

  @Override
  public String evidenceQuery(SourceConfig config, Map<Dimension, String> key, TimeRange range) {
    return of(config.source()).evidenceQuery(config, key, range);
  }

  @Override
  public SourceEvents readSourceEvents(SourceConfig config, Map<Dimension, String> key, TimeRange range, int limit) {
    return of(config.source()).readSourceEvents(config, key, range, limit);
  }

  /** The tightest limit of the backends routed to, since one worker's activities serve them all. */
  @Override
  public OptionalInt maxConcurrentCalls() {
    return Stream.concat(Stream.of(fallback), bySource.values().stream())
        .map(Backend::maxConcurrentCalls)
        .filter(OptionalInt::isPresent)
        .mapToInt(OptionalInt::getAsInt)
        .min();
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (Backend backend : bySource.values().stream().filter(backend -> backend != fallback)
        .collect(Collectors.toCollection(LinkedHashSet::new))) {
      try {
        backend.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "backends by source " + bySource.keySet() + ", else " + fallback;
  }
}
