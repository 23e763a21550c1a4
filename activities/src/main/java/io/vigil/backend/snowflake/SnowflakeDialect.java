package io.vigil.backend.snowflake;

import java.time.Duration;
import java.time.Instant;

/**
 * Snowflake's spellings. The backend's sessions run with {@code TIMEZONE = 'UTC'}, so comparing a time column of any
 * of the three timestamp types with a TIMESTAMP_NTZ constant compares instants, and a TIMESTAMP_NTZ value counts as
 * UTC wherever Snowflake converts it.
 */
final class SnowflakeDialect implements SqlDialect {

  @Override
  public String timestampType() {
    return "TIMESTAMP_NTZ";
  }

  @Override
  public String timestampFromMicros(String micros) {
    return "TO_TIMESTAMP_NTZ(" + micros + ", 6)";
  }

  @Override
  public String microsOf(String timestamp) {
    return "DATE_PART(EPOCH_MICROSECOND, " + timestamp + ")";
  }

  /** With an explicit format, so that an account's TIMESTAMP_INPUT_FORMAT cannot change how it is read. */
  @Override
  public String timestampLiteral(Instant instant) {
    return "TO_TIMESTAMP_NTZ('" + SqlDialect.wallClock(instant) + "', 'YYYY-MM-DD HH24:MI:SS.FF6')";
  }

  /** Snowflake reads a backslash in a string constant as an escape, so backslashes are doubled as well as quotes. */
  @Override
  public String stringLiteral(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  /**
   * TIME_SLICE counts slices from 1970-01-01 00:00:00, the epoch, as BinGrid does. CONVERT_TIMEZONE with two arguments
   * takes a TIMESTAMP_TZ value's own offset (and the session's UTC for the other types), so a TIMESTAMP_TZ column
   * is sliced by its UTC time rather than by its local wall clock.
   */
  @Override
  public String utcBin(String time, Duration size) {
    return "TIME_SLICE(CAST(CONVERT_TIMEZONE('UTC', " + time + ") AS TIMESTAMP_NTZ), " + size.getSeconds()
        + ", 'SECOND')";
  }
}
