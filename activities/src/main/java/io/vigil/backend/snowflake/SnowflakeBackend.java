package io.vigil.backend.snowflake;

import static io.vigil.backend.VigilRows.fromMicros;
import static io.vigil.backend.VigilRows.toMicros;

import io.vigil.backend.AnomalyProgress;
import io.vigil.backend.Backend;
import io.vigil.backend.ConfigurationException;
import io.vigil.backend.SeriesExtent;
import io.vigil.backend.SourceEvents;
import io.vigil.backend.SourceFields;
import io.vigil.backend.VigilRows;
import io.vigil.backend.WriteChecks;
import io.vigil.backend.WriteConflictException;
import io.vigil.flows.FlowReader;
import io.vigil.model.Dimension;
import io.vigil.model.Identifier;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.flows.FlowBatch;
import io.vigil.model.forecast.Prediction;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Sources and Vigil tables in one Snowflake schema, through snowflake-jdbc. Series generation runs where the data
 * is: one {@code INSERT ... SELECT ... GROUP BY} per step, with the watermark MERGE and the range's DELETE in the same
 * transaction, so the bins never travel through the JVM. Every statement comes from {@link SnowflakeSql}.
 *
 * <p>Concurrency differs from DuckDB in one way: Snowflake makes a second writer of a table wait for the first
 * one's lock (up to the session's {@code LOCK_TIMEOUT}) instead of failing at once. Each write begins by MERGEing
 * its source's watermark row, so writers queue there and each replaces the range whole; a writer that waited too
 * long, or found 20 statements already waiting, fails with {@link WriteConflictException} and may be retried.
 */
public final class SnowflakeBackend implements Backend {

  private static final Logger LOG = Logger.getLogger(SnowflakeBackend.class.getName());

  /** Snowflake's error for a statement aborted while waiting for a table lock (timeout or too many waiters). */
  private static final int LOCK_WAIT_ABORTED = 625;
  /** How long a write waits for another writer's lock before giving up, in seconds. */
  static final int LOCK_TIMEOUT_SECONDS = 300;
  private static final int MAX_IDLE_CONNECTIONS = 4;

  private final ConnectionPool connections;
  private final SnowflakeSql sql;
  private final String location;

  SnowflakeBackend(ConnectionPool connections, SnowflakeSql sql, String location) {
    this.connections = connections;
    this.sql = sql;
    this.location = location;
  }

  /**
   * Logs in to Snowflake, failing after the login timeout with the account and host in the message when it cannot,
   * and creates the Vigil tables that do not exist yet in the configured database and schema. The entry point for
   * workers: {@code SnowflakeBackend.open(SnowflakeSettings.fromEnvironment(System.getenv()))}.
   */
  public static SnowflakeBackend open(SnowflakeSettings settings) {
    ConnectionPool pool = loggedIn(settings);
    try {
      return create(pool, SnowflakeSql.snowflake(), settings.location());
    } catch (SQLException e) {
      pool.close();
      throw new IllegalStateException(settings.location() + ": cannot create the missing Vigil tables (the role "
          + "needs CREATE TABLE on the schema, or an administrator creates them): " + e.getMessage(), e);
    }
  }

  /**
   * Reads a flow table for detection (see {@link #readFlows(String)}) with one login and nothing else: it creates no
   * table, so a role that may only read the flows can run it.
   */
  public static FlowBatch readFlows(SnowflakeSettings settings, String table) {
    Identifier.require(table);
    try (SnowflakeBackend reader = new SnowflakeBackend(loggedIn(settings), SnowflakeSql.snowflake(),
        settings.location())) {
      return reader.readFlows(table);
    }
  }

  /** A pool holding one logged-in session, or the login's failure with the account and host named. */
  private static ConnectionPool loggedIn(SnowflakeSettings settings) {
    Properties properties = connectionProperties(settings);
    String url = "jdbc:snowflake://" + settings.host() + "/";
    ConnectionPool pool = new ConnectionPool(() -> DriverManager.getConnection(url, properties), MAX_IDLE_CONNECTIONS);
    try {
      pool.giveBack(pool.borrow());
      return pool;
    } catch (SQLException e) {
      pool.close();
      throw new IllegalStateException("cannot connect to " + settings.location() + " as user " + settings.user()
          + " at https://" + settings.host() + " (login timeout " + settings.loginTimeout().getSeconds() + " s): "
          + e.getMessage(), e);
    }
  }

