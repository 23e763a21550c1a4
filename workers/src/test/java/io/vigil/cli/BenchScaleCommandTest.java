package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil bench scale} on a small watchlist, every row checked and the figures in the final JSON line; and the
 * checks themselves, which must see what a wrong catch-up would leave.
 */
class BenchScaleCommandTest {

  @Test
  void catchesUpEveryRowWithNothingLostExtraOrFailedAndReportsTheFigures() throws IOException {
    VigilRun run = VigilRun.of("bench", "scale", "--rows", "5", "--events-per-row", "200", "--days", "3");

    assertEquals(0, run.exitCode(), run.out() + run.err());
    List<String> lines = run.out().lines().toList();
    JsonNode figures = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertEquals("scale", figures.path("benchmark").asText());
    assertEquals(5, figures.path("rows").asInt());
    assertEquals(1000, figures.path("events").asLong());
    assertEquals(0, figures.path("lost").asLong(), run.out());
    assertEquals(0, figures.path("extra").asLong(), run.out());
    assertEquals(0, figures.path("failed").asLong(), run.out());
    // The third row's catch-up bound is shorter than the events' span, so it alone skips history.
    assertEquals(1, figures.path("rows_with_skip").asInt());
    assertTrue(figures.path("series_rows").asLong() > 0, run.out());
    assertEquals(5, figures.path("workflow_runs").asInt());
    // Each run inspects its source and generates at least one chunk.
    assertTrue(figures.path("activity_attempts").asInt() >= 10, run.out());
    double seconds = figures.path("seconds").asDouble();
    double busy = figures.path("query_busy_seconds").asDouble();
    assertTrue(seconds > 0 && busy > 0 && busy <= seconds, run.out());
    assertEquals(seconds - busy, figures.path("machinery_seconds").asDouble(), 0.002);
    assertTrue(figures.path("backend_calls").asInt() >= 5 * 4, run.out());
    assertTrue(figures.path("peak_heap_mb").asInt() > 0, run.out());
  }

  @Test
  void anEmptyWatchlistIsRefusedBeforeAnythingRuns() {
    VigilRun run = VigilRun.of("bench", "scale", "--rows", "0");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--rows, --days, --events-per-row, --bin-minutes and --users are at least 1"),
        run.err());
  }

  @Test
  void theCheckCountsRowsLostAndRowsExtraPerSource() throws SQLException {
    try (DuckDbBackend backend = DuckDbBackend.inMemory()) {
      TimeRange span = new TimeRange(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));
      SourceConfig row = new SourceConfig(1, "Events", "", SeriesBench.USER, SeriesBench.ACTION, "", "",
          SeriesBench.TIME, Duration.ofMinutes(60), Duration.ZERO, Duration.ofDays(2), Duration.ofDays(1),
          Duration.ofDays(1), 24, null);
      SeriesBench.generate(backend, "Events", 500, span, 3);
      SeriesBench.createReference(backend, "Reference");
      long expected = SeriesBench.aggregateInto(backend, "Reference", row, span);
      // Vigil's table gets the reference less its first bin, and its last bin twice.
      SeriesBench.execute(backend, "INSERT INTO SentinelCustomAnalytics_TimeSeries SELECT * FROM Reference "
          + "WHERE TimeBin > (SELECT min(TimeBin) FROM Reference) UNION ALL SELECT * FROM Reference "
          + "WHERE TimeBin = (SELECT max(TimeBin) FROM Reference)");
      long firstBin = count(backend, "SELECT count(*) FROM Reference WHERE TimeBin = (SELECT min(TimeBin) FROM Reference)");
      long lastBin = count(backend, "SELECT count(*) FROM Reference WHERE TimeBin = (SELECT max(TimeBin) FROM Reference)");

      Map<String, SeriesBench.Mismatch> mismatches = SeriesBench.compare(backend, "Reference", List.of("Events"));

      assertTrue(expected > firstBin + lastBin);
      assertEquals(Map.of("Events", new SeriesBench.Mismatch(firstBin, lastBin)), mismatches);
    }
  }

  @Test
  void aRowWhoseBoundIsShorterThanItsHistoryMustSkipTheOlderBinsAndStopAtItsDelay() {
    SourceConfig row = new SourceConfig(1, "Events", "", SeriesBench.USER, "", "", "", SeriesBench.TIME,
        Duration.ofMinutes(60), Duration.ofMinutes(90), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), 24,
        null);
    Instant now = Instant.parse("2026-01-10T12:30:00Z");

    BenchScaleCommand.ExpectedRun run = BenchScaleCommand.ExpectedRun.of(row, now,
        Instant.parse("2026-01-07T05:10:00Z"));

    assertEquals(new TimeRange(Instant.parse("2026-01-07T05:00:00Z"), Instant.parse("2026-01-09T13:00:00Z")),
        run.skipped());
    assertEquals(new TimeRange(Instant.parse("2026-01-09T13:00:00Z"), Instant.parse("2026-01-10T11:00:00Z")),
        run.generate());
  }

  private static long count(DuckDbBackend backend, String sql) throws SQLException {
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
