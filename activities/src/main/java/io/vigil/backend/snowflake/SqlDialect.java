package io.vigil.backend.snowflake;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few spellings in which the statements of {@link SnowflakeSql} depend on the engine. Everything else in them
 * (MERGE, QUALIFY, information_schema, coalesce, greatest, CAST to VARCHAR and DOUBLE, count, max, min, sum, avg) is
 * text that Snowflake and DuckDB both accept with the same meaning, which is what lets the tests run the very
 * statements the Snowflake backend sends on an embedded DuckDB.
 *
 * <p>Every timestamp Vigil writes is UTC wall-clock time without a zone; every instant crosses JDBC as microseconds
 * since the epoch, so neither the JVM's nor the session's time zone can shift a bin.
 */
public interface SqlDialect {

  /** The column type of a UTC wall-clock timestamp without time zone. */
  String timestampType();

  /** The timestamp {@code micros} microseconds after the epoch, for a bind parameter or an expression. */
  String timestampFromMicros(String micros);

  /** Microseconds since the epoch of a timestamp expression; one without a time zone counts as UTC. */
  String microsOf(String timestamp);

  /** A constant for an instant, readable in statements and evidence queries, that lets the engine prune by time. */
  String timestampLiteral(Instant instant);

  /** A string constant holding {@code value} exactly, whatever quotes or backslashes it contains. */
  String stringLiteral(String value);

  /**
   * The start of the bin of {@code size} that holds {@code time}, with bins aligned to the epoch in UTC, as a UTC
   * wall-clock timestamp, whatever the time column's type (with or without time zone).
   */
  String utcBin(String time, Duration size);

  /** An instant as UTC wall-clock text with microseconds, {@code 2026-01-05 10:00:00.000000}, for constants. */
  static String wallClock(Instant instant) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC).format(instant);
  }
}
