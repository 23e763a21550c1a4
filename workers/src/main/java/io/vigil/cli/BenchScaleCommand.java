package io.vigil.cli;

import io.temporal.worker.WorkerFactoryOptions;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.BinGrid;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import io.vigil.worker.Passes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench scale}: a whole watchlist caught up from empty on the embedded stack, one source table per row,
 * with the time split between the backend's queries and Temporal's machinery, and every row checked afterwards
 * against a plain DuckDB aggregation of exactly the range it should have generated.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = {
        "Generate one DuckDB table of events per watchlist row, catch every row up from empty through Vigil on the "
            + "embedded stack in one pass, and check each row's watermark, reported skip and TimeSeries rows "
            + "against a plain GROUP BY over the range it should cover. Prints total time, time per row, the wall "
            + "time with no query in flight (Temporal's machinery), workflows and activities executed, peak heap, "
            + "rows lost, extra or failed, and a final JSON line. Exits 1 when any row is wrong."})
public final class BenchScaleCommand implements Callable<Integer> {

  private static final String REFERENCE = "BenchReference";
  /** Failed rows printed by name; the rest are counted. */
  private static final int FAILURES_SHOWN = 10;

  @Option(names = "--rows", defaultValue = "1000", description = "Watchlist rows (sources). Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(names = "--days", defaultValue = "7", description = "Days of events before now. Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(names = "--events-per-row", defaultValue = "10000",
      description = "Events in each row's source. Default: ${DEFAULT-VALUE}.")
  long eventsPerRow;

  @Option(names = "--bin-minutes", defaultValue = "60",
      description = "Bin size of the rows that do not set their own. Default: ${DEFAULT-VALUE}.")
  int binMinutes;

  @Option(names = "--users", defaultValue = "20",
      description = "Distinct users per source; each has one host and one IP, and five activities. "
          + "Default: ${DEFAULT-VALUE}.")
  int users;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, SQLException {
    if (rows < 1 || days < 1 || eventsPerRow < 1 || binMinutes < 1 || users < 1) {
      throw new ParameterException(spec.commandLine(),
          "--rows, --days, --events-per-row, --bin-minutes and --users are at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path folder = Files.createTempDirectory("vigil-bench-scale");
    Path file = folder.resolve("bench.duckdb");
    try (DuckDbBackend backend = DuckDbBackend.open(file)) {
      // Events run up to the minute the benchmark starts, so each row's generation delay holds some of them back.
      Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      TimeRange span = new TimeRange(end.minus(Duration.ofDays(days)), end);
      List<SourceConfig> watchlist = IntStream.range(0, rows).mapToObj(this::watchlistRow).toList();
      long generateStarted = System.nanoTime();
      for (SourceConfig row : watchlist) {
        SeriesBench.generate(backend, row.source(), eventsPerRow, span, users);
      }
      out.printf(Locale.ROOT, "Generated %,d tables of %,d events over %d days in %.1f s (%s)%n", rows, eventsPerRow,
          days, SeriesBench.seconds(generateStarted), file);
      out.flush();

      TimedBackend timing = new TimedBackend();
      WorkCounter counter = new WorkCounter();
      WorkerFactoryOptions options = WorkerFactoryOptions.newBuilder(EmbeddedTemporal.workerFactoryOptions())
          .setWorkerInterceptors(counter).build();
      List<Passes.Outcome<SeriesGenerationResult>> outcomes;
      double seconds;
      TimeRange pass;
      try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
          CpuWorker worker = CpuWorker.start(temporal.client(), timing.around(backend), options)) {
        SeriesBench.warmUp(backend, temporal.client(), watchlist.get(0));
        PeakHeap.reset();
        timing.reset();
        counter.reset();
        Instant passStarted = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long started = System.nanoTime();
        outcomes = Passes.series(temporal.client(), watchlist, SeriesGenerationInput.Tuning.DEFAULT);
        seconds = SeriesBench.seconds(started);
        pass = new TimeRange(passStarted, Instant.now());
      }
      long peakHeapMb = PeakHeap.megabytes();
      double busySeconds = timing.busySeconds();
      double machinerySeconds = seconds - busySeconds;
      out.printf(Locale.ROOT, "Catch-up of %,d rows, workflow starts to last result: %.2f s, %.1f ms per row%n", rows,
          seconds, seconds * 1000 / rows);
      out.printf(Locale.ROOT, "  wall time with a query in flight: %.2f s; with none (Temporal machinery): %.2f s "
          + "(%.0f%%)%n", busySeconds, machinerySeconds, 100 * machinerySeconds / seconds);
      out.printf(Locale.ROOT, "  %,d backend calls, %.2f s summed over concurrent calls%n", timing.calls(),
          timing.summedSeconds());
      timing.byMethod().forEach(method -> out.printf(Locale.ROOT, "    %-24s %,8d calls %10.2f s%n", method.getKey(),
          method.getValue().calls(), method.getValue().seconds()));
      out.printf(Locale.ROOT, "  %,d workflow runs, %,d activity attempts; peak heap %d MB%n",
          counter.workflowRuns(), counter.activityAttempts(), peakHeapMb);
      out.flush();

      Verification verification = verify(backend, outcomes, span, pass);
      out.printf(Locale.ROOT, "Checked every row against a GROUP BY over the range it should cover: %,d TimeSeries "
              + "rows expected, %,d lost, %,d extra; %,d rows skipped history older than their catch-up bound as "
              + "they should; %,d watchlist rows failed%n", verification.expectedRows(), verification.lost(),
          verification.extra(), verification.rowsWithSkip(), verification.failures().size());
      verification.failures().stream().limit(FAILURES_SHOWN).forEach(failure -> out.println("  " + failure));
      out.printf(Locale.ROOT, "{\"benchmark\":\"scale\",\"rows\":%d,\"days\":%d,\"events_per_row\":%d,\"events\":%d,"
              + "\"bin_minutes\":%d,\"seconds\":%.3f,\"ms_per_row\":%.2f,\"query_busy_seconds\":%.3f,"
              + "\"machinery_seconds\":%.3f,\"machinery_share\":%.3f,\"query_seconds_summed\":%.3f,"
              + "\"backend_calls\":%d,\"workflow_runs\":%d,\"activity_attempts\":%d,"
              + "\"peak_heap_mb\":%d,\"series_rows\":%d,\"rows_with_skip\":%d,\"lost\":%d,\"extra\":%d,"
              + "\"failed\":%d}%n",
          rows, days, eventsPerRow, rows * eventsPerRow, binMinutes, seconds, seconds * 1000 / rows, busySeconds,
          machinerySeconds, machinerySeconds / seconds, timing.summedSeconds(), timing.calls(),
          counter.workflowRuns(), counter.activityAttempts(), peakHeapMb,
          verification.expectedRows(), verification.rowsWithSkip(), verification.lost(), verification.extra(),
          verification.failures().size());
      out.flush();
      return verification.failures().isEmpty() ? 0 : 1;
    } finally {
      SeriesBench.deleteQuietly(folder);
    }
  }

  /**
   * The watchlist row of source {@code index}. Rows vary as users write them, in turn: every field at the default
   * bin size; no host and no size field, 15-minute bins and a 10-minute delay; every field with an hour's delay and
   * a catch-up bound of half the days, so that older history is skipped; daily bins of users and activities only.
   */
  private SourceConfig watchlistRow(int index) {
    String source = String.format(Locale.ROOT, "Scale%05d", index + 1);
    Duration wholeSpan = Duration.ofDays(days + 1L);
    return switch (index % 4) {
      case 0 -> row(index, source, SeriesBench.HOST, SeriesBench.SRC_IP, SeriesBench.BYTES, binMinutes, 0, wholeSpan);
      case 1 -> row(index, source, "", SeriesBench.SRC_IP, "", 15, 10, wholeSpan);
      case 2 -> row(index, source, SeriesBench.HOST, SeriesBench.SRC_IP, SeriesBench.BYTES, binMinutes, 60,
          Duration.ofDays(Math.max(1, days / 2)));
      default -> row(index, source, "", "", SeriesBench.BYTES, 1440, 0, wholeSpan);
    };
  }

  private SourceConfig row(int index, String source, String hostField, String srcIpField, String sizeField,
      int rowBinMinutes, int delayMinutes, Duration maxGenerationPeriod) {
    return new SourceConfig(index + 1, source, hostField, SeriesBench.USER, SeriesBench.ACTION, srcIpField, sizeField,
        SeriesBench.TIME, Duration.ofMinutes(rowBinMinutes), Duration.ofMinutes(delayMinutes), maxGenerationPeriod,
        Duration.ofDays(1), Duration.ofDays(days), 24, null);
  }

  /**
   * What a catch-up from empty at {@code now} must do for a row whose first event is at {@code firstEvent}, restated
   * from DESIGN section 4 rather than taken from Vigil's planner, so that a mistake there shows here: generate every
   * bin from the first event's bin, or from the first bin after now minus MaxTimeSeriesGenerationPeriod when that is
   * later, up to the last bin that ended by now minus the delay; report the older history as skipped.
   *
   * @param skipped null when nothing is older than the bound
   */
  record ExpectedRun(TimeRange generate, TimeRange skipped) {
    static ExpectedRun of(SourceConfig row, Instant now, Instant firstEvent) {
      BinGrid grid = row.grid();
      Instant first = grid.floor(firstEvent);
      Instant bound = grid.ceil(now.minus(row.maxGenerationPeriod()));
      Instant end = grid.floor(now.minus(row.generationDelay()));
      return first.isBefore(bound)
          ? new ExpectedRun(new TimeRange(bound, end), new TimeRange(first, bound))
          : new ExpectedRun(new TimeRange(first, end), null);
    }
  }

  /**
   * The checks of every row after the pass.
   *
   * @param expectedRows TimeSeries rows the reference aggregation has over the rows' expected ranges
   * @param lost reference rows missing from the TimeSeries table
   * @param extra TimeSeries rows the reference does not have: duplicates, wrong values, bins out of range
   * @param rowsWithSkip rows whose catch-up bound is shorter than the events' span, and that must skip history
   * @param failures per failed watchlist row, what is wrong with it
   */
  record Verification(long expectedRows, long lost, long extra, int rowsWithSkip, List<String> failures) {}

  private static Verification verify(DuckDbBackend backend, List<Passes.Outcome<SeriesGenerationResult>> outcomes,
      TimeRange span, TimeRange pass) throws SQLException {
    SeriesBench.createReference(backend, REFERENCE);
    Map<String, List<String>> problems = new TreeMap<>();
    long expectedRows = 0;
    int rowsWithSkip = 0;
    for (Passes.Outcome<SeriesGenerationResult> outcome : outcomes) {
      String source = outcome.config().source();
      if (!outcome.succeeded()) {
        problem(problems, source, "the run failed: " + outcome.problem());
        continue;
      }
      SeriesGenerationResult result = outcome.result();
      if (!pass.contains(result.now())) {
        problem(problems, source, "the run's time " + result.now() + " lies outside the pass " + pass);
      }
      ExpectedRun expected = ExpectedRun.of(outcome.config(), result.now(), span.start());
      expectedRows += SeriesBench.aggregateInto(backend, REFERENCE, outcome.config(), expected.generate());
      rowsWithSkip += expected.skipped() == null ? 0 : 1;
      Instant watermark = backend.seriesWatermark(source).orElse(null);
      if (!expected.generate().end().equals(watermark)) {
        problem(problems, source, "watermark " + watermark + ", expected " + expected.generate().end());
      }
      if (!expected.generate().equals(result.generated())) {
        problem(problems, source, "generated " + result.generated() + ", expected " + expected.generate());
      }
      if (!Objects.equals(expected.skipped(), result.skipped())) {
        problem(problems, source, "reported skip " + result.skipped() + ", expected " + expected.skipped());
      }
    }
    long lost = 0;
    long extra = 0;
    List<String> sources = outcomes.stream().map(outcome -> outcome.config().source()).toList();
    for (Map.Entry<String, SeriesBench.Mismatch> mismatch : SeriesBench.compare(backend, REFERENCE, sources)
        .entrySet()) {
      lost += mismatch.getValue().lost();
      extra += mismatch.getValue().extra();
      problem(problems, mismatch.getKey(), String.format(Locale.ROOT, "%,d TimeSeries rows lost, %,d extra",
          mismatch.getValue().lost(), mismatch.getValue().extra()));
    }
    List<String> failures = problems.entrySet().stream()
        .map(entry -> entry.getKey() + ": " + String.join("; ", entry.getValue())).toList();
    return new Verification(expectedRows, lost, extra, rowsWithSkip, failures);
  }

  private static void problem(Map<String, List<String>> problems, String source, String problem) {
    problems.computeIfAbsent(source, key -> new ArrayList<>()).add(problem);
  }
}
