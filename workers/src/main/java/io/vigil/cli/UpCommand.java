package io.vigil.cli;

import io.vigil.backend.Backend;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.flows.FlowStore;
import io.vigil.inference.OnnxScorer;
import io.vigil.config.Watchlists;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.AnomalyResult;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionResult;
import io.vigil.model.detection.Threshold;
import io.vigil.model.forecast.ForecastResult;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.sample.SampleData;
import io.vigil.sample.SampleFlows;
import io.vigil.worker.Backends;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import io.vigil.worker.Metrics;
import io.vigil.worker.Passes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil up}: the embedded stack, running series generation for every watchlist row. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {
        "Start the embedded stack (Temporal test server on 127.0.0.1, DuckDB file, CPU worker), create sample "
            + "source tables where they are missing or empty, run series generation for every watchlist row "
            + "as Temporal workflows, then forecasts, then anomaly detection (forecast deviations, baselines, "
            + "incidents), printing a summary per source for each and the top anomalies.",
        "Generates and judges new bins again every SeriesGenerationFrequency minutes and forecasts every "
            + "ForecastGenerationFrequency minutes until interrupted, or runs once with --once. "
            + "Progress is kept in the DuckDB file, so a later run resumes where this one stopped.",
        "Exit status: 0 when every row ran, 1 when a row had a configuration error or its run failed, "
            + "2 when the stack could not start."})
public final class UpCommand implements Callable<Integer> {

  /** How many of a pass's anomalies are printed. */
  private static final int TOP_ANOMALIES = 10;
  /** How many network detections are printed. */
  private static final int TOP_DETECTIONS = 10;
  /** The sample flows cover two days: enough for every injected attack, small enough to score in seconds. */
  private static final Duration SAMPLE_FLOW_HISTORY = Duration.ofDays(2);

  @Mixin WatchlistOptions watchlists;

  @Option(names = "--db", paramLabel = "FILE", defaultValue = "vigil.duckdb",
      description = "DuckDB database file holding sources and Vigil tables. Default: ${DEFAULT-VALUE}.")
  Path database;

