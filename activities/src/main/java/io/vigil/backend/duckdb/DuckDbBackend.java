package io.vigil.backend.duckdb;

import io.vigil.backend.AnomalyProgress;
import io.vigil.backend.Backend;
import io.vigil.backend.ConfigurationException;
import io.vigil.backend.SeriesExtent;
import io.vigil.backend.SourceAggregation;
import io.vigil.backend.SourceEvents;
import io.vigil.backend.SourceFields;
import io.vigil.backend.VigilRows;
import io.vigil.backend.WriteChecks;
import io.vigil.backend.WriteConflictException;
import io.vigil.model.Dimension;
import io.vigil.model.Identifier;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.Tables;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.forecast.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded backend: sources and Vigil tables in one DuckDB database file. Aggregation from a source into the
 * TimeSeries table runs inside DuckDB as one {@code INSERT ... SELECT ... GROUP BY} per step, about ten times
 * faster than moving the groups through JDBC.
 *
 * <p>Timestamps cross JDBC only as microseconds since the epoch ({@code epoch_us} and {@code make_timestamp}), so
 * neither the JVM's nor the session's time zone can shift a bin. Every identifier is validated by
 * {@link Identifier} and double-quoted.
 */
public final class DuckDbBackend implements Backend {

  private static final String TS = quote(Tables.TIME_SERIES);
  private static final String WM = quote(Tables.SERIES_WATERMARK);
  private static final String PREDICTION = quote(Tables.PREDICTION);
  private static final String ANOMALIES = quote(Tables.ANOMALIES);
  private static final String INCIDENTS = quote(Tables.INCIDENTS);
  private static final String ANOMALY_WM = quote(Tables.ANOMALY_WATERMARK);
  private static final String KEY_COLUMNS = "\"Source\", \"Hostname\", \"User\", \"SrcIpAddr\", \"Activity\"";

  private final DuckDBConnection root;
  private final String location;

  private DuckDbBackend(DuckDBConnection root, String location) {
    this.root = root;
    this.location = location;
  }

