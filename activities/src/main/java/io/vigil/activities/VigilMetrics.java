package io.vigil.activities;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Vigil's own metrics, which the activity implementations record into: what each job wrote, found and scored, and
 * how far each source's series are behind. Every meter has a description and, where it measures something, a base
 * unit; the Prometheus names they take are listed in the README's Operations section.
 */
public final class VigilMetrics {

  /** Timer buckets of one inference batch: from a few milliseconds on a GPU to a minute on a busy CPU. */
  private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

  private final MeterRegistry registry;
  /** The latest known watermark per source; the lag gauge reads it at each scrape. */
  private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();
  private final Map<String, Duration> allowedLags = new ConcurrentHashMap<>();

  public VigilMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics that go nowhere: an empty composite registry records nothing. For tests and one-off tools. */
  public static VigilMetrics none() {
    return new VigilMetrics(new CompositeMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * The series of {@code config}'s source are generated up to {@code watermark}. Lag is measured from it at each
   * scrape, so a source whose runs stop or fail shows a lag that keeps growing. The allowed lag beside it is what an
   * up-to-date source can show: the generation delay plus one bin.
   */
  public void watermark(SourceConfig config, Instant watermark) {
    String source = config.source();
    allowedLags.put(source, config.generationDelay().plus(config.binSize()));
    if (watermarks.put(source, watermark) == null) {
      TimeGauge.builder("vigil.series.lag", watermarks, TimeUnit.MILLISECONDS,
              marks -> registry.config().clock().wallTime() - marks.get(source).toEpochMilli())
          .description("How far the source's series watermark (end of the generated bins) is behind now")
          .tag("source", source)
          .strongReference(true)
          .register(registry);
      TimeGauge.builder("vigil.series.lag.allowed", allowedLags, TimeUnit.MILLISECONDS,
              allowed -> allowed.get(source).toMillis())
          .description("The lag an up-to-date source can show: TimeSeriesGenerationDelay plus one bin")
          .tag("source", source)
          .strongReference(true)
          .register(registry);
    }
  }

  /** A series chunk left {@code bins} TimeSeries rows (one per key and non-empty bin) in its range. */
  public void binsWritten(String source, long bins) {
    counter("vigil.series.written", "bins",
        "TimeSeries rows written by series generation, one per series key and non-empty bin", "source", source)
        .increment(bins);
  }

  /** A forecast run forecast {@code forecast} series keys and skipped {@code skipped} with too short a history. */
  public void forecastsMade(String source, String model, int forecast, int skipped) {
    counter("vigil.forecast.made", "series", "Series keys forecast", "source", source, "model", model)
        .increment(forecast);
    counter("vigil.forecast.skipped", "series", "Series keys not forecast: less history than MinForecastLookbackPeriod",
        "source", source, "model", model).increment(skipped);
  }

  /**
   * An anomaly run found {@code anomalies} and raised {@code incidents}; excepted anomalies are not counted. A
   * source's counters of every kind and severity are registered at 0 on its first run: Prometheus's increase() takes
   * a counter's first sample as its start, so a burst that created its counter would not count.
   */
  public void anomaliesFound(String source, List<Anomaly> anomalies, List<Incident> incidents) {
    for (AnomalyKind kind : AnomalyKind.values()) {
      for (Severity severity : Severity.values()) {
        anomalyCounter(source, kind, severity);
      }
    }
    for (Severity severity : Severity.values()) {
      incidentCounter(source, severity);
    }
    for (Anomaly anomaly : anomalies) {
      if (!anomaly.excepted()) {
        anomalyCounter(source, anomaly.kind(), anomaly.severity()).increment();
      }
    }
    for (Incident incident : incidents) {
      incidentCounter(source, incident.severity()).increment();
    }
  }

  private Counter anomalyCounter(String source, AnomalyKind kind, Severity severity) {
    return counter("vigil.anomalies.found", null,
        "Anomalies found that no AnomaliesExceptions row covers, by kind and the anomaly's severity",
        "source", source, "kind", kind.id(), "severity", severity.label());
  }

  private Counter incidentCounter(String source, Severity severity) {
    return counter("vigil.incidents.raised", null,
        "Incidents raised: a key's weighted anomalies passed IncidentWeightThreshold",
        "source", source, "severity", severity.label());
  }

  /** One inference batch of {@code sequences} sequences took {@code nanos} in ONNX Runtime on {@code device}. */
  public void scored(String modelVersion, String device, int sequences, long nanos) {
    counter("vigil.inference.scored", "sequences", "Flow sequences scored by the model",
        "model_version", modelVersion, "device", device).increment(sequences);
    Timer.builder("vigil.inference.latency")
        .description("Time ONNX Runtime took to score one batch")
        .tag("device", device)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    DistributionSummary.builder("vigil.inference.batch.size").baseUnit("sequences")
        .description("Sequences in one inference batch")
        .tag("device", device)
        .register(registry).record(sequences);
  }

  /** This worker scores with model {@code version} on {@code device}: an info metric whose value is always 1. */
  public void modelServed(String version, String device) {
    Gauge.builder("vigil.model.info", () -> 1)
        .strongReference(true)
        .description("The flow model version this worker scores with (value 1; the version is a tag)")
        .tags("version", version, "device", device)
        .register(registry);
  }

  /** A detection run of {@code dataset} wrote {@code detections} sequences above its threshold. */
  public void detectionsWritten(String dataset, int detections) {
    counter("vigil.detections", "sequences", "Flow sequences detected: scored above the run's threshold",
        "dataset", dataset).increment(detections);
  }

  /** The counter of that name and tags ({@code key, value, ...}); {@code baseUnit} null for plain counts. */
  private Counter counter(String name, String baseUnit, String description, String... tags) {
    return Counter.builder(name).baseUnit(baseUnit).description(description).tags(tags).register(registry);
  }
}
