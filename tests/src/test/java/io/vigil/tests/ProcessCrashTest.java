package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.cli.VigilRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil up} killed with SIGKILL in the middle of a catch-up, as a power cut would, and started again: DuckDB
 * replays its write-ahead log, committed steps stay, the step in flight is gone, and the restart resumes from the
 * watermark. The table must then equal one GROUP BY of the raw rows.
 */
class ProcessCrashTest {

  private static final int EVENTS = 3_000_000;

  @Test
  void vigilUpKilledMidCatchUpAndStartedAgainEndsWithEveryBinOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vigil.duckdb");
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    Instant start = end.minus(Duration.ofDays(2));
    try (DuckDbBackend database = DuckDbBackend.open(file)) {
      EventTables.generate(database, "Events", start, end, EVENTS, 100);
    }
    Files.writeString(dir.resolve("watchlist.csv"), "Source,HostnameField,UserField,ActivityField,SrcIpAddrField,"
        + "SizeField,TimeSeriesBinSize,TimeSeriesGenerationDelay,MaxTimeSeriesGenerationPeriod\n"
        + "Events,Computer,Account,Action,Ip,Bytes,1,0,5\n");
    Files.writeString(dir.resolve("global.csv"), "Key,Value\n");
    String[] up = {"up", "--once", "--no-sample-data", "--temporal-port", "0", "--db", file.toString(),
        "--watchlist", dir.resolve("watchlist.csv").toString(), "--global", dir.resolve("global.csv").toString()};

    // Kill the first run at a moment that lands inside its catch-up. How long the catch-up takes depends on the
    // machine and on what else runs on it, so the moment is searched for: later when nothing was committed yet,
    // earlier (after clearing the output) when the run had already finished, and once both kinds of miss are known,
    // halfway between the latest too-early and the earliest too-late moment.
    long killAfterMillis = 700;
    long tooEarly = -1;
    long tooLate = -1;
    Optional<Instant> atKill = Optional.empty();
    boolean midCatchUp = false;
    for (int attempt = 1; attempt <= 12 && !midCatchUp; attempt++) {
      Path log = dir.resolve("run-" + attempt + ".log");
      Process first = VigilProcess.start(up, log);
      VigilProcess.waitFor(log, "Vigil up:", first, 60);
      Thread.sleep(killAfterMillis);
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Instant lastWholeMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
      try (DuckDbBackend database = DuckDbBackend.open(file)) {
        atKill = database.seriesWatermark("Events");
        if (atKill.isEmpty()) {
          tooEarly = Math.max(tooEarly, killAfterMillis);
        } else if (!atKill.get().isBefore(lastWholeMinute)) {
          EventTables.execute(database, "DELETE FROM SentinelCustomAnalytics_TimeSeries");
          EventTables.execute(database, "DELETE FROM SentinelCustomAnalytics_SeriesWatermark");
          tooLate = tooLate < 0 ? killAfterMillis : Math.min(tooLate, killAfterMillis);
        } else {
          midCatchUp = true;
        }
        // Growing fast enough to reach a busy machine's pace; shrinking by a third; then bisecting.
        killAfterMillis = tooLate < 0 ? killAfterMillis * 3 / 2 + 200
            : tooEarly < 0 ? killAfterMillis * 2 / 3 : (tooEarly + tooLate) / 2;
      }
    }
    assertTrue(midCatchUp, "no kill landed inside the catch-up; the last left the watermark at " + atKill);

    VigilRun second = VigilRun.of(up);
    assertEquals(0, second.exitCode(), second.out() + second.err());

    try (DuckDbBackend database = DuckDbBackend.open(file)) {
      Instant watermark = database.seriesWatermark("Events").orElseThrow();
      assertTrue(atKill.orElseThrow().isBefore(watermark), "the restart resumed and finished the catch-up");
      EventTables.execute(database, "CREATE TABLE Expected AS SELECT 'Events' AS Source, Computer, Account, Ip, "
          + "Action, time_bucket(INTERVAL 1 MINUTE, TimeGenerated, TIMESTAMP '1970-01-01') AS TimeBin, "
          + "count(*) AS Count, max(Bytes::DOUBLE) AS Max, min(Bytes::DOUBLE) AS Min, sum(Bytes::DOUBLE) AS Sum, "
          + "round(avg(Bytes::DOUBLE), 6) AS Avg FROM Events WHERE TimeGenerated < make_timestamp("
          + DuckDbBackend.toMicros(watermark) + ") GROUP BY ALL");
      String actual = "SELECT * EXCLUDE (Avg), round(Avg, 6) FROM SentinelCustomAnalytics_TimeSeries";
      assertEquals(0, count(database, "SELECT count(*) FROM (" + actual + " EXCEPT ALL SELECT * FROM Expected)"),
          "rows written twice or wrong");
      assertEquals(0, count(database, "SELECT count(*) FROM (SELECT * FROM Expected EXCEPT ALL " + actual + ")"),
          "rows lost");
      assertTrue(count(database, "SELECT count(*) FROM Expected") > 0);
    }
  }

  private static long count(DuckDbBackend database, String sql) throws Exception {
    try (Connection connection = database.connection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