  /** A backend on {@code connections} whose Vigil tables exist: those missing are created first. */
  static SnowflakeBackend create(ConnectionPool connections, SnowflakeSql sql, String location) throws SQLException {
    SnowflakeBackend backend = new SnowflakeBackend(connections, sql, location);
    backend.createMissingTables();
    return backend;
  }

  /**
   * The driver's connection properties. Session parameters ride along: UTC as the session time zone (see
   * {@link SnowflakeDialect}), timestamps without zone read back as UTC, keep-alive so pooled sessions do not
   * expire, a bounded lock wait, and a query tag that finds Vigil's statements in the query history.
   */
  static Properties connectionProperties(SnowflakeSettings settings) {
    Properties properties = new Properties();
    properties.put("account", settings.account());
    properties.put("user", settings.user());
    if (settings.authentication() instanceof SnowflakeSettings.KeyPair keyPair) {
      properties.put("authenticator", "SNOWFLAKE_JWT");
      properties.put("privateKey", PrivateKeyFile.read(keyPair.privateKeyFile(), keyPair.passphrase()));
    } else if (settings.authentication() instanceof SnowflakeSettings.Password password) {
      properties.put("password", password.secret().reveal());
    }
    properties.put("db", settings.database());
    properties.put("schema", settings.schema());
    settings.role().ifPresent(role -> properties.put("role", role));
    settings.warehouse().ifPresent(warehouse -> properties.put("warehouse", warehouse));
    properties.put("loginTimeout", Long.toString(settings.loginTimeout().getSeconds()));
    // The driver otherwise probes cloud metadata endpoints at login to report the platform it runs on.
    properties.put("disablePlatformDetection", "true");
    properties.put("TIMEZONE", "UTC");
    properties.put("JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC", "true");
    properties.put("CLIENT_SESSION_KEEP_ALIVE", "true");
    properties.put("LOCK_TIMEOUT", Integer.toString(LOCK_TIMEOUT_SECONDS));
    properties.put("QUERY_TAG", "vigil");
    properties.put("JDBC_QUERY_RESULT_FORMAT", resultFormat());
    return properties;
  }

  /**
   * ARROW, the driver's fast result format, when the JVM lets it reach into java.nio (the {@code vigil} launcher,
   * the Docker image and the tests pass {@code --add-opens=java.base/java.nio=ALL-UNNAMED}); JSON otherwise, which
   * is slower on large results but needs no flag, so an embedding JVM without it still works.
   */
  static String resultFormat() {
    if (ByteBuffer.class.getModule().isOpen("java.nio", SnowflakeBackend.class.getModule())) {
      return "ARROW";
    }
    LOG.warning("java.nio is not opened to Vigil (--add-opens=java.base/java.nio=ALL-UNNAMED); Snowflake results "
        + "come as JSON, which is slower than Arrow on large reads");
    return "JSON";
  }

