package io.vigil.backend.snowflake;

import java.time.Duration;
import java.time.Instant;

/**
 * DuckDB's spellings of what {@link SqlDialect} leaves open, so that the tests can run the Snowflake backend's own
 * statements on an embedded DuckDB. Where the engines differ, the difference is only here: TIME_SLICE becomes
 * time_bucket with the epoch as origin (both count bins from 1970-01-01 00:00 UTC), TO_TIMESTAMP_NTZ(µs, 6) becomes
 * make_timestamp(µs), DATE_PART(EPOCH_MICROSECOND, ...) becomes epoch_us, TIMESTAMP_NTZ becomes TIMESTAMP, and a
 * backslash in a string constant is an ordinary character.
 */
final class DuckDbDialect implements SqlDialect {

  @Override
  public String timestampType() {
    return "TIMESTAMP";
  }

  @Override
  public String timestampFromMicros(String micros) {
    return "make_timestamp(" + micros + ")";
  }

  @Override
  public String microsOf(String timestamp) {
    return "epoch_us(" + timestamp + ")";
  }

  @Override
  public String timestampLiteral(Instant instant) {
    return "TIMESTAMP '" + SqlDialect.wallClock(instant) + "'";
  }

  @Override
  public String stringLiteral(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** The session time zone is UTC, so the cast turns a TIMESTAMP WITH TIME ZONE column into UTC wall-clock time. */
  @Override
  public String utcBin(String time, Duration size) {
    return "time_bucket(INTERVAL " + size.getSeconds() + " SECOND, CAST(" + time + " AS TIMESTAMP), "
        + "TIMESTAMP '1970-01-01 00:00:00')";
  }
}
