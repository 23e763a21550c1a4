package io.vigil.backend.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.Dimension;
import io.vigil.model.SourceConfig;
import io.vigil.model.Tables;
import io.vigil.model.TimeRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every statement the Snowflake backend sends, for one representative watchlist row, against the golden files in
 * {@code activities/src/test/resources/snowflake/}. After an intended change, regenerate them with
 * {@code mvn -pl activities -am test -Dtest=SnowflakeSqlGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvigil.updateGolden=true} and review the diff.
 */
class SnowflakeSqlGoldenTest {

  private static final Path GOLDEN =
      Path.of(System.getProperty("vigil.repo.dir", "..")).resolve("activities/src/test/resources/snowflake");

  /** Sign-ins by host, user, application and IP, with session length, in ten-minute bins. */
  private static final SourceConfig SIGNINS = new SourceConfig(3, "SigninLogs", "DeviceName", "UserPrincipalName",
      "AppDisplayName", "IPAddress", "SessionDurationSeconds", "TimeGenerated", Duration.ofMinutes(10),
      Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(14), 24, null);
  private static final TimeRange RANGE =
      new TimeRange(Instant.parse("2026-01-05T10:00:00Z"), Instant.parse("2026-01-05T12:00:00Z"));

  /** A series key of two dimensions: bound in the reads, escaped constants in the evidence query. */
  private static final Map<Dimension, String> KEY = Map.of(Dimension.USER, "alice@corp", Dimension.SRC_IP_ADDR,
      "10.0.0.1");

  private static Map<String, String> statements() {
    SnowflakeSql sql = SnowflakeSql.snowflake();
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("existing-tables", sql.existingTables());
    sql.createTables().forEach((table, ddl) -> statements.put("create-" + table, ddl));
    statements.put("source-columns", sql.sourceColumns());
    statements.put("earliest-event", sql.earliestEvent(SIGNINS));
    statements.put("read-source-aggregates", sql.readSourceAggregates(SIGNINS, RANGE));
    statements.put("insert-aggregates", sql.insertAggregates(SIGNINS, RANGE));
    statements.put("merge-series-watermark", sql.mergeSeriesWatermark());
    statements.put("delete-series-bins", sql.deleteSeriesBins(RANGE));
    statements.put("insert-series-bin", sql.insertSeriesBin());
    statements.put("read-series-bins", sql.readSeriesBins(RANGE, Map.of()));
    statements.put("read-series-bins-of-key", sql.readSeriesBins(RANGE, KEY));
    statements.put("series-extent", sql.seriesExtent(RANGE));
    statements.put("series-watermark", sql.seriesWatermark());
    statements.put("delete-prediction-run", sql.deletePredictionRun());
    statements.put("insert-prediction", sql.insertPrediction());
    statements.put("read-predictions", sql.readPredictions());
    statements.put("read-latest-predictions", sql.readLatestPredictions(RANGE, Map.of()));
    statements.put("read-latest-predictions-of-key", sql.readLatestPredictions(RANGE, KEY));
    statements.put("last-prediction-run", sql.lastPredictionRun());
    statements.put("merge-anomaly-watermark", sql.mergeAnomalyWatermark());
    statements.put("delete-anomalies", sql.deleteAnomalies(RANGE));
    statements.put("delete-incidents", sql.deleteIncidents(RANGE));
    statements.put("insert-anomaly", sql.insertAnomaly());
    statements.put("insert-incident", sql.insertIncident());
    statements.put("read-anomalies", sql.readAnomalies(RANGE));
    statements.put("read-incidents", sql.readIncidents(RANGE));
    statements.put("anomaly-progress", sql.anomalyProgress());
    // Key values come from the data, so quotes and Windows DOMAIN\\user backslashes must stay inside the constant.
    statements.put("evidence-query", sql.evidenceQuery(SIGNINS, Map.of(Dimension.USER, "CORP\\o'brien",
        Dimension.SRC_IP_ADDR, "10.0.0.1"), new TimeRange(RANGE.start(), RANGE.start().plus(SIGNINS.binSize()))));
    statements.put("read-source-events", sql.readSourceEvents(SIGNINS, KEY, RANGE, 50));
    statements.put("flow-columns", sql.flowColumns("NetworkFlows"));
    statements.put("read-flows", sql.readFlows("NetworkFlows", 11));
    return statements;
  }

  @Test
  void everyStatementMatchesItsGoldenFile() throws IOException {
    Map<String, String> statements = statements();
    boolean update = Boolean.getBoolean("vigil.updateGolden");
    if (update) {
      Files.createDirectories(GOLDEN);
      try (Stream<Path> old = Files.list(GOLDEN)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    for (Map.Entry<String, String> statement : statements.entrySet()) {
      Path file = GOLDEN.resolve(statement.getKey() + ".sql");
      if (update) {
        Files.writeString(file, statement.getValue() + "\n", StandardCharsets.UTF_8);
      }
      assertTrue(Files.isRegularFile(file), "no golden file " + file + "; run with -Dvigil.updateGolden=true");
      assertEquals(Files.readString(file, StandardCharsets.UTF_8).strip(), statement.getValue(), file.toString());
    }
    try (Stream<Path> files = Files.list(GOLDEN)) {
      assertEquals(statements.size(), files.count(), "a golden file without a statement is left in " + GOLDEN);
    }
  }

  @Test
  void theTablesAreVigilsSixWithTheirExactNames() {
    assertEquals(List.of(Tables.TIME_SERIES, Tables.PREDICTION, Tables.SERIES_WATERMARK, Tables.ANOMALIES,
        Tables.INCIDENTS, Tables.ANOMALY_WATERMARK), List.copyOf(SnowflakeSql.snowflake().createTables().keySet()));
  }

  @Test
  void aHostileNameFailsBeforeAStatementIsBuilt() {
    SnowflakeSql sql = SnowflakeSql.snowflake();
    String hostile = "x\"; drop table y; --";
    SourceConfig hostileSource = new SourceConfig(7, hostile, "", "", "", "", "", "TimeGenerated",
        Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), 1, null);
    IllegalArgumentException failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> sql.aggregate(hostileSource, RANGE));
    assertEquals("identifier 'x\"; drop table y; --' is not " + io.vigil.model.Identifier.RULE, failure.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> sql.readFlows(hostile, 3));
  }
}
