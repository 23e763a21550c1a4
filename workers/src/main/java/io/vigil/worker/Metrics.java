package io.vigil.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.vigil.activities.VigilMetrics;
import io.vigil.model.WorkflowMetric;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * One process's metrics: a Prometheus registry holding Vigil's own metrics, the Temporal SDK's (bridged from its
 * tally scope) and the JVM's, optionally served as {@code /metrics} over HTTP.
 */
public final class Metrics implements AutoCloseable {

  /** The port of /metrics unless told otherwise; the OpenTelemetry Prometheus exporter's default too. */
  public static final int DEFAULT_PORT = 9464;

  /** The Prometheus text format the endpoint answers in. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * Buckets of the Temporal SDK's latency timers. The SDK asks for Micrometer's percentile histogram, about 70
   * buckets per timer and tag set, which made a scrape of one worker over a megabyte; these dozen keep the quantiles
   * dashboards and alerts need, from task hand-over (milliseconds) to a backlog (minutes).
   */
  private static final double[] TEMPORAL_BUCKETS_NANOS = Arrays.stream(new Duration[] {Duration.ofMillis(5),
      Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5)}).mapToDouble(Duration::toNanos).toArray();

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Scope temporalScope;
  private final VigilMetrics vigil;
  private HttpServer server;

  private Metrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        return describedWorkflowMetric(id).orElse(id);
      }

      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        boolean temporalTimer = id.getType() == Meter.Type.TIMER && id.getName().startsWith("temporal_");
        return temporalTimer ? DistributionStatisticConfig.builder().percentilesHistogram(false)
            .serviceLevelObjectives(TEMPORAL_BUCKETS_NANOS).build().merge(config) : config;
      }
    });
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // The SDK's scope reports into the registry every second, so a scrape sees what happened a second ago.
    temporalScope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
    vigil = new VigilMetrics(registry);
  }

  /** The registry and the Temporal scope, not served; {@link #serve} starts the endpoint. */
  public static Metrics create() {
    return new Metrics();
  }

  /**
   * Workflows report through Temporal's scope, which sets no description or unit: they are added from
   * {@link WorkflowMetric} as the meter is registered.
   */
  private static Optional<Meter.Id> describedWorkflowMetric(Meter.Id id) {
    return Arrays.stream(WorkflowMetric.values()).filter(metric -> metric.metricName().equals(id.getName()))
        .findFirst().map(metric -> new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), metric.baseUnit(),
            metric.description(), id.getType()));
  }

  /**
   * Serves {@code /metrics} on {@code address:port}.
   *
   * @param port the port, or 0 for any free one
   * @throws IllegalStateException when the port is taken or the address cannot be bound, saying which
   */
  public Metrics serve(String address, int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (IOException e) {
      String reason = e instanceof BindException
          ? "the port is in use or the address is not this machine's; pick another with --metrics-port (0 picks a "
              + "free one) or --metrics-address"
          : e.getMessage();
      throw new IllegalStateException("cannot serve metrics on " + address + ":" + port + ": " + reason, e);
    }
    server.createContext("/metrics", this::answer);
    server.start();
    return this;
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals("/metrics")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The endpoint's address, when it is served. */
  public Optional<String> url() {
    return Optional.ofNullable(server).map(s -> "http://" + s.getAddress().getHostString() + ":"
        + s.getAddress().getPort() + "/metrics");
  }

  /** Everything in the registry, in the Prometheus text format, as {@code /metrics} answers. */
  public String scrape() {
    return registry.scrape();
  }

  /** The scope to give the Temporal service stubs, so that the SDK's client and worker metrics land here. */
  public Scope temporalScope() {
    return temporalScope;
  }

  /** Vigil's own metrics, for the activity implementations. */
  public VigilMetrics vigil() {
    return vigil;
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    try {
      temporalScope.close();
    } catch (ScopeCloseException e) {
      // Closing only flushes the SDK's last values into the registry, which is closed next and scraped no more.
    }
    gc.close();
    registry.close();
  }
}
