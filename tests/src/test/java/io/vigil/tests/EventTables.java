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
