package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.cli.VigilRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's) on 127.0.0.1 scraping a running {@code vigil up} every second, with the rules of
 * observability/prometheus/alerts.yml, each expression as it is and only its {@code for:} shortened to a second. One
 * watchlist row's source was generated three days short of now and has since lost a column: its runs fail and its
 * lag stays three days. Prometheus must show that source's lag and failure alerts firing, and every metric the
 * alerts and the dashboard use must be in what {@code vigil up} exports. (With for: shortened, the sample sources'
 * lag alerts may fire too while their first catch-up runs; the real rules wait 15 minutes.)
 */
class PrometheusEndToEndTest {

  private static final String STALE = "StaleEvents";
  /** From Prometheus's start, including the scrapes and rule evaluations the alerts need. */
  private static final Duration ALERT_DEADLINE = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static Process vigil;
  private static Process prometheus;
  private static Path vigilLog;
  private static String vigilMetrics;
  private static String prometheusApi;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startVigilUpAndPrometheus() throws Exception {
    Path prometheusBinary = DebianTools.require("prometheus");
    Path database = dir.resolve("vigil.duckdb");
    Instant now = Instant.now();
    try (DuckDbBackend backend = DuckDbBackend.open(database)) {
      EventTables.create(backend, STALE);
      EventTables.append(backend, STALE, now.minus(Duration.ofDays(5)), now, 2_000, 7);
    }
    for (String file : List.of("watchlist.csv", "global.csv", "anomalies.csv", "exceptions.csv")) {
      Files.copy(DebianTools.REPOSITORY.resolve("config").resolve(file), dir.resolve(file));
    }
    String header = Files.readAllLines(dir.resolve("watchlist.csv")).get(0);
    // A first pass with a three-day generation delay leaves the watermark three days behind now.
    Files.writeString(dir.resolve("stale-first.csv"), header + "\n" + STALE + ",Computer,Account,Action,Ip,Bytes,"
        + "TimeGenerated,60,4320,,,,\n");
    VigilRun first = VigilRun.of("up", "--once", "--no-sample-data", "--temporal-port", "0", "--db",
        database.toString(), "--watchlist", dir.resolve("stale-first.csv").toString(), "--global",
        dir.resolve("global.csv").toString());
    assertEquals(0, first.exitCode(), first.out() + first.err());
    // Then the row names a column the source lacks, with no delay: its runs fail and its watermark stays.
    Files.writeString(dir.resolve("watchlist.csv"), STALE + ",NoSuchColumn,Account,Action,Ip,Bytes,TimeGenerated,"
        + "60,0,,,,\n", java.nio.file.StandardOpenOption.APPEND);

    int metricsPort = freePort();
    vigilMetrics = "http://127.0.0.1:" + metricsPort + "/metrics";
    vigilLog = dir.resolve("vigil.log");
    vigil = VigilProcess.start(new String[] {"up", "--temporal-port", "0", "--metrics-port",
        String.valueOf(metricsPort), "--db", database.toString(), "--watchlist", dir.resolve("watchlist.csv")
        .toString(), "--global", dir.resolve("global.csv").toString(), "--anomalies",
        dir.resolve("anomalies.csv").toString(), "--exceptions", dir.resolve("exceptions.csv").toString()}, vigilLog);
    VigilProcess.waitFor(vigilLog, "Metrics for Prometheus: " + vigilMetrics, vigil, 120);

    String rules = Files.readString(ObservabilityFiles.ALERTS).replaceAll("(?m)^(\\s+for:) .*$", "$1 1s");
    assertTrue(rules.contains("for: 1s"), "alerts.yml has rules with a for: clause");
    Files.writeString(dir.resolve("rules.yml"), rules);
    Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
        "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
        "rule_files:", "  - rules.yml",
        "scrape_configs:", "  - job_name: vigil", "    static_configs:",
        "      - targets: [\"127.0.0.1:" + metricsPort + "\"]", ""));
    int apiPort = freePort();
    prometheusApi = "http://127.0.0.1:" + apiPort + "/api/v1/";
    prometheus = new ProcessBuilder(prometheusBinary.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
        "--web.listen-address=127.0.0.1:" + apiPort)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process process : new Process[] {prometheus, vigil}) {
      if (process != null) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  @Test
  void theStaleSourcesLagAndFailureAlertsFireWithinTheBound() throws Exception {
    long started = System.nanoTime();
    Set<String> expected = Set.of("VigilSeriesLagHigh " + STALE, "VigilRunFailing " + STALE);
    Set<String> firing = Set.of();
    while (!firing.containsAll(expected)) {
      if (System.nanoTime() - started > ALERT_DEADLINE.toNanos()) {
        fail("within " + ALERT_DEADLINE.toSeconds() + " s only " + firing + " fired; Prometheus said "
            + get(prometheusApi + "alerts") + "\nvigil up said: " + Files.readString(vigilLog));
      }
      Thread.sleep(500);
      firing = firingAlerts();
    }
    System.out.printf("Prometheus: %s firing %.1f s after Prometheus started%n", expected,
        (System.nanoTime() - started) / 1e9);
    JsonNode failing = alert("VigilRunFailing", STALE);
    assertEquals("SeriesGenerationWorkflow", failing.path("labels").path("workflow_type").asText());
    double lagBeyondAllowed = alert("VigilSeriesLagHigh", STALE).path("value").asDouble();
    assertTrue(lagBeyondAllowed > Duration.ofDays(3).minusHours(2).toSeconds(),
        "three days behind, less the allowed hour: " + lagBeyondAllowed);
    assertTrue(firing.stream().noneMatch(alert -> alert.startsWith("VigilWorkerDown")), firing.toString());
    JsonNode up = json(get(prometheusApi + "query?query=" + URLEncoder.encode("up{job=\"vigil\"}",
        StandardCharsets.UTF_8))).path("data").path("result");
    assertEquals("1", up.path(0).path("value").path(1).asText(), up.toString());
  }

  @Test
  void everyMetricOfTheAlertsAndTheDashboardIsExported() throws Exception {
    Set<String> used = new TreeSet<>();
    ObservabilityFiles.alertExpressions().values().forEach(expr -> used.addAll(ObservabilityFiles.metricNames(expr)));
    ObservabilityFiles.dashboardExpressions().forEach(expr -> used.addAll(ObservabilityFiles.metricNames(expr)));
    // Prometheus itself records up for each target; the first test reads it back.
    used.remove("up");
    assertTrue(used.size() > 15 && used.contains("vigil_series_lag_seconds"), used.toString());
    // The first pass ends with network detection, after which every job has run and failed or succeeded once.
    VigilProcess.waitFor(vigilLog, "Next pass in", vigil, 240);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Set<String> missing = new TreeSet<>(used);
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      missing.removeAll(ObservabilityFiles.exportedNames(get(vigilMetrics)));
      Thread.sleep(500);
    }
    assertTrue(missing.isEmpty(), "used by alerts.yml or the dashboard but not exported: " + missing);
  }

  private static Set<String> firingAlerts() throws IOException, InterruptedException {
    Set<String> firing = new TreeSet<>();
    for (JsonNode alert : json(get(prometheusApi + "alerts")).path("data").path("alerts")) {
      if ("firing".equals(alert.path("state").asText())) {
        firing.add(alert.path("labels").path("alertname").asText() + " " + alert.path("labels").path("source")
            .asText());
      }
    }
    return firing;
  }

  private static JsonNode alert(String name, String source) throws IOException, InterruptedException {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode alert : json(get(prometheusApi + "alerts")).path("data").path("alerts")) {
      if (name.equals(alert.path("labels").path("alertname").asText())
          && source.equals(alert.path("labels").path("source").asText())) {
        found.add(alert);
      }
    }
    assertEquals(1, found.size(), () -> name + " of " + source + ": " + found);
    return found.get(0);
  }

  /** The body of a GET; empty while the server does not answer yet. */
  private static String get(String url) throws IOException, InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.net.ConnectException notYet) {
      return "";
    }
  }

  private static JsonNode json(String body) throws IOException {
    return new ObjectMapper().readTree(body.isEmpty() ? "{}" : body);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