  private void createMissingTables() throws SQLException {
    Connection connection = connections.borrow();
    try {
      Set<String> existing = new HashSet<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql.existingTables())) {
        while (rows.next()) {
          existing.add(rows.getString(1));
        }
      }
      // Only missing tables are created, so a role without CREATE TABLE can run against tables an administrator made.
      for (Map.Entry<String, String> table : sql.createTables().entrySet()) {
        if (!existing.contains(table.getKey())) {
          try (Statement statement = connection.createStatement()) {
            statement.execute(table.getValue());
          }
        }
      }
      connections.giveBack(connection);
    } catch (SQLException | RuntimeException e) {
      connections.discard(connection);
      throw e;
    }
  }

  @Override
  public String name() {
    return "snowflake";
  }

  // ---- plumbing -----------------------------------------------------------------------------------------------

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} on a borrowed connection; a connection whose work failed is closed, not reused. */
  private <T> T withConnection(Work<T> work, Supplier<String> what) {
    Connection connection;
    try {
      connection = connections.borrow();
    } catch (SQLException e) {
      throw failure(what.get(), e);
    }
    try {
      T result = work.run(connection);
      connections.giveBack(connection);
      return result;
    } catch (SQLException e) {
      connections.discard(connection);
      throw failure(what.get(), e);
    } catch (RuntimeException e) {
      connections.discard(connection);
      throw e;
    }
  }

  private <T> List<T> query(String statementText, Binder binder, RowReader<T> reader, Supplier<String> what) {
    return withConnection(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(statementText)) {
        binder.bind(statement);
        List<T> results = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            results.add(reader.read(rows));
          }
        }
        return results;
      }
    }, what);
  }

  private static Binder source(String source) {
    return statement -> statement.setString(1, source);
  }

  /** The one timestamp (µs) a query selects for the source; empty when it selects no row or NULL. */
  private Optional<Instant> time(String statementText, String source, Supplier<String> what) {
    List<Optional<Instant>> times = query(statementText, source(source), rows -> nullableTime(rows, 1), what);
    return times.isEmpty() ? Optional.empty() : times.get(0);
  }

  /**
   * Runs {@code work} in one transaction that begins with {@code watermarkMerge} for the source. The MERGE takes the
   * watermark table's lock first, so concurrent writers of a source queue there, before touching any rows.
   */
  private void inClaimedTransaction(String watermarkMerge, Binder watermarkBinds, Work<Void> work,
      Supplier<String> what) {
    inTransaction(connection -> {
      execute(connection, watermarkMerge, watermarkBinds);
      return work.run(connection);
    }, what);
  }

  /** Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. */
  private void inTransaction(Work<Void> work, Supplier<String> what) {
    withConnection(connection -> {
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
      connection.setAutoCommit(true);
      return null;
    }, what);
  }

  private static void execute(Connection connection, String statementText, Binder binder) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(statementText)) {
      binder.bind(statement);
      statement.executeUpdate();
    }
  }

  /** Binds each row and sends them as one batch, which the driver turns into one array-bound INSERT. */
  private static <T> void insertAll(Connection connection, String statementText, List<T> rows,
      RowBinder<T> binder) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(statementText)) {
      for (T row : rows) {
        binder.bind(statement, row);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private interface RowBinder<T> {
    void bind(PreparedStatement statement, T row) throws SQLException;
  }

  private RuntimeException failure(String what, SQLException e) {
    if (e.getErrorCode() == LOCK_WAIT_ABORTED) {
      return new WriteConflictException("another writer held a Vigil table of " + location + " while this one tried to "
          + what + "; the step was rolled back", e);
    }
    return new IllegalStateException(location + ": cannot " + what + ": " + e.getMessage(), e);
  }

  // ---- source -------------------------------------------------------------------------------------------------

  @Override
  public void checkSource(SourceConfig config) {
    String source = config.source();
    List<String[]> found = query(sql.sourceColumns(), source(Identifier.require(source)),
        rows -> new String[] {rows.getString(1), rows.getString(2), rows.getString(3)},
        () -> "read the columns of " + source);
    Map<String, String> columns = new LinkedHashMap<>();
    Set<String> otherSpellings = new HashSet<>();
    for (String[] column : found) {
      if (column[0].equals(source)) {
        columns.put(column[1], column[2].toUpperCase(Locale.ROOT));
      } else {
        otherSpellings.add(column[0]);
      }
    }
    if (columns.isEmpty()) {
      throw new ConfigurationException("watchlist row " + config.row() + ", column Source, value '" + source
          + "': no such table or view in " + location
          + (otherSpellings.isEmpty() ? "" : "; names are case-sensitive as Vigil quotes them, and the schema has "
              + String.join(", ", otherSpellings.stream().sorted().toList())));
    }
    SourceFields.check(config, (watchlistColumn, field) -> typeOf(columns, config, watchlistColumn, field),
        type -> type.startsWith("TIMESTAMP"), "TIMESTAMP_NTZ (taken as UTC), TIMESTAMP_LTZ or TIMESTAMP_TZ",
        type -> type.matches("NUMBER.*|DECIMAL.*|NUMERIC.*|FLOAT.*|DOUBLE.*|REAL|U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?"));
  }

  private static String typeOf(Map<String, String> columns, SourceConfig config, String watchlistColumn,
      String field) {
    String type = columns.get(field);
    if (type == null) {
      String sameIgnoringCase = columns.keySet().stream().filter(name -> name.equalsIgnoreCase(field)).findFirst()
          .map(name -> "; names are case-sensitive as Vigil quotes them: did you mean " + name + "?").orElse("");
      throw new ConfigurationException("watchlist row " + config.row() + ", column " + watchlistColumn + ", value '"
          + field + "': source " + config.source() + " has no such column" + (sameIgnoringCase.isEmpty()
              ? "; its columns are " + String.join(", ", columns.keySet()) : sameIgnoringCase));
    }
    return type;
  }

  @Override
  public Optional<Instant> earliestEvent(SourceConfig config) {
    String statementText = sql.earliestEvent(config);
    List<Optional<Instant>> times = query(statementText, statement -> { }, rows -> nullableTime(rows, 1),
        () -> "read the earliest event of " + config.source());
    return times.get(0);
  }

  @Override
  public List<SeriesBin> readSourceAggregates(SourceConfig config, TimeRange range) {
    return query(sql.readSourceAggregates(config, range), source(config.source()), VigilRows::seriesBin,
        () -> "aggregate " + config.source() + " over " + range);
  }

  @Override
  public String evidenceQuery(SourceConfig config, Map<Dimension, String> key, TimeRange range) {
    return sql.evidenceQuery(config, key, range);
  }

  /** Runs the evidence query, whose names are validated and quoted and whose values are escaped constants. */
  @Override
  public SourceEvents readSourceEvents(SourceConfig config, Map<Dimension, String> key, TimeRange range, int limit) {
    String statementText = sql.readSourceEvents(config, key, range, limit);
    return withConnection(connection -> {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(statementText)) {
        return VigilRows.sourceEvents(rows, limit);
      }
    }, () -> "read the events of " + config.source() + " over " + range);
  }

  /**
   * Reads a flow table of the schema for detection, with the columns {@link FlowReader} needs (DESIGN section 5), in
   * one order that is the same on every read, so a flow's row number finds it again.
   */
  public FlowBatch readFlows(String table) {
    String columnsQuery = sql.flowColumns(table);
    return withConnection(connection -> {
      int columns;
      try (Statement statement = connection.createStatement();
          ResultSet empty = statement.executeQuery(columnsQuery)) {
        columns = empty.getMetaData().getColumnCount();
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql.readFlows(table, columns))) {
        return FlowReader.readRows(table, rows);
      }
    }, () -> "read flows from " + table);
  }

  // ---- time series --------------------------------------------------------------------------------------------

  @Override
  public Optional<Instant> seriesWatermark(String source) {
    return time(sql.seriesWatermark(), source, () -> "read the watermark of " + source);
  }

  @Override
  public void generateSeriesBins(SourceConfig config, TimeRange range) {
    // Built before any connection is borrowed, so that a name Identifier rejects never reaches the database.
    String insert = sql.insertAggregates(config, range);
    writeSeries(config, range, connection -> {
      execute(connection, insert, source(config.source()));
      return null;
    });
  }

  @Override
  public void replaceSeriesBins(SourceConfig config, TimeRange range, List<SeriesBin> bins) {
    bins.forEach(bin -> WriteChecks.requireBin(config, range, bin));
    writeSeries(config, range, connection -> {
      insertAll(connection, sql.insertSeriesBin(), bins, VigilRows::bindSeriesBin);
      return null;
    });
  }

  /** Advances the watermark, clears the source's bins in the range and lets {@code insert} fill it, atomically. */
  private void writeSeries(SourceConfig config, TimeRange range, Work<Void> insert) {
    WriteChecks.requireWholeBins(config, range);
    String source = config.source();
    inClaimedTransaction(sql.mergeSeriesWatermark(), statement -> {
      statement.setString(1, source);
      statement.setLong(2, toMicros(range.end()));
      statement.setLong(3, toMicros(Instant.now()));
    }, connection -> {
      execute(connection, sql.deleteSeriesBins(range), source(source));
      return insert.run(connection);
    }, () -> "write the bins of " + source + " over " + range);
  }

  @Override
  public List<SeriesBin> readSeriesBins(String source, TimeRange range) {
    return readSeriesBins(source, range, Map.of());
  }

  @Override
  public List<SeriesBin> readSeriesBins(String source, TimeRange range, Map<Dimension, String> key) {
    return query(sql.readSeriesBins(range, key), sourceAndKey(source, key), VigilRows::seriesBin,
        () -> "read the bins of " + source + " over " + range);
  }

  /** Binds the source, then the key's values in dimension order, as {@link SnowflakeSql}'s key conditions expect. */
  private static Binder sourceAndKey(String source, Map<Dimension, String> key) {
    return statement -> {
      statement.setString(1, source);
      VigilRows.bindKey(statement, 2, key);
    };
  }

  @Override
  public SeriesExtent seriesExtent(String source, TimeRange range) {
    return query(sql.seriesExtent(range), source(source), rows -> {
      long count = rows.getLong(1);
      return count == 0 ? new SeriesExtent(0, null, null)
          : new SeriesExtent(count, fromMicros(rows.getLong(2)), fromMicros(rows.getLong(3)));
    }, () -> "count the bins of " + source + " over " + range).get(0);
  }

  // ---- predictions --------------------------------------------------------------------------------------------

  /**
   * Deletes the source's predictions of the runs and inserts the new ones in one transaction. It claims no watermark:
   * forecast runs of a source never overlap (one workflow per source), and a retry replaces its own run's rows.
   */
  @Override
  public void replacePredictions(String source, List<Instant> runs, List<Prediction> predictions) {
    predictions.forEach(prediction -> WriteChecks.requirePrediction(source, runs, prediction));
    inTransaction(connection -> {
      for (Instant run : runs) {
        execute(connection, sql.deletePredictionRun(), statement -> {
          statement.setString(1, source);
          statement.setLong(2, toMicros(run));
        });
      }
      insertAll(connection, sql.insertPrediction(), predictions, VigilRows::bindPrediction);
      return null;
    }, () -> "write the predictions of " + source + " for the runs at " + runs);
  }

  @Override
  public List<Prediction> readPredictions(String source, Instant generatedAt) {
    return query(sql.readPredictions(), statement -> {
      statement.setString(1, source);
      statement.setLong(2, toMicros(generatedAt));
    }, rows -> VigilRows.prediction(source, rows), () -> "read the predictions of " + source + " for the run at " + generatedAt);
  }

  @Override
  public List<Prediction> readLatestPredictions(String source, TimeRange bins) {
    return readLatestPredictions(source, bins, Map.of());
  }

  @Override
  public List<Prediction> readLatestPredictions(String source, TimeRange bins, Map<Dimension, String> key) {
    return query(sql.readLatestPredictions(bins, key), sourceAndKey(source, key),
        rows -> VigilRows.prediction(source, rows), () -> "read the latest predictions of " + source + " over " + bins);
  }

  @Override
  public Optional<Instant> lastPredictionRun(String source) {
    return time(sql.lastPredictionRun(), source, () -> "read the last forecast run of " + source);
  }

  // ---- anomalies ----------------------------------------------------------------------------------------------

  @Override
  public Optional<AnomalyProgress> anomalyProgress(String source) {
    List<AnomalyProgress> progress = query(sql.anomalyProgress(), source(source),
        rows -> new AnomalyProgress(fromMicros(rows.getLong(1)),
            new TimeRange(fromMicros(rows.getLong(2)), fromMicros(rows.getLong(3))), fromMicros(rows.getLong(4))),
        () -> "read the anomaly watermark of " + source);
    return progress.stream().findFirst();
  }

  @Override
  public void replaceAnomalies(String source, TimeRange range, Instant runTime, List<Anomaly> anomalies,
      List<Incident> incidents) {
    anomalies.forEach(anomaly -> WriteChecks.requireAnomaly(source, range, anomaly));
    incidents.forEach(incident -> WriteChecks.requireIncident(source, range, incident));
    inClaimedTransaction(sql.mergeAnomalyWatermark(), statement -> {
      statement.setString(1, source);
      statement.setLong(2, toMicros(range.end()));
      statement.setLong(3, toMicros(Instant.now()));
      statement.setLong(4, toMicros(range.start()));
      statement.setLong(5, toMicros(range.end()));
      statement.setLong(6, toMicros(runTime));
    }, connection -> {
      execute(connection, sql.deleteAnomalies(range), source(source));
      execute(connection, sql.deleteIncidents(range), source(source));
      insertAll(connection, sql.insertAnomaly(), anomalies, VigilRows::bindAnomaly);
      insertAll(connection, sql.insertIncident(), incidents, VigilRows::bindIncident);
      return null;
    }, () -> "write the anomalies of " + source + " over " + range);
  }

  @Override
  public List<Anomaly> readAnomalies(String source, TimeRange range) {
    return query(sql.readAnomalies(range), source(source), rows -> VigilRows.anomaly(source, rows),
        () -> "read the anomalies of " + source + " over " + range);
  }

  @Override
  public List<Incident> readIncidents(String source, TimeRange range) {
    return query(sql.readIncidents(range), source(source), rows -> VigilRows.incident(source, rows),
        () -> "read the incidents of " + source + " over " + range);
  }

  // ---- values -------------------------------------------------------------------------------------------------

  private static Optional<Instant> nullableTime(ResultSet rows, int column) throws SQLException {
    long micros = rows.getLong(column);
    return rows.wasNull() ? Optional.empty() : Optional.of(fromMicros(micros));
  }

  @Override
  public void close() {
    connections.close();
  }

  @Override
  public String toString() {
    return location;
  }
}
