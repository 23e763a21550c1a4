package io.vigil.cli;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.worker.Passes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench series}: one watchlist row caught up through Vigil end to end (embedded Temporal, worker,
 * workflow, chunked activities, transactional steps) against the same aggregation written by hand as a single
 * DuckDB {@code INSERT ... SELECT ... GROUP BY}, on the same generated events in the same run.
 */
@Command(name = "series", mixinStandardHelpOptions = true,
    description = {
        "Generate events into a fresh DuckDB file, catch up one watchlist row through Vigil end to end, and run "
            + "the same aggregation as one DuckDB INSERT ... SELECT ... GROUP BY. Prints both times, their ratio, "
            + "peak heap, whether the two outputs are identical, and a final JSON line."})
public final class BenchSeriesCommand implements Callable<Integer> {

  private static final String EVENTS = "SeriesBench";
  private static final String REFERENCE = "BenchReference";

  @Option(names = "--events", defaultValue = "10000000", description = "Events to generate. Default: ${DEFAULT-VALUE}.")
  long events;

  @Option(names = "--days", defaultValue = "30", description = "Days the events span. Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(names = "--bin-minutes", defaultValue = "10", description = "Bin size. Default: ${DEFAULT-VALUE}.")
  int binMinutes;

  @Option(names = "--users", defaultValue = "200",
      description = "Distinct users; each has one host and one IP, and five activities. Default: ${DEFAULT-VALUE}.")
  int users;

  @Option(names = "--chunk-hours", defaultValue = "168",
      description = "Data time per activity (the default tuning's). Default: ${DEFAULT-VALUE}.")
  int chunkHours;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, SQLException {
    PrintWriter out = spec.commandLine().getOut();
    Path folder = Files.createTempDirectory("vigil-bench-series");
    Path file = folder.resolve("bench.duckdb");
    try (DuckDbBackend backend = DuckDbBackend.open(file)) {
      Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
      TimeRange span = new TimeRange(end.minus(Duration.ofDays(days)), end);
      long generateStarted = System.nanoTime();
      SeriesBench.generate(backend, EVENTS, events, span, users);
      out.printf(Locale.ROOT, "Generated %,d events over %d days in %.1f s (%s)%n", events, days,
          SeriesBench.seconds(generateStarted), file);
      out.flush();

      SourceConfig row = new SourceConfig(1, EVENTS, SeriesBench.HOST, SeriesBench.USER, SeriesBench.ACTION,
          SeriesBench.SRC_IP, SeriesBench.BYTES, SeriesBench.TIME, Duration.ofMinutes(binMinutes), Duration.ZERO,
          Duration.ofDays(days + 2L), Duration.ofDays(1), Duration.ofDays(days), 24, null);
      SeriesBench.createReference(backend, REFERENCE);
      long referenceStarted = System.nanoTime();
      long referenceRows = SeriesBench.aggregateInto(backend, REFERENCE, row, span);
      double referenceSeconds = SeriesBench.seconds(referenceStarted);
      out.printf(Locale.ROOT, "DuckDB INSERT ... SELECT ... GROUP BY: %,d rows in %.2f s%n", referenceRows,
          referenceSeconds);
      out.flush();

      SeriesGenerationInput.Tuning defaults = SeriesGenerationInput.Tuning.DEFAULT;
      SeriesGenerationInput.Tuning tuning = new SeriesGenerationInput.Tuning(Duration.ofHours(chunkHours),
          defaults.step(), defaults.stepTarget(), defaults.heartbeatTimeout(), defaults.chunkTimeout(),
          defaults.maxAttempts());
      PeakHeap.reset();
      long stackStarted = System.nanoTime();
      Passes.Outcome<SeriesGenerationResult> outcome;
      double stackSeconds;
      double vigilSeconds;
      try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
          CpuWorker worker = CpuWorker.start(temporal.client(), backend, EmbeddedTemporal.workerFactoryOptions())) {
        stackSeconds = SeriesBench.seconds(stackStarted);
        SeriesBench.warmUp(backend, temporal.client(), row);
        long vigilStarted = System.nanoTime();
        outcome = Passes.series(temporal.client(), List.of(row), tuning).get(0);
        vigilSeconds = SeriesBench.seconds(vigilStarted);
      }
      long peakHeapMb = PeakHeap.megabytes();
      if (!outcome.succeeded()) {
        out.println("Vigil run failed: " + outcome.problem());
        return 1;
      }
      out.printf(Locale.ROOT, "Embedded Temporal server and worker started in %.2f s (not part of the catch-up)%n",
          stackSeconds);
      out.printf(Locale.ROOT, "Vigil catch-up, workflow start to result, after one warm-up run (%d-hour chunks, "
          + "adaptive steps): "
          + "%,d rows in %.2f s%n", chunkHours, outcome.result().rowsWritten(), vigilSeconds);
      long differences = SeriesBench.compare(backend, REFERENCE, List.of(EVENTS)).values().stream()
          .mapToLong(SeriesBench.Mismatch::total).sum();
      double ratio = vigilSeconds / referenceSeconds;
      out.printf(Locale.ROOT, "Ratio Vigil / DuckDB: %.2f (target <= 1.5); peak heap %d MB; outputs identical: %s%n",
          ratio, peakHeapMb, differences == 0 ? "yes" : "NO (" + differences + " rows differ)");
      out.printf(Locale.ROOT, "{\"benchmark\":\"series\",\"events\":%d,\"days\":%d,\"bin_minutes\":%d,"
              + "\"rows\":%d,\"vigil_seconds\":%.3f,\"duckdb_seconds\":%.3f,\"ratio\":%.3f,\"peak_heap_mb\":%d,"
              + "\"stack_start_seconds\":%.3f,\"identical\":%s}%n",
          events, days, binMinutes, outcome.result().rowsWritten(), vigilSeconds, referenceSeconds, ratio, peakHeapMb,
          stackSeconds, differences == 0);
      out.flush();
      return differences == 0 ? 0 : 1;
    } finally {
      SeriesBench.deleteQuietly(folder);
    }
  }
}
