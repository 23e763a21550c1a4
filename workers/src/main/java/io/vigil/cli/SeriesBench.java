package io.vigil.cli;

import io.temporal.client.WorkflowClient;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.Dimension;
import io.vigil.model.SourceConfig;
import io.vigil.model.Tables;
import io.vigil.model.TimeRange;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.worker.Passes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the series benchmarks share: synthetic events in a DuckDB table, a warm-up run, the aggregation Vigil should
 * produce from the events written by hand as a plain {@code GROUP BY}, and the comparison of the two outputs row by
 * row.
 */
final class SeriesBench {

  /** The columns of every generated table; a watchlist row may use any subset of the dimension and size fields. */
  static final String TIME = "TimeGenerated";
  static final String HOST = "Computer";
  static final String USER = "Account";
  static final String SRC_IP = "SrcIp";
  static final String ACTION = "Action";
  static final String BYTES = "Bytes";

  private static final String WARM_UP = "BenchWarmUp";

  private SeriesBench() {}

  /**
   * Creates {@code table} with {@code events} events evenly spread in time order over {@code span}, as an ingestion
   * pipeline appends them. Users are spread evenly; each user works from one host and one IP, so keys repeat across
   * bins as they do in real logs.
   */
  static void generate(DuckDbBackend backend, String table, long events, TimeRange span, int users)
      throws SQLException {
    long startMicros = DuckDbBackend.toMicros(span.start());
    long spanMicros = DuckDbBackend.toMicros(span.end()) - startMicros;
    execute(backend, "CREATE TABLE " + DuckDbBackend.quote(table) + " AS SELECT make_timestamp(" + startMicros
        + " + (i::HUGEINT * " + spanMicros + " // " + events + ")::BIGINT) AS " + TIME + ", "
        + "'host-' || (u % 97) AS " + HOST + ", 'user' || u AS " + USER + ", "
        + "'10.' || (u // 250) || '.' || (u % 250) || '.7' AS " + SRC_IP + ", "
        + "(['Logon', 'Logoff', 'FileRead', 'FileWrite', 'ProcessStart'])[1 + (hash(i * 7) % 5)::INTEGER] AS "
        + ACTION + ", (hash(i * 13) % 100000)::BIGINT AS " + BYTES + " "
        + "FROM (SELECT i, (hash(i) % " + users + ")::BIGINT AS u FROM range(" + events + ") t(i))");
  }

  /** Creates an empty table shaped as the TimeSeries table, to hold reference aggregations. */
  static void createReference(DuckDbBackend backend, String reference) throws SQLException {
    execute(backend, "CREATE TABLE " + DuckDbBackend.quote(reference) + " AS SELECT * FROM "
        + DuckDbBackend.quote(Tables.TIME_SERIES) + " LIMIT 0");
  }

  /**
   * Adds to {@code reference} the TimeSeries rows the watchlist row should produce from its source over
   * {@code range}, computed independently of Vigil's own SQL, and returns how many there are.
   */
  static long aggregateInto(DuckDbBackend backend, String reference, SourceConfig row, TimeRange range)
      throws SQLException {
    StringBuilder keys = new StringBuilder();
    for (Dimension dimension : Dimension.values()) {
      String field = row.fieldFor(dimension);
      keys.append(field.isEmpty() ? "''" : "coalesce(CAST(" + field + " AS VARCHAR), '')").append(", ");
    }
    String size = row.hasSize() ? row.sizeField() + "::DOUBLE" : "NULL::DOUBLE";
    String sql = "INSERT INTO " + DuckDbBackend.quote(reference) + " SELECT '" + row.source() + "', " + keys
        + "time_bucket(INTERVAL '" + row.binSize().toMinutes() + " minutes', " + row.timeField()
        + ", TIMESTAMP '1970-01-01') AS bin, count(*), max(" + size + "), min(" + size + "), sum(" + size + "), "
        + "avg(" + size + ") FROM " + DuckDbBackend.quote(row.source()) + " WHERE " + row.timeField()
        + " >= make_timestamp(" + DuckDbBackend.toMicros(range.start()) + ") AND " + row.timeField()
        + " < make_timestamp(" + DuckDbBackend.toMicros(range.end()) + ") GROUP BY ALL";
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  /**
   * How the TimeSeries rows of one source differ from its reference rows, as multisets.
   *
   * @param lost reference rows Vigil did not write
   * @param extra rows Vigil wrote that the reference does not have (duplicates included)
   */
  record Mismatch(long lost, long extra) {
    static final Mismatch NONE = new Mismatch(0, 0);

    long total() {
      return lost + extra;
    }
  }

  /**
   * Compares the TimeSeries rows of {@code sources} with the rows of {@code reference}, both ways, and returns the
   * mismatch of each source that has one; an empty map means the outputs are identical.
   */
  static Map<String, Mismatch> compare(DuckDbBackend backend, String reference, Collection<String> sources)
      throws SQLException {
    String names = sources.stream().map(source -> "'" + source + "'").collect(Collectors.joining(", "));
    String ours = "SELECT * EXCLUDE (Avg), round(Avg, 6) FROM " + DuckDbBackend.quote(Tables.TIME_SERIES)
        + " WHERE Source IN (" + names + ")";
    String theirs = "SELECT * EXCLUDE (Avg), round(Avg, 6) FROM " + DuckDbBackend.quote(reference);
    String sql = "SELECT Source, sum(lost), sum(extra) FROM ("
        + "SELECT Source, 1 AS lost, 0 AS extra FROM (" + theirs + " EXCEPT ALL " + ours + ") "
        + "UNION ALL SELECT Source, 0, 1 FROM (" + ours + " EXCEPT ALL " + theirs + ")) GROUP BY Source";
    Map<String, Mismatch> mismatches = new HashMap<>();
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        mismatches.put(rows.getString(1), new Mismatch(rows.getLong(2), rows.getLong(3)));
      }
    }
    return mismatches;
  }

  /**
   * Runs the row's workflow once over a one-event copy of its source, so that the measured run finds the worker as a
   * long-running worker is: classes loaded, code compiled, connections open. A cold JVM adds about half a second.
   */
  static void warmUp(DuckDbBackend backend, WorkflowClient client, SourceConfig row) throws SQLException {
    execute(backend, "CREATE TABLE " + WARM_UP + " AS SELECT * FROM " + DuckDbBackend.quote(row.source()) + " LIMIT 1");
    SourceConfig warmUpRow = new SourceConfig(row.row(), WARM_UP, row.hostnameField(), row.userField(),
        row.activityField(), row.srcIpAddrField(), row.sizeField(), row.timeField(), row.binSize(),
        row.generationDelay(), row.maxGenerationPeriod(), row.minForecastLookback(), row.maxForecastLookback(),
        row.forecastBins(), row.forecastMethod());
    Passes.Outcome<SeriesGenerationResult> outcome =
        Passes.series(client, List.of(warmUpRow), SeriesGenerationInput.Tuning.DEFAULT).get(0);
    if (!outcome.succeeded()) {
      throw new IllegalStateException("the warm-up run failed: " + outcome.problem());
    }
  }

  static void execute(DuckDbBackend backend, String sql) throws SQLException {
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  static void deleteQuietly(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