  @Option(names = "--temporal-port", paramLabel = "PORT", defaultValue = "7233",
      description = "Port of the embedded Temporal server on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int temporalPort;

  @Option(names = "--once", description = "Run one pass and exit instead of repeating.")
  boolean once;

  @Option(names = "--no-sample-data", negatable = true, defaultValue = "true",
      description = "Create the bundled sample tables (SampleSigninLogs, SampleFileEvents, SampleFirewallLogs) "
          + "when the watchlist names them and they are missing or empty. On by default.")
  boolean sampleData;

  @Option(names = "--sample-days", paramLabel = "DAYS", defaultValue = "21",
      description = "Days of sample history to create, ending now. Default: ${DEFAULT-VALUE}.")
  int sampleDays;

  @Option(names = "--flows", paramLabel = "FILE|TABLE",
      description = "Network flows to score once, after the first pass (a CSV, Parquet or Zeek conn.log file, or a "
          + "table of the DuckDB file). Default: the sample table " + SampleFlows.TABLE + " with sample data, "
          + "else none.")
  String flows;

  @Mixin ModelOptions models;

  @Mixin MetricsOptions metricsOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Watchlists config = watchlists.load(err);
    try (ShutdownLatch stop = new ShutdownLatch();
        Metrics metrics = metricsOptions.start(!once);
        DuckDbBackend backend = DuckDbBackend.open(database);
        Backend sources = Backends.forWatchlists(config, backend, System.getenv());
        OnnxScorer scorer = OnnxScorer.load(models.registry().current(), false);
        EmbeddedTemporal temporal = EmbeddedTemporal.start(temporalPort, metrics.temporalScope());
        CpuWorker worker = CpuWorker.startWithDetection(temporal.client(), sources, backend,
            EmbeddedTemporal.workerFactoryOptions(), scorer, metrics.vigil())) {
      out.printf("Vigil up: DuckDB %s, Temporal %s (namespace %s), %d watchlist row(s)%n", backend.location(),
          temporal.target(), EmbeddedTemporal.NAMESPACE, config.sources().size());
      metrics.url().ifPresent(url -> out.printf("Metrics for Prometheus: %s%n", url));
      if (sampleData) {
        createSampleData(backend, config.sources(), out);
      }
      String flowsToScore = flows != null ? flows : sampleData ? SampleFlows.TABLE : null;
      Duration frequency = config.global().seriesGenerationFrequency();
      Instant lastForecasts = null;
      while (true) {
        long started = System.nanoTime();
        List<Passes.Outcome<SeriesGenerationResult>> outcomes =
            Passes.series(temporal.client(), config.sources(), SeriesGenerationInput.Tuning.DEFAULT);
        out.printf("%nSeries generation (%s):%n", seconds(started));
        SummaryTable.print(outcomes, out);
        boolean healthy = !config.hasErrors() && outcomes.stream().allMatch(Passes.Outcome::succeeded);
        // Forecasts follow the series pass at their own, usually slower, frequency; rows whose series failed wait.
        List<SourceConfig> generated = outcomes.stream().filter(Passes.Outcome::succeeded)
            .map(Passes.Outcome::config).toList();
        Instant now = Instant.now();
        if (lastForecasts == null
            || !now.isBefore(lastForecasts.plus(config.global().forecastGenerationFrequency()))) {
          started = System.nanoTime();
          List<Passes.Outcome<ForecastResult>> forecasts = Passes.forecasts(temporal.client(), generated,
              config.anomalies().forecastWarmUp());
          out.printf("%nForecasts (%s):%n", seconds(started));
          ForecastSummary.print(forecasts, out);
          healthy &= forecasts.stream().allMatch(Passes.Outcome::succeeded);
          lastForecasts = now;
        }
        // New bins are judged after every series pass, against the latest forecasts made before them.
        started = System.nanoTime();
        List<Passes.Outcome<AnomalyResult>> anomalies =
            Passes.anomalies(temporal.client(), generated, config.anomalies());
        out.printf("%nAnomalies (%s):%n", seconds(started));
        AnomalySummary.print(anomalies, out);
        AnomalySummary.printTop(sources, anomalies, TOP_ANOMALIES, out);
        healthy &= anomalies.stream().allMatch(Passes.Outcome::succeeded);
        if (flowsToScore != null) {
          healthy &= detect(temporal, backend, flowsToScore, out);
          flowsToScore = null;
        }
        if (once) {
          return healthy ? 0 : 1;
        }
        out.printf("Next pass in %s (SeriesGenerationFrequency); Ctrl-C stops.%n", Durations.compact(frequency));
        out.flush();
        if (stop.await(frequency)) {
          out.println("Stopping.");
          return 0;
        }
      }
    }
  }

  private static String seconds(long startedNanos) {
    return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
  }

  /** Scores the flows once as a detect/<dataset> workflow and prints the report; false when the run failed. */
  private static boolean detect(EmbeddedTemporal temporal, DuckDbBackend backend, String source, PrintWriter out) {
    String dataset = java.nio.file.Path.of(source).getFileName().toString();
    long started = System.nanoTime();
    out.printf("%nNetwork detection (%s):%n", source);
    try {
      DetectionResult result = Passes.detection(temporal.client(), dataset,
          new DetectionInput(source, Threshold.DEFAULT, DetectionInput.DEFAULT_BATCH, true));
      DetectionReport.print(result, new FlowStore(backend), TOP_DETECTIONS, (System.nanoTime() - started) / 1e9,
          out);
      return true;
    } catch (RuntimeException e) {
      out.println("FAILED: " + Passes.describe(e));
      return false;
    }
  }

  private void createSampleData(DuckDbBackend backend, List<SourceConfig> sources, PrintWriter out) {
    List<String> wanted = sources.stream().map(SourceConfig::source).toList();
    Map<String, Long> created = new SampleData(20_240_601L, Instant.now(), Duration.ofDays(sampleDays))
        .ensure(backend, wanted);
    created.forEach((table, rows) ->
        out.printf("Created sample table %s: %,d events over the last %d days%n", table, rows, sampleDays));
    long flowRows = new SampleFlows(20_240_601L, Instant.now(), SAMPLE_FLOW_HISTORY).ensure(backend);
    if (flowRows > 0) {
      out.printf("Created sample table %s: %,d flows over the last %d days%n", SampleFlows.TABLE, flowRows,
          SAMPLE_FLOW_HISTORY.toDays());
    }
  }
}
