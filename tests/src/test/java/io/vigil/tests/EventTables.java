package io.vigil.tests;

import io.vigil.backend.duckdb.DuckDbBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Test event tables: {@code (TimeGenerated, Computer, Account, Ip, Action, Bytes)} with seeded random rows. */
final class EventTables {

  static final String COLUMNS = "TimeGenerated TIMESTAMP, Computer VARCHAR, Account VARCHAR, Ip VARCHAR, "
      + "Action VARCHAR, Bytes BIGINT";

  private EventTables() {}

  static void create(DuckDbBackend backend, String table) throws SQLException {
    execute(backend, "CREATE TABLE " + table + " (" + COLUMNS + ")");
  }

  static void execute(DuckDbBackend backend, String sql) throws SQLException {
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Creates {@code table} with {@code count} events evenly spaced over {@code [from, to)}, in time order as an
   * ingestion pipeline appends them, from {@code users} users spread over 37 hosts, each with one IP and three
   * actions, so that keys repeat across bins as in real logs. Generated inside DuckDB, so millions take a second.
   */
  static void generate(DuckDbBackend backend, String table, Instant from, Instant to, long count, int users)
      throws SQLException {
    execute(backend, "CREATE TABLE " + table + " AS SELECT make_timestamp(" + DuckDbBackend.toMicros(from)
        + " + (i::HUGEINT * " + Duration.between(from, to).toNanos() / 1000 + " // " + count + ")::BIGINT) "
        + "AS TimeGenerated, 'host-' || (u % 37) AS Computer, 'user' || u AS Account, "
        + "'10.' || (u // 250) || '.' || (u % 250) || '.7' AS Ip, "
        + "(['Logon', 'Logoff', 'FileRead'])[1 + (hash(i * 7) % 3)::INTEGER] AS Action, "
        + "(hash(i * 13) % 1000)::BIGINT AS Bytes FROM (SELECT i, (hash(i) % " + users + ")::BIGINT AS u "
        + "FROM range(" + count + ") t(i))");
  }

  /**
   * Appends {@code count} events spread at random over {@code [from, to)}: a few hosts, users and actions, some
   * null hosts and sizes, so empty dimension values and null sizes are exercised too.
   */
  static void append(DuckDbBackend backend, String table, Instant from, Instant to, int count, long seed)
      throws SQLException {
    Random random = new Random(seed);
    long spanMillis = Duration.between(from, to).toMillis();
    try (Connection connection = backend.connection();
        DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
            table)) {
      for (int i = 0; i < count; i++) {
        Instant time = from.plusMillis((long) (random.nextDouble() * spanMillis));
        int user = random.nextInt(6);
        appender.beginRow().appendEpochMicros(DuckDbBackend.toMicros(time));
        if (random.nextInt(20) == 0) {
          appender.appendNull();
        } else {
          appender.append("ws" + (user % 3));
        }
        appender.append("user" + user).append("10.0.0." + user)
            .append(random.nextBoolean() ? "Logon" : "FileRead");
        if (random.nextInt(10) == 0) {
          appender.appendNull();
        } else {
          appender.append((long) random.nextInt(10_000));
        }
        appender.endRow();
      }
    }
  }
}