  /** Opens (or creates) a database file and the Vigil tables in it. */
  public static DuckDbBackend open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return open("jdbc:duckdb:" + file.toAbsolutePath(), file.toString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create the folder for DuckDB file " + file + ": " + e.getMessage(), e);
    }
  }

  /** An in-memory database, for tests. */
  public static DuckDbBackend inMemory() {
    return open("jdbc:duckdb:", "in-memory");
  }

  private static DuckDbBackend open(String url, String location) {
    try {
      DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection(url);
      DuckDbBackend backend = new DuckDbBackend(root, location);
      try {
        backend.createTables();
      } catch (SQLException e) {
        root.close();
        throw e;
      }
      return backend;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open DuckDB database " + location + ": " + e.getMessage(), e);
    }
  }

  private void createTables() throws SQLException {
    try (Statement statement = root.createStatement()) {
      statement.execute("SET GLOBAL TimeZone = 'UTC'");
      statement.execute("CREATE TABLE IF NOT EXISTS " + TS + " ("
          + "\"Source\" VARCHAR NOT NULL, \"Hostname\" VARCHAR NOT NULL, \"User\" VARCHAR NOT NULL, "
          + "\"SrcIpAddr\" VARCHAR NOT NULL, \"Activity\" VARCHAR NOT NULL, \"TimeBin\" TIMESTAMP NOT NULL, "
          + "\"Count\" BIGINT NOT NULL, \"Max\" DOUBLE, \"Min\" DOUBLE, \"Sum\" DOUBLE, \"Avg\" DOUBLE)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + PREDICTION + " ("
          + "\"Source\" VARCHAR NOT NULL, \"Hostname\" VARCHAR NOT NULL, \"User\" VARCHAR NOT NULL, "
          + "\"SrcIpAddr\" VARCHAR NOT NULL, \"Activity\" VARCHAR NOT NULL, \"TimeBin\" TIMESTAMP NOT NULL, "
          + "\"Metric\" VARCHAR NOT NULL, \"Forecast\" DOUBLE NOT NULL, \"Lower\" DOUBLE NOT NULL, "
          + "\"Upper\" DOUBLE NOT NULL, \"Model\" VARCHAR NOT NULL, \"GeneratedAt\" TIMESTAMP NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + WM + " ("
          + "\"Source\" VARCHAR PRIMARY KEY, \"GeneratedUntil\" TIMESTAMP, \"UpdatedAt\" TIMESTAMP)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + ANOMALIES + " ("
          + "\"Source\" VARCHAR NOT NULL, \"Kind\" VARCHAR NOT NULL, \"Hostname\" VARCHAR NOT NULL, "
          + "\"User\" VARCHAR NOT NULL, \"SrcIpAddr\" VARCHAR NOT NULL, \"Activity\" VARCHAR NOT NULL, "
          + "\"TimeBin\" TIMESTAMP NOT NULL, \"Metric\" VARCHAR NOT NULL, \"Actual\" DOUBLE NOT NULL, "
          + "\"Expected\" DOUBLE NOT NULL, \"Lower\" DOUBLE NOT NULL, \"Upper\" DOUBLE NOT NULL, \"Score\" DOUBLE, "
          + "\"Severity\" VARCHAR NOT NULL, \"AlertName\" VARCHAR NOT NULL, \"AlertSeverity\" VARCHAR NOT NULL, "
          + "\"Weight\" DOUBLE NOT NULL, \"Excepted\" BOOLEAN NOT NULL, \"Evidence\" VARCHAR NOT NULL, "
          + "\"DetectedAt\" TIMESTAMP NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + INCIDENTS + " ("
          + "\"Source\" VARCHAR NOT NULL, \"Hostname\" VARCHAR NOT NULL, \"User\" VARCHAR NOT NULL, "
          + "\"SrcIpAddr\" VARCHAR NOT NULL, \"Activity\" VARCHAR NOT NULL, \"FirstBin\" TIMESTAMP NOT NULL, "
          + "\"LastBin\" TIMESTAMP NOT NULL, \"Weight\" DOUBLE NOT NULL, \"Anomalies\" INTEGER NOT NULL, "
          + "\"Kinds\" VARCHAR NOT NULL, \"AlertName\" VARCHAR NOT NULL, \"Severity\" VARCHAR NOT NULL, "
          + "\"DetectedAt\" TIMESTAMP NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS " + ANOMALY_WM + " ("
          + "\"Source\" VARCHAR PRIMARY KEY, \"JudgedUntil\" TIMESTAMP, \"UpdatedAt\" TIMESTAMP, "
          + "\"LastFrom\" TIMESTAMP, \"LastUntil\" TIMESTAMP, \"LastRunTime\" TIMESTAMP)");
    }
  }

  @Override
  public String name() {
    return "duckdb";
  }

  /** The database file, or {@code in-memory}. */
  public String location() {
    return location;
  }

  /**
   * A connection of its own for one unit of work: DuckDB connections must not be shared between threads, and
   * duplicates of the root connection share its database cheaply.
   */
  public Connection connection() {
    try {
      return root.duplicate();
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB database " + location + " is closed: " + e.getMessage(), e);
    }
  }

  /**
   * Twice the cores: DuckDB already spreads each query over every core, and a second call per core keeps them busy
   * while another waits for its commit or for the worker's next task. With Temporal's default of 200 activities a
   * catch-up of many sources queued so long inside DuckDB that each step took seconds, series generation halved its
   * steps in answer, and the extra commits slowed everything further.
   */
  @Override
  public OptionalInt maxConcurrentCalls() {
    return OptionalInt.of(2 * Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void checkSource(SourceConfig config) {
    Map<String, String> columns = describe(config);
    SourceFields.check(config, (watchlistColumn, field) -> typeOf(columns, config, watchlistColumn, field),
        type -> type.startsWith("TIMESTAMP"), "a TIMESTAMP or TIMESTAMP WITH TIME ZONE", DuckDbBackend::isNumeric);
  }

  /**
   * The source's columns and their types, by DESCRIBE, which looks up one table or view. The information_schema
   * views build a row for every column of every table first, about 20 ms per call with a thousand sources.
   */
  private Map<String, String> describe(SourceConfig config) {
    Map<String, String> columns = new LinkedHashMap<>();
    try (Connection connection = connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("DESCRIBE " + quote(config.source()))) {
      while (rows.next()) {
        columns.put(rows.getString("column_name").toLowerCase(Locale.ROOT),
            rows.getString("column_type").toUpperCase(Locale.ROOT));
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("Catalog Error")) {
        throw new ConfigurationException("watchlist row " + config.row() + ", column Source, value '"
            + config.source() + "': no such table or view in DuckDB database " + location);
      }
      throw new IllegalStateException("cannot read the columns of " + config.source() + ": " + e.getMessage(), e);
    }
    return columns;
  }

  private static String typeOf(Map<String, String> columns, SourceConfig config, String watchlistColumn, String field) {
    String type = columns.get(field.toLowerCase(Locale.ROOT));
    if (type == null) {
      throw new ConfigurationException("watchlist row " + config.row() + ", column " + watchlistColumn + ", value '"
          + field + "': source " + config.source() + " has no such column; its columns are "
          + String.join(", ", columns.keySet()));
    }
    return type;
  }

  private static boolean isNumeric(String type) {
    return type.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT))|FLOAT|DOUBLE|REAL|DECIMAL.*|VARINT");
  }

  @Override
  public Optional<Instant> earliestEvent(SourceConfig config) {
    String sql = "SELECT epoch_us(min(" + quote(config.timeField()) + ")) FROM " + quote(config.source());
    try (Connection connection = connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      long micros = rows.getLong(1);
      return rows.wasNull() ? Optional.empty() : Optional.of(fromMicros(micros));
    } catch (SQLException e) {
      throw transientFailure("read the earliest event of " + config.source(), e);
    }
  }

  @Override
  public Optional<Instant> seriesWatermark(String source) {
    return latestTime("SELECT epoch_us(\"GeneratedUntil\") FROM " + WM + " WHERE \"Source\" = ?", source,
        "the watermark of " + source);
  }

  /**
   * The aggregation of one source over one range, as a SELECT whose one parameter is the source name. The bin size
   * and the range are numbers Vigil computed, written as literals so that DuckDB folds them into constants and
   * skips every row group whose zone map (the minimum and maximum time it holds) lies outside the range; with
   * parameters it scans the whole table.
   */
  private static String aggregateSql(SourceConfig config, TimeRange range) {
    // time_bucket with the epoch as origin gives the bins of BinGrid; the cast makes TIMESTAMP WITH TIME ZONE
    // columns UTC wall time, as the session time zone is UTC.
    return SourceAggregation.select(config, time -> "time_bucket(INTERVAL " + config.binSize().getSeconds()
        + " SECOND, CAST(" + time + " AS TIMESTAMP), TIMESTAMP '1970-01-01 00:00:00')", time -> inRange(time, range));
  }

  /** {@code column} within the half-open range, with the bounds as literals (see {@link #aggregateSql}). */
  private static String inRange(String column, TimeRange range) {
    return column + " >= make_timestamp(" + toMicros(range.start()) + ") AND " + column + " < make_timestamp("
        + toMicros(range.end()) + ")";
  }

  @Override
  public List<SeriesBin> readSourceAggregates(SourceConfig config, TimeRange range) {
    String sql = "SELECT \"Source\", \"Hostname\", \"User\", \"SrcIpAddr\", \"Activity\", epoch_us(\"TimeBin\"), "
        + "\"Count\", \"Max\", \"Min\", \"Sum\", \"Avg\" FROM (" + aggregateSql(config, range) + ") ORDER BY 6, 2, 3, 4, 5";
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, config.source());
      return readBins(statement);
    } catch (SQLException e) {
      throw transientFailure("aggregate " + config.source() + " over " + range, e);
    }
  }

  @Override
  public void generateSeriesBins(SourceConfig config, TimeRange range) {
    String insert = "INSERT INTO " + TS + " (" + KEY_COLUMNS + ", \"TimeBin\", \"Count\", \"Max\", \"Min\", "
        + "\"Sum\", \"Avg\") " + aggregateSql(config, range);
    inSourceTransaction(config, range, connection -> {
      try (PreparedStatement statement = connection.prepareStatement(insert)) {
        statement.setString(1, config.source());
        statement.executeUpdate();
      }
    });
  }

  @Override
  public void replaceSeriesBins(SourceConfig config, TimeRange range, List<SeriesBin> bins) {
    String insert = "INSERT INTO " + TS + " VALUES (?, ?, ?, ?, ?, make_timestamp(?), ?, ?, ?, ?, ?)";
    inSourceTransaction(config, range, connection -> {
      try (PreparedStatement statement = connection.prepareStatement(insert)) {
        for (SeriesBin bin : bins) {
          WriteChecks.requireBin(config, range, bin);
          VigilRows.bindSeriesBin(statement, bin);
          statement.addBatch();
        }
        statement.executeBatch();
      }
    });
  }

  private interface Work {
    void run(Connection connection) throws SQLException;
  }

  /**
   * Clears the source's bins in the range and lets {@code work} insert them, in one transaction that claims and
   * advances the source's series watermark (see {@link #inClaimedTransaction}).
   */
  private void inSourceTransaction(SourceConfig config, TimeRange range, Work work) {
    WriteChecks.requireWholeBins(config, range);
    String source = config.source();
    inClaimedTransaction(WM, "GeneratedUntil", source, range, transaction -> {
      deleteRange(transaction, TS, "TimeBin", source, range);
      work.run(transaction);
    }, "generating", "write the bins of " + source + " over " + range);
  }

  /**
   * Runs {@code work} in one transaction that first claims the source's row of {@code watermarkTable} and at the end
   * advances its {@code untilColumn} to at least {@code range.end()}. Claiming the row first makes a second writer
   * of the same source (a retried activity whose first attempt still runs) fail with a write conflict at once
   * instead of adding rows beside the first.
   */
  private void inClaimedTransaction(String watermarkTable, String untilColumn, String source, TimeRange range,
      Work work, String doing, String what) {
    String until = quote(untilColumn);
    try (Connection connection = connection()) {
      try (PreparedStatement claim = connection.prepareStatement(
          "INSERT INTO " + watermarkTable + " (\"Source\") VALUES (?) ON CONFLICT DO NOTHING")) {
        claim.setString(1, source);
        claim.executeUpdate();
      }
      inTransaction(connection, transaction -> {
        try (PreparedStatement claim = transaction.prepareStatement(
            "UPDATE " + watermarkTable + " SET \"UpdatedAt\" = now()::TIMESTAMP WHERE \"Source\" = ?")) {
          claim.setString(1, source);
          claim.executeUpdate();
        }
        work.run(transaction);
        try (PreparedStatement advance = transaction.prepareStatement("UPDATE " + watermarkTable + " SET " + until
            + " = greatest(coalesce(" + until + ", make_timestamp(?)), make_timestamp(?)) WHERE \"Source\" = ?")) {
          advance.setLong(1, toMicros(range.end()));
          advance.setLong(2, toMicros(range.end()));
          advance.setString(3, source);
          advance.executeUpdate();
        }
        return null;
      });
    } catch (SQLException e) {
      if (isConflict(e)) {
        throw new WriteConflictException("another writer is " + doing + " " + source + " over " + range
            + "; the step was rolled back", e);
      }
      throw transientFailure(what, e);
    }
  }

  /** Deletes the source's rows of {@code table} whose {@code timeColumn} lies within the range. */
  private static void deleteRange(Connection transaction, String table, String timeColumn, String source,
      TimeRange range) throws SQLException {
    try (PreparedStatement delete = transaction.prepareStatement("DELETE FROM " + table + " WHERE \"Source\" = ? AND "
        + inRange(quote(timeColumn), range))) {
      delete.setString(1, source);
      delete.executeUpdate();
    }
  }

  /** Work inside one transaction, on the connection it is given, with a result. */
  public interface Transactional<T> {
    T run(Connection transaction) throws SQLException;
  }

  /**
   * Runs {@code work} as one transaction on a connection of its own: committed when it returns, rolled back when it
   * throws. The one transaction mechanism of the DuckDB file, for the Vigil tables here and the flow tables beside.
   */
  public <T> T inTransaction(Transactional<T> work) throws SQLException {
    try (Connection connection = connection()) {
      return inTransaction(connection, work);
    }
  }

  /** Runs {@code work} as one transaction on {@code connection}: committed when it returns, rolled back otherwise. */
  private static <T> T inTransaction(Connection connection, Transactional<T> work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection, e);
      throw e;
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  private static boolean isConflict(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Conflict") || message.contains("conflict");
  }

  @Override
  public List<SeriesBin> readSeriesBins(String source, TimeRange range) {
    return readSeriesBins(source, range, Map.of());
  }

  @Override
  public List<SeriesBin> readSeriesBins(String source, TimeRange range, Map<Dimension, String> key) {
    String sql = "SELECT " + KEY_COLUMNS + ", epoch_us(\"TimeBin\"), \"Count\", \"Max\", \"Min\", \"Sum\", \"Avg\" "
        + "FROM " + TS + " WHERE \"Source\" = ?" + VigilRows.keyCondition(key) + " AND " + inRange("\"TimeBin\"", range)
        + " ORDER BY 6, 2, 3, 4, 5";
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, source);
      VigilRows.bindKey(statement, 2, key);
      return readBins(statement);
    } catch (SQLException e) {
      throw transientFailure("read the bins of " + source + " over " + range, e);
    }
  }

  @Override
  public void replacePredictions(String source, List<Instant> runs, List<Prediction> predictions) {
    try {
      inTransaction(transaction -> {
        try (PreparedStatement delete = transaction.prepareStatement("DELETE FROM " + PREDICTION
            + " WHERE \"Source\" = ? AND \"GeneratedAt\" = make_timestamp(?)")) {
          for (Instant run : runs) {
            delete.setString(1, source);
            delete.setLong(2, toMicros(run));
            delete.addBatch();
          }
          delete.executeBatch();
        }
        // The appender writes rows in bulk within the transaction, some fifty times faster than a batch of
        // prepared INSERTs, which DuckDB runs one row at a time.
        try (DuckDBAppender appender = appender(transaction, Tables.PREDICTION)) {
          for (Prediction prediction : predictions) {
            WriteChecks.requirePrediction(source, runs, prediction);
            appender.beginRow().append(source).append(prediction.hostname()).append(prediction.user())
                .append(prediction.srcIpAddr()).append(prediction.activity())
                .appendEpochMicros(toMicros(prediction.timeBin())).append(prediction.metric())
                .append(prediction.forecast()).append(prediction.lower()).append(prediction.upper())
                .append(prediction.model()).appendEpochMicros(toMicros(prediction.generatedAt())).endRow();
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw transientFailure("write the predictions of " + source + " for the runs at " + runs, e);
    }
  }

  @Override
  public List<Prediction> readPredictions(String source, Instant generatedAt) {
    return selectPredictions(source, Map.of(), "\"GeneratedAt\" = make_timestamp(" + toMicros(generatedAt) + ")",
        "the predictions of " + source + " for the run at " + generatedAt);
  }

  @Override
  public List<Prediction> readLatestPredictions(String source, TimeRange bins) {
    return readLatestPredictions(source, bins, Map.of());
  }

  @Override
  public List<Prediction> readLatestPredictions(String source, TimeRange bins, Map<Dimension, String> key) {
    return selectPredictions(source, key, inRange("\"TimeBin\"", bins) + " QUALIFY row_number() OVER (PARTITION BY "
        + "\"Hostname\", \"User\", \"SrcIpAddr\", \"Activity\", \"Metric\", \"TimeBin\" ORDER BY \"GeneratedAt\" DESC) = 1",
        "the latest predictions of " + source + " over " + bins);
  }

  /** The source's predictions of the key that satisfy {@code condition}, ordered by key, metric and bin. */
  private List<Prediction> selectPredictions(String source, Map<Dimension, String> key, String condition,
      String what) {
    String sql = "SELECT \"Hostname\", \"User\", \"SrcIpAddr\", \"Activity\", epoch_us(\"TimeBin\"), \"Metric\", "
        + "\"Forecast\", \"Lower\", \"Upper\", \"Model\", epoch_us(\"GeneratedAt\") FROM " + PREDICTION
        + " WHERE \"Source\" = ?" + VigilRows.keyCondition(key) + " AND " + condition + " ORDER BY 1, 2, 3, 4, 6, 5";
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, source);
      VigilRows.bindKey(statement, 2, key);
      List<Prediction> predictions = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          predictions.add(VigilRows.prediction(source, rows));
        }
      }
      return predictions;
    } catch (SQLException e) {
      throw transientFailure("read " + what, e);
    }
  }

  @Override
  public Optional<Instant> lastPredictionRun(String source) {
    return latestTime("SELECT epoch_us(max(\"GeneratedAt\")) FROM " + PREDICTION + " WHERE \"Source\" = ?", source,
        "the last forecast run of " + source);
  }

  @Override
  public Optional<AnomalyProgress> anomalyProgress(String source) {
    String sql = "SELECT epoch_us(\"JudgedUntil\"), epoch_us(\"LastFrom\"), epoch_us(\"LastUntil\"), "
        + "epoch_us(\"LastRunTime\") FROM " + ANOMALY_WM + " WHERE \"Source\" = ? AND \"JudgedUntil\" IS NOT NULL";
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, source);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new AnomalyProgress(fromMicros(rows.getLong(1)),
            new TimeRange(fromMicros(rows.getLong(2)), fromMicros(rows.getLong(3))), fromMicros(rows.getLong(4))));
      }
    } catch (SQLException e) {
      throw transientFailure("read the anomaly watermark of " + source, e);
    }
  }

  /** The one timestamp {@code sql} selects for the source, empty when it selects no row or NULL. */
  private Optional<Instant> latestTime(String sql, String source, String what) {
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, source);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        long micros = rows.getLong(1);
        return rows.wasNull() ? Optional.empty() : Optional.of(fromMicros(micros));
      }
    } catch (SQLException e) {
      throw transientFailure("read " + what, e);
    }
  }

  @Override
  public void replaceAnomalies(String source, TimeRange range, Instant runTime, List<Anomaly> anomalies,
      List<Incident> incidents) {
    inClaimedTransaction(ANOMALY_WM, "JudgedUntil", source, range, transaction -> {
      try (PreparedStatement last = transaction.prepareStatement("UPDATE " + ANOMALY_WM + " SET \"LastFrom\" = "
          + "make_timestamp(?), \"LastUntil\" = make_timestamp(?), \"LastRunTime\" = make_timestamp(?) "
          + "WHERE \"Source\" = ?")) {
        last.setLong(1, toMicros(range.start()));
        last.setLong(2, toMicros(range.end()));
        last.setLong(3, toMicros(runTime));
        last.setString(4, source);
        last.executeUpdate();
      }
      deleteRange(transaction, ANOMALIES, "TimeBin", source, range);
      deleteRange(transaction, INCIDENTS, "LastBin", source, range);
      insertAnomalies(transaction, source, range, anomalies);
      insertIncidents(transaction, source, range, incidents);
    }, "judging", "write the anomalies of " + source + " over " + range);
  }

  private static void insertAnomalies(Connection transaction, String source, TimeRange range,
      List<Anomaly> anomalies) throws SQLException {
    try (DuckDBAppender appender = appender(transaction, Tables.ANOMALIES)) {
      for (Anomaly anomaly : anomalies) {
        WriteChecks.requireAnomaly(source, range, anomaly);
        appender.beginRow().append(source).append(anomaly.kind().id()).append(anomaly.hostname())
            .append(anomaly.user()).append(anomaly.srcIpAddr()).append(anomaly.activity())
            .appendEpochMicros(toMicros(anomaly.timeBin())).append(anomaly.metric()).append(anomaly.actual())
            .append(anomaly.expected()).append(anomaly.lower()).append(anomaly.upper());
        if (anomaly.score() == null) {
          appender.appendNull();
        } else {
          appender.append(anomaly.score().doubleValue());
        }
        appender.append(anomaly.severity().label()).append(anomaly.alertName())
            .append(anomaly.alertSeverity().label()).append(anomaly.weight()).append(anomaly.excepted())
            .append(anomaly.evidence()).appendEpochMicros(toMicros(anomaly.detectedAt())).endRow();
      }
    }
  }

  private static void insertIncidents(Connection transaction, String source, TimeRange range,
      List<Incident> incidents) throws SQLException {
    try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO " + INCIDENTS
        + " VALUES (?, ?, ?, ?, ?, make_timestamp(?), make_timestamp(?), ?, ?, ?, ?, ?, make_timestamp(?))")) {
      for (Incident incident : incidents) {
        WriteChecks.requireIncident(source, range, incident);
        VigilRows.bindIncident(insert, incident);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** An appender on one of the Vigil tables, which live in the default schema. */
  private static DuckDBAppender appender(Connection connection, String table) throws SQLException {
    return connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
  }

  @Override
  public List<Anomaly> readAnomalies(String source, TimeRange range) {
    String sql = "SELECT \"Kind\", \"Hostname\", \"User\", \"SrcIpAddr\", \"Activity\", epoch_us(\"TimeBin\"), "
        + "\"Metric\", \"Actual\", \"Expected\", \"Lower\", \"Upper\", \"Score\", \"Severity\", \"AlertName\", "
        + "\"AlertSeverity\", \"Weight\", \"Excepted\", \"Evidence\", epoch_us(\"DetectedAt\") FROM " + ANOMALIES
        + " WHERE \"Source\" = ? AND " + inRange("\"TimeBin\"", range) + " ORDER BY 6, 1, 2, 3, 4, 5, 7";
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, source);
      List<Anomaly> anomalies = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          anomalies.add(VigilRows.anomaly(source, rows));
        }
      }
      return anomalies;
    } catch (SQLException e) {
      throw transientFailure("read the anomalies of " + source + " over " + range, e);
    }
  }

  @Override
  public List<Incident> readIncidents(String source, TimeRange range) {
    String sql = "SELECT \"Hostname\", \"User\", \"SrcIpAddr\", \"Activity\", epoch_us(\"FirstBin\"), "
        + "epoch_us(\"LastBin\"), \"Weight\", \"Anomalies\", \"Kinds\", \"AlertName\", \"Severity\", "
        + "epoch_us(\"DetectedAt\") FROM " + INCIDENTS + " WHERE \"Source\" = ? AND " + inRange("\"LastBin\"", range)
        + " ORDER BY 6, 1, 2, 3, 4";
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, source);
      List<Incident> incidents = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          incidents.add(VigilRows.incident(source, rows));
        }
      }
      return incidents;
    } catch (SQLException e) {
      throw transientFailure("read the incidents of " + source + " over " + range, e);
    }
  }

  /**
   * A DuckDB query for the raw events: the time range as literals, and every key value as a string literal with its
   * quotes doubled, compared as the series generation wrote it (cast to text, NULL as the empty string).
   */
  @Override
  public String evidenceQuery(SourceConfig config, Map<Dimension, String> key, TimeRange range) {
    String time = quote(config.timeField());
    StringBuilder sql = new StringBuilder("SELECT * FROM ").append(quote(config.source())).append(" WHERE ")
        .append(time).append(" >= TIMESTAMP '").append(sqlTimestamp(range.start())).append("' AND ").append(time)
        .append(" < TIMESTAMP '").append(sqlTimestamp(range.end())).append('\'');
    for (Dimension dimension : Dimension.values()) {
      String field = config.fieldFor(dimension);
      String value = key.get(dimension);
      if (value != null && !field.isEmpty()) {
        sql.append(" AND coalesce(CAST(").append(quote(field)).append(" AS VARCHAR), '') = '")
            .append(value.replace("'", "''")).append('\'');
      }
    }
    return sql.append(" ORDER BY ").append(time).toString();
  }

  /**
   * Runs the evidence query itself, with a limit one above {@code limit} to learn whether more events match. Its
   * names are validated and quoted and its values are literals with doubled quotes, so it is as safe to run as it is
   * to show.
   */
  @Override
  public SourceEvents readSourceEvents(SourceConfig config, Map<Dimension, String> key, TimeRange range, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    String sql = evidenceQuery(config, key, range) + " LIMIT " + (limit + 1L);
    try (Connection connection = connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return VigilRows.sourceEvents(rows, limit);
    } catch (SQLException e) {
      throw transientFailure("read the events of " + config.source() + " over " + range, e);
    }
  }

  private static String sqlTimestamp(Instant instant) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC))
        .replace('T', ' ');
  }

  @Override
  public SeriesExtent seriesExtent(String source, TimeRange range) {
    String sql = "SELECT count(*), epoch_us(min(\"TimeBin\")), epoch_us(max(\"TimeBin\")) FROM " + TS
        + " WHERE \"Source\" = ? AND " + inRange("\"TimeBin\"", range);
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, source);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        long count = rows.getLong(1);
        return count == 0 ? new SeriesExtent(0, null, null)
            : new SeriesExtent(count, fromMicros(rows.getLong(2)), fromMicros(rows.getLong(3)));
      }
    } catch (SQLException e) {
      throw transientFailure("count the bins of " + source + " over " + range, e);
    }
  }

  private static List<SeriesBin> readBins(PreparedStatement statement) throws SQLException {
    List<SeriesBin> bins = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        bins.add(VigilRows.seriesBin(rows));
      }
    }
    return bins;
  }

  private RuntimeException transientFailure(String what, SQLException e) {
    return new IllegalStateException("DuckDB " + location + ": cannot " + what + ": " + e.getMessage(), e);
  }

  /** Validates and double-quotes an identifier for DuckDB. */
  public static String quote(String identifier) {
    return '"' + Identifier.require(identifier) + '"';
  }

  public static long toMicros(Instant instant) {
    return VigilRows.toMicros(instant);
  }

  public static Instant fromMicros(long micros) {
    return VigilRows.fromMicros(micros);
  }

  @Override
  public void close() {
    try {
      root.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close DuckDB database " + location + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "DuckDB " + location;
  }
}
