package io.vigil.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VigilMetricsTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final VigilMetrics metrics = new VigilMetrics(registry);

  VigilMetricsTest() {
    clock.add(NOW.toEpochMilli() - clock.wallTime(), TimeUnit.MILLISECONDS);
  }

  private static SourceConfig source(String name, Duration bin, Duration delay) {
    return new SourceConfig(1, name, "Computer", "", "", "", "", "TimeGenerated", bin, delay, Duration.ofDays(14),
        Duration.ofDays(1), Duration.ofDays(7), 24, null);
  }

  @Test
  void lagIsMeasuredFromTheLatestWatermarkAtEachReadAndGrowsWhileNothingRuns() {
    SourceConfig config = source("Events", Duration.ofMinutes(10), Duration.ofMinutes(30));
    metrics.watermark(config, NOW.minus(Duration.ofHours(3)));
    metrics.watermark(config, NOW.minus(Duration.ofMinutes(40)));

    assertEquals(2400, registry.get("vigil.series.lag").tag("source", "Events").timeGauge().value(TimeUnit.SECONDS));
    clock.add(Duration.ofMinutes(5));
    assertEquals(2700, registry.get("vigil.series.lag").timeGauge().value(TimeUnit.SECONDS));
    assertEquals(2400, registry.get("vigil.series.lag.allowed").tag("source", "Events").timeGauge()
        .value(TimeUnit.SECONDS), "30 minutes of delay and one 10-minute bin");
    assertEquals("How far the source's series watermark (end of the generated bins) is behind now",
        registry.get("vigil.series.lag").timeGauge().getId().getDescription());
  }

  @Test
  void countersAddUpPerSourceAndTheirTags() {
    metrics.binsWritten("Events", 120);
    metrics.binsWritten("Events", 30);
    metrics.forecastsMade("Events", "kql-avg", 40, 3);

    assertEquals(150, registry.get("vigil.series.written").tag("source", "Events").counter().count());
    assertEquals("bins", registry.get("vigil.series.written").counter().getId().getBaseUnit());
    assertEquals(40, registry.get("vigil.forecast.made").tags("source", "Events", "model", "kql-avg").counter()
        .count());
    assertEquals(3, registry.get("vigil.forecast.skipped").counter().count());
  }

  @Test
  void anomaliesAreCountedByKindAndSeverityWithoutExceptedOnesAndEveryCounterStartsAtZero() {
    Anomaly high = anomaly(AnomalyKind.FORECAST_DEVIATION, Severity.HIGH, false);
    Anomaly excepted = anomaly(AnomalyKind.FORECAST_DEVIATION, Severity.HIGH, true);
    Anomaly low = anomaly(AnomalyKind.FIRST_SEEN_USER_IP, Severity.LOW, false);
    Incident incident = new Incident("Signins", "", "u", "", "", NOW, NOW, 3, 3, "ForecastDeviation", "alert",
        Severity.MEDIUM, NOW);

    metrics.anomaliesFound("Signins", List.of(high, excepted, high, low), List.of(incident));

    assertEquals(2, anomalies(AnomalyKind.FORECAST_DEVIATION, Severity.HIGH));
    assertEquals(1, anomalies(AnomalyKind.FIRST_SEEN_USER_IP, Severity.LOW));
    assertEquals(0, anomalies(AnomalyKind.FIRST_SEEN_USER_HOST, Severity.MEDIUM),
        "registered at 0, so that Prometheus's increase() counts its first burst");
    assertEquals(AnomalyKind.values().length * Severity.values().length,
        registry.get("vigil.anomalies.found").counters().size());
    assertEquals(1, registry.get("vigil.incidents.raised").tags("source", "Signins", "severity", "Medium").counter()
        .count());
  }

  @Test
  void inferenceRecordsSequencesLatencyBatchSizeAndTheModelServed() {
    metrics.modelServed("flow-seq-v2", "cpu");
    metrics.scored("flow-seq-v2", "cpu", 256, Duration.ofMillis(40).toNanos());
    metrics.scored("flow-seq-v2", "cpu", 64, Duration.ofMillis(20).toNanos());
    metrics.detectionsWritten("capture.csv", 7);

    assertEquals(320, registry.get("vigil.inference.scored").tags("model_version", "flow-seq-v2", "device", "cpu")
        .counter().count());
    assertEquals(60, registry.get("vigil.inference.latency").timer().totalTime(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(160, registry.get("vigil.inference.batch.size").summary().mean());
    assertEquals(1, registry.get("vigil.model.info").tags(Tags.of("version", "flow-seq-v2")).gauge().value());
    assertEquals(7, registry.get("vigil.detections").tag("dataset", "capture.csv").counter().count());
  }

  @Test
  void noneRecordsNothing() {
    VigilMetrics none = VigilMetrics.none();
    none.binsWritten("Events", 5);
    assertEquals(0, none.registry().get("vigil.series.written").counter().count());
  }

  private double anomalies(AnomalyKind kind, Severity severity) {
    return registry.get("vigil.anomalies.found")
        .tags("source", "Signins", "kind", kind.id(), "severity", severity.label()).counter().count();
  }

  private static Anomaly anomaly(AnomalyKind kind, Severity severity, boolean excepted) {
    return new Anomaly("Signins", kind, "", "u", "10.0.0.1", "", NOW, "Count", 10, 1, 0, 2, 9.0, severity, "alert",
        severity, 1, excepted, "SELECT 1", NOW);
  }
}
