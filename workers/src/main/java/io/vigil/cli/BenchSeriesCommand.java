package io.vigil.cli;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.SourceConfig;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.worker.Passes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

  private static final String EVENTS = "BenchEvents";
  private static final String REFERENCE = "BenchReference";
  private static final String WARM_UP = "BenchWarmUp";

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
      Instant start = end.minus(Duration.ofDays(days));
      long generateStarted = System.nanoTime();
      generateEvents(backend, start, end);
      out.printf(Locale.ROOT, "Generated %,d events over %d days in %.1f s (%s)%n", events, days,
          seconds(generateStarted), file);
      out.flush();

      long referenceStarted = System.nanoTime();
      long referenceRows = runReference(backend);
      double referenceSeconds = seconds(referenceStarted);
      out.printf(Locale.ROOT, "DuckDB INSERT ... SELECT ... GROUP BY: %,d rows in %.2f s%n", referenceRows,
          referenceSeconds);
      out.flush();

      SourceConfig row = new SourceConfig(1, EVENTS, "Computer", "Account", "Action", "SrcIp", "Bytes",
          "TimeGenerated", Duration.ofMinutes(binMinutes), Duration.ZERO, Duration.ofDays(days + 2L),
          Duration.ofDays(1), Duration.ofDays(days), 24, null);
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
        stackSeconds = seconds(stackStarted);
        warmUp(backend, temporal, row);
        long vigilStarted = System.nanoTime();
        outcome = Passes.series(temporal.client(), List.of(row), tuning).get(0);
        vigilSeconds = seconds(vigilStarted);
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
      long differences = differences(backend);
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
      deleteQuietly(folder);
    }
  }

  /**
   * Events in time order, as an ingestion pipeline appends them. Users are spread evenly; each user works from
   * one host and one IP, so keys repeat across bins as they do in real logs.
   */
  private void generateEvents(DuckDbBackend backend, Instant start, Instant end) throws SQLException {
    long startMicros = DuckDbBackend.toMicros(start);
    long spanMicros = DuckDbBackend.toMicros(end) - startMicros;
    String sql = "CREATE TABLE " + EVENTS + " AS SELECT make_timestamp(" + startMicros + " + (i::HUGEINT * " + spanMicros
        + " // " + events + ")::BIGINT) AS TimeGenerated, 'host-' || (u % 97) AS Computer, 'user' || u AS Account, "
        + "'10.' || (u // 250) || '.' || (u % 250) || '.7' AS SrcIp, "
        + "(['Logon', 'Logoff', 'FileRead', 'FileWrite', 'ProcessStart'])[1 + (hash(i * 7) % 5)::INTEGER] AS Action, "
        + "(hash(i * 13) % 100000)::BIGINT AS Bytes "
        + "FROM (SELECT i, (hash(i) % " + users + ")::BIGINT AS u FROM range(" + events + ") t(i))";
    execute(backend, sql);
  }

  /**
   * Runs the same workflow once over a one-event copy of the row, so that the measured run finds the worker as a
   * long-running worker is: classes loaded, code compiled, connections open. A cold JVM adds about half a second.
   */
  private void warmUp(DuckDbBackend backend, EmbeddedTemporal temporal, SourceConfig row) throws SQLException {
    execute(backend, "CREATE TABLE " + WARM_UP + " AS SELECT * FROM " + EVENTS + " LIMIT 1");
    SourceConfig warmUpRow = new SourceConfig(row.row(), WARM_UP, row.hostnameField(), row.userField(),
        row.activityField(), row.srcIpAddrField(), row.sizeField(), row.timeField(), row.binSize(),
        row.generationDelay(), row.maxGenerationPeriod(), row.minForecastLookback(), row.maxForecastLookback(),
        row.forecastBins(), row.forecastMethod());
    Passes.Outcome<SeriesGenerationResult> outcome =
        Passes.series(temporal.client(), List.of(warmUpRow), SeriesGenerationInput.Tuning.DEFAULT).get(0);
    if (!outcome.succeeded()) {
      throw new IllegalStateException("the warm-up run failed: " + outcome.problem());
    }
  }

  private long runReference(DuckDbBackend backend) throws SQLException {
    execute(backend, "CREATE TABLE " + REFERENCE + " AS SELECT * FROM SentinelCustomAnalytics_TimeSeries LIMIT 0");
    String sql = "INSERT INTO " + REFERENCE + " SELECT '" + EVENTS + "', coalesce(CAST(Computer AS VARCHAR), ''), "
        + "coalesce(CAST(Account AS VARCHAR), ''), coalesce(CAST(SrcIp AS VARCHAR), ''), "
        + "coalesce(CAST(Action AS VARCHAR), ''), time_bucket(INTERVAL '" + binMinutes + " minutes', TimeGenerated, "
        + "TIMESTAMP '1970-01-01') AS bin, count(*), max(Bytes::DOUBLE), min(Bytes::DOUBLE), sum(Bytes::DOUBLE), "
        + "avg(Bytes::DOUBLE) FROM " + EVENTS + " GROUP BY ALL";
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  /** Rows in one output and not the other, both ways; 0 means the outputs are the same multiset. */
  private static long differences(DuckDbBackend backend) throws SQLException {
    String ours = "SELECT * EXCLUDE (Avg), round(Avg, 6) FROM SentinelCustomAnalytics_TimeSeries WHERE Source = '"
        + EVENTS + "'";
    String theirs = "SELECT * EXCLUDE (Avg), round(Avg, 6) FROM " + REFERENCE;
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM (" + ours + " EXCEPT ALL " + theirs
            + ")) + (SELECT count(*) FROM (" + theirs + " EXCEPT ALL " + ours + "))")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void execute(DuckDbBackend backend, String sql) throws SQLException {
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static void deleteQuietly(Path folder) throws IOException {
    try (var paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
