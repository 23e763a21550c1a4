package io.vigil.backend;

import io.vigil.model.SourceConfig;
import java.time.Duration;
import java.util.List;

/** Watchlist rows (row 4) over the Logons test table the SQL backends' tests create. */
public final class LogonRows {

  /**
   * The Logons table and its events: bin edges (10:09:59.999999 belongs to 10:00, 10:10:00 to 10:10), null and empty
   * dimension values that group together, a backslash and a quote in values, and events just outside the day.
   */
  public static final List<String> EVENTS = List.of(
      "CREATE TABLE Logons (TimeGenerated TIMESTAMP, Computer VARCHAR, Account VARCHAR, Ip VARCHAR, "
          + "Action VARCHAR, Bytes BIGINT, Note VARCHAR)",
      "INSERT INTO Logons VALUES "
          // Bin edges: 10:09:59.999999 belongs to 10:00, 10:10:00 to 10:10, 10:20 to 10:20.
          + "('2026-01-05 10:09:59.999999', 'ws1', 'alice', '10.0.0.1', 'Logon', 100, 'a'),"
          + "('2026-01-05 10:10:00', 'ws1', 'alice', '10.0.0.1', 'Logon', 300, 'b'),"
          + "('2026-01-05 10:19:59.999999', 'ws1', 'alice', '10.0.0.1', 'Logon', NULL, 'c'),"
          + "('2026-01-05 10:20:00', 'ws1', 'alice', '10.0.0.1', 'Logon', 50, 'd'),"
          + "('2026-01-05 10:12:00', NULL, 'bob', '10.0.0.2', 'Logoff', 7, 'e'),"
          + "('2026-01-05 10:13:00', '', 'bob', '10.0.0.2', 'Logoff', 9, 'f'),"
          + "('2026-01-05 10:14:00', 'ws2', 'CORP\\carol', '10.0.0.3', 'Logon', 5, 'g'),"
          + "('2026-01-05 10:15:00', 'ws1', 'o''brien', '10.0.0.1', 'Logon', 1, 'q'),"
          + "('2026-01-06 00:00:00', 'ws1', 'alice', '10.0.0.1', 'Logon', 1, 'x'),"
          + "('2026-01-04 23:59:59.999999', 'ws1', 'alice', '10.0.0.1', 'Logon', 1, 'y')");

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
