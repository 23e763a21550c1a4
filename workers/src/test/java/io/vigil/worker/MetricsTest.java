package io.vigil.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.WorkflowMetric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheRegistryAsPrometheusTextOnLoopback() throws Exception {
    try (Metrics metrics = Metrics.create().serve("127.0.0.1", 0)) {
      metrics.vigil().binsWritten("Events", 42);
      String url = metrics.url().orElseThrow();
      assertTrue(url.startsWith("http://127.0.0.1:") && url.endsWith("/metrics"), url);

      HttpResponse<String> response = get(url);

      assertEquals(200, response.statusCode());
      assertEquals(Metrics.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
      assertTrue(response.body().contains("# HELP vigil_series_written_bins_total TimeSeries rows written"),
          response.body());
      assertTrue(response.body().contains("vigil_series_written_bins_total{source=\"Events\"} 42.0"), response.body());
      assertTrue(response.body().contains("jvm_memory_used_bytes"), "the JVM's metrics are bound too");
      assertEquals(404, get(url.replace("/metrics", "/other")).statusCode());
    }
  }

  @Test
  void aTakenPortIsReportedWithTheOptionThatChangesIt() {
    try (Metrics first = Metrics.create().serve("127.0.0.1", 0)) {
      int port = URI.create(first.url().orElseThrow()).getPort();
      try (Metrics second = Metrics.create()) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
            () -> second.serve("127.0.0.1", port));
        assertTrue(failure.getMessage().startsWith("cannot serve metrics on 127.0.0.1:" + port + ": ")
            && failure.getMessage().contains("--metrics-port"), failure.getMessage());
      }
    }
  }

  @Test
  void unservedMetricsHaveNoUrl() {
    try (Metrics metrics = Metrics.create()) {
      assertTrue(metrics.url().isEmpty());
    }
  }

  @Test
  void workflowMetricsFromTheTemporalScopeGetTheirDescriptionAndTemporalTimersAFewBuckets() throws Exception {
    try (Metrics metrics = Metrics.create()) {
      metrics.temporalScope().tagged(Map.of(WorkflowMetric.SOURCE_TAG, "Events"))
          .gauge(WorkflowMetric.LAST_SUCCESS.metricName()).update(1_795_000_000);
      metrics.temporalScope().tagged(Map.of("task_queue", "vigil-inference"))
          .timer("temporal_activity_schedule_to_start_latency").record(com.uber.m3.util.Duration.ofMillis(300));

      // Tally hands timings to the registry at once, and gauges with its report once a second.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String scrape = metrics.scrape();
      while (!scrape.contains("vigil_run_last_success_timestamp_seconds{") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        scrape = metrics.scrape();
      }

      assertTrue(scrape.contains("# HELP vigil_run_last_success_timestamp_seconds "
          + WorkflowMetric.LAST_SUCCESS.description()), scrape);
      assertTrue(scrape.contains("vigil_run_last_success_timestamp_seconds{source=\"Events\"} 1.795E9"), scrape);
      long buckets = scrape.lines()
          .filter(line -> line.startsWith("temporal_activity_schedule_to_start_latency_seconds_bucket")).count();
      assertEquals(13, buckets, "twelve bounds and +Inf instead of Micrometer's percentile histogram: " + scrape);
      assertTrue(scrape.contains("temporal_activity_schedule_to_start_latency_seconds_bucket{task_queue="
          + "\"vigil-inference\",le=\"0.5\"} 1"), scrape);
    }
  }
}
