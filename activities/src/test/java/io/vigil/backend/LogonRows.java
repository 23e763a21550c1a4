package io.vigil.backend;

import io.vigil.model.SourceConfig;
import java.time.Duration;

/** Watchlist rows (row 4) over the Logons test table the SQL backends' tests create. */
public final class LogonRows {

  private LogonRows() {}

  public static SourceConfig row(String source, String host, String user, String activity, String ip, String size,
      String time, Duration bin) {
    return new SourceConfig(4, source, host, user, activity, ip, size, time, bin, Duration.ZERO, Duration.ofDays(30),
        Duration.ofDays(1), Duration.ofDays(7), 24, null);
  }

  /** Every dimension and the size field, in ten-minute bins. */
  public static SourceConfig allDimensions() {
    return row("Logons", "Computer", "Account", "Action", "Ip", "Bytes", "TimeGenerated", Duration.ofMinutes(10));
  }
}
