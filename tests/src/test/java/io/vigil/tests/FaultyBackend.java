package io.vigil.tests;

import io.vigil.backend.AnomalyProgress;
import io.vigil.backend.Backend;
import io.vigil.backend.SeriesExtent;
import io.vigil.backend.SourceEvents;
import io.vigil.model.Dimension;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.forecast.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend with faults injected into series steps: each step can be slowed down; a chosen step can fail once
 * after it has committed, as a process that dies between its commit and its heartbeat would; and a chosen step can
 * hang once before it writes, as a worker that stops responding and wakes up later would. An anomaly write can
 * likewise fail once after its commit.
 */
final class FaultyBackend implements Backend {

  private final Backend delegate;
  private final Duration stepDelay;
  private final AtomicInteger steps = new AtomicInteger();
  private volatile int failAfterStep;
  private volatile int failBeforeStep;
  private volatile Instant failedAt;
  private volatile int hangBeforeStep;
  private volatile Duration hang = Duration.ZERO;
  private final AtomicInteger started = new AtomicInteger();
  private volatile boolean failAfterAnomalyWrite;

  FaultyBackend(Backend delegate, Duration stepDelay) {
    this.delegate = delegate;
    this.stepDelay = stepDelay;
  }

  /** The {@code n}-th step from now on (1-based) writes its bins and then throws, once. */
  void failOnceAfterStep(int n) {
    failAfterStep = steps.get() + n;
  }

  /** The {@code n}-th step from now on (1-based) throws before it writes anything, once. */
  void failOnceBeforeStep(int n) {
    failBeforeStep = started.get() + n;
  }

  /** When an injected failure last struck; empty when none has. */
  Optional<Instant> failedAt() {
    return Optional.ofNullable(failedAt);
  }

  /** The {@code n}-th step from now on (1-based) sleeps {@code duration} before it writes its bins, once. */
  void hangOnceBeforeStep(int n, Duration duration) {
    hang = duration;
    hangBeforeStep = started.get() + n;
  }

  /** The next anomaly write commits and then throws, once, as a worker dying before it reports would. */
  void failOnceAfterAnomalyWrite() {
    failAfterAnomalyWrite = true;
  }

  /** Steps that wrote their bins. */
  int steps() {
    return steps.get();
  }

  @Override
  public void generateSeriesBins(SourceConfig config, TimeRange range) {
    int step = started.incrementAndGet();
    try {
      Thread.sleep(step == hangBeforeStep ? hang.toMillis() : stepDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("step interrupted", e);
    }
    if (step == failBeforeStep) {
      failedAt = Instant.now();
      throw new IllegalStateException("injected failure before writing " + range);
    }
    delegate.generateSeriesBins(config, range);
    if (steps.incrementAndGet() == failAfterStep) {
      failedAt = Instant.now();
      throw new IllegalStateException("injected failure after writing " + range);
    }
  }

  @Override
  public String name() {
    return "faulty-" + delegate.name();
  }

  @Override
  public void checkSource(SourceConfig config) {
    delegate.checkSource(config);
  }

  @Override
  public Optional<Instant> earliestEvent(SourceConfig config) {
    return delegate.earliestEvent(config);
  }

  @Override
  public Optional<Instant> seriesWatermark(String source) {
    return delegate.seriesWatermark(source);
  }

  @Override
  public List<SeriesBin> readSourceAggregates(SourceConfig config, TimeRange range) {
    return delegate.readSourceAggregates(config, range);
  }

  @Override
  public void replaceSeriesBins(SourceConfig config, TimeRange range, List<SeriesBin> bins) {
    delegate.replaceSeriesBins(config, range, bins);
  }

  @Override
  public List<SeriesBin> readSeriesBins(String source, TimeRange range) {
    return delegate.readSeriesBins(source, range);
  }

  @Override
  public void replacePredictions(String source, List<Instant> runs, List<Prediction> predictions) {
    delegate.replacePredictions(source, runs, predictions);
  }

  @Override
  public Optional<Instant> lastPredictionRun(String source) {
    return delegate.lastPredictionRun(source);
  }

  @Override
  public List<Prediction> readLatestPredictions(String source, TimeRange bins) {
    return delegate.readLatestPredictions(source, bins);
  }

  @Override
  public Optional<AnomalyProgress> anomalyProgress(String source) {
    return delegate.anomalyProgress(source);
  }

  @Override
  public void replaceAnomalies(String source, TimeRange range, Instant runTime, List<Anomaly> anomalies,
      List<Incident> incidents) {
    delegate.replaceAnomalies(source, range, runTime, anomalies, incidents);
    if (failAfterAnomalyWrite) {
      failAfterAnomalyWrite = false;
      throw new IllegalStateException("injected failure after writing the anomalies of " + source + " over " + range);
    }
  }

  @Override
  public List<Anomaly> readAnomalies(String source, TimeRange range) {
    return delegate.readAnomalies(source, range);
  }

  @Override
  public List<Incident> readIncidents(String source, TimeRange range) {
    return delegate.readIncidents(source, range);
  }

  @Override
  public String evidenceQuery(SourceConfig config, Map<Dimension, String> key, TimeRange range) {
    return delegate.evidenceQuery(config, key, range);
  }

  @Override
  public SourceEvents readSourceEvents(SourceConfig config, Map<Dimension, String> key, TimeRange range, int limit) {
    return delegate.readSourceEvents(config, key, range, limit);
  }

  @Override
  public List<Prediction> readPredictions(String source, Instant generatedAt) {
    return delegate.readPredictions(source, generatedAt);
  }

  @Override
  public SeriesExtent seriesExtent(String source, TimeRange range) {
    return delegate.seriesExtent(source, range);
  }

  @Override
  public void close() {
    // The delegate belongs to the test.
  }
}
