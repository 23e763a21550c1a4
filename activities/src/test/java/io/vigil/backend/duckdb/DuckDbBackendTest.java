package io.vigil.backend.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.AnomalyProgress;
import io.vigil.backend.ConfigurationException;
import io.vigil.backend.SeriesExtent;
import io.vigil.backend.SourceEvents;
import io.vigil.backend.WriteConflictException;
import io.vigil.model.Dimension;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.forecast.Prediction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DuckDbBackendTest {

  private static final TimeRange DAY =
      new TimeRange(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"));

  private DuckDbBackend backend;

  @BeforeEach
  void open() throws SQLException {
    backend = DuckDbBackend.inMemory();
    execute("CREATE TABLE Logons (TimeGenerated TIMESTAMP, Computer VARCHAR, Account VARCHAR, Ip VARCHAR, "
        + "Action VARCHAR, Bytes BIGINT, Note VARCHAR)");
    execute("INSERT INTO Logons VALUES "
        // Bin edges: 10:09:59.999999 belongs to 10:00, 10:10:00 to 10:10, 10:19:59.999999 to 10:10, 10:20 to 10:20.
        + "('2026-01-05 10:09:59.999999', 'ws1', 'alice', '10.0.0.1', 'Logon', 100, 'a'),"
        + "('2026-01-05 10:10:00', 'ws1', 'alice', '10.0.0.1', 'Logon', 300, 'b'),"
        + "('2026-01-05 10:19:59.999999', 'ws1', 'alice', '10.0.0.1', 'Logon', NULL, 'c'),"
        + "('2026-01-05 10:20:00', 'ws1', 'alice', '10.0.0.1', 'Logon', 50, 'd'),"
        // A null dimension value groups with the empty string, as KQL's summarize does for a missing string.
        + "('2026-01-05 10:12:00', NULL, 'bob', '10.0.0.2', 'Logoff', 7, 'e'),"
        + "('2026-01-05 10:13:00', '', 'bob', '10.0.0.2', 'Logoff', 9, 'f'),"
        // Outside the day: never read for it.
        + "('2026-01-06 00:00:00', 'ws1', 'alice', '10.0.0.1', 'Logon', 1, 'g'),"
        + "('2026-01-04 23:59:59.999999', 'ws1', 'alice', '10.0.0.1', 'Logon', 1, 'h')");
  }

  @AfterEach
  void close() {
    backend.close();
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static SourceConfig row(String source, String host, String user, String activity, String ip, String size,
      String time, Duration bin) {
    return new SourceConfig(4, source, host, user, activity, ip, size, time, bin, Duration.ZERO, Duration.ofDays(30),
        Duration.ofDays(1), Duration.ofDays(7), 24, null);
  }

  private static SourceConfig allDimensions() {
    return row("Logons", "Computer", "Account", "Action", "Ip", "Bytes", "TimeGenerated", Duration.ofMinutes(10));
  }

  private static SeriesBin bin(String host, String user, String ip, String activity, String time, long count,
      Double max, Double min, Double sum, Double avg) {
    return new SeriesBin("Logons", host, user, ip, activity, Instant.parse(time), count, max, min, sum, avg);
  }

  @Test
  void binsAreHalfOpenAndAlignedToTheEpochWithSizeAggregates() {
    backend.generateSeriesBins(allDimensions(), DAY);

    assertEquals(List.of(
        bin("ws1", "alice", "10.0.0.1", "Logon", "2026-01-05T10:00:00Z", 1, 100.0, 100.0, 100.0, 100.0),
        bin("", "bob", "10.0.0.2", "Logoff", "2026-01-05T10:10:00Z", 2, 9.0, 7.0, 16.0, 8.0),
        bin("ws1", "alice", "10.0.0.1", "Logon", "2026-01-05T10:10:00Z", 2, 300.0, 300.0, 300.0, 300.0),
        bin("ws1", "alice", "10.0.0.1", "Logon", "2026-01-05T10:20:00Z", 1, 50.0, 50.0, 50.0, 50.0)),
        backend.readSeriesBins("Logons", DAY));
    assertEquals(DAY.end(), backend.seriesWatermark("Logons").orElseThrow());
  }

  @Test
  void unusedDimensionsAreEmptyAndNoSizeFieldLeavesAggregatesNull() {
    SourceConfig countOnly = row("Logons", "", "", "", "", "", "TimeGenerated", Duration.ofHours(1));
    backend.generateSeriesBins(countOnly, DAY);

    assertEquals(List.of(new SeriesBin("Logons", "", "", "", "", Instant.parse("2026-01-05T10:00:00Z"), 6, null, null,
        null, null)), backend.readSeriesBins("Logons", DAY));
  }

  @Test
  void binsOfSevenMinutesStayAlignedToTheEpochNotToTheDay() {
    SourceConfig sevenMinutes = row("Logons", "", "", "", "", "", "TimeGenerated", Duration.ofMinutes(7));
    backend.generateSeriesBins(sevenMinutes, new TimeRange(Instant.parse("2026-01-05T10:03:00Z"),
        Instant.parse("2026-01-05T10:24:00Z")));

    // 2026-01-05T10:03Z is 29,460,123 minutes after the epoch, a multiple of 7; bins start 10:03, 10:10, 10:17.
    List<SeriesBin> bins = backend.readSeriesBins("Logons", DAY);
    assertEquals(List.of(Instant.parse("2026-01-05T10:03:00Z"), Instant.parse("2026-01-05T10:10:00Z"),
        Instant.parse("2026-01-05T10:17:00Z")), bins.stream().map(SeriesBin::timeBin).toList());
    assertEquals(List.of(1L, 3L, 2L), bins.stream().map(SeriesBin::count).toList());
    assertThrows(IllegalArgumentException.class, () -> backend.generateSeriesBins(sevenMinutes, DAY),
        "a day is not a whole number of 7-minute bins from the epoch");
  }

  @Test
  void repeatingAStepReplacesItsRowsInsteadOfAddingToThem() {
    backend.generateSeriesBins(allDimensions(), DAY);
    List<SeriesBin> once = backend.readSeriesBins("Logons", DAY);
    backend.generateSeriesBins(allDimensions(), DAY);
    backend.generateSeriesBins(allDimensions(), new TimeRange(DAY.start(), Instant.parse("2026-01-05T10:20:00Z")));

    assertEquals(once, backend.readSeriesBins("Logons", DAY));
    assertThrows(IllegalArgumentException.class, () -> backend.generateSeriesBins(allDimensions(),
        new TimeRange(DAY.start(), Instant.parse("2026-01-05T10:15:00Z"))), "a step must end on a bin boundary");
    assertEquals(DAY.end(), backend.seriesWatermark("Logons").orElseThrow(), "the watermark never moves back");
  }

  @Test
  void movingBinsThroughTheJvmGivesTheSameTableAsAggregatingInDuckDb() {
    SourceConfig config = allDimensions();
    List<SeriesBin> aggregates = backend.readSourceAggregates(config, DAY);
    backend.replaceSeriesBins(config, DAY, aggregates);
    List<SeriesBin> throughJvm = backend.readSeriesBins("Logons", DAY);

    backend.generateSeriesBins(config, DAY);

    assertEquals(4, throughJvm.size());
    assertEquals(throughJvm, backend.readSeriesBins("Logons", DAY));
    assertEquals(aggregates, throughJvm);
  }

  @Test
  void replacingRejectsBinsOfAnotherSourceOrOutsideTheRange() {
    SeriesBin outside = bin("ws1", "alice", "10.0.0.1", "Logon", "2026-01-07T00:00:00Z", 1, null, null, null, null);
    assertThrows(IllegalArgumentException.class,
        () -> backend.replaceSeriesBins(allDimensions(), DAY, List.of(outside)));
    assertTrue(backend.readSeriesBins("Logons", DAY).isEmpty(), "the rejected step wrote nothing");
    assertTrue(backend.seriesWatermark("Logons").isEmpty(), "and did not move the watermark");
  }

  @Test
  void timestampWithTimeZoneColumnsBinInUtc() throws SQLException {
    execute("CREATE TABLE Zoned (Seen TIMESTAMPTZ, Host VARCHAR)");
    execute("INSERT INTO Zoned VALUES ('2026-01-05 12:05:00+02', 'h'), ('2026-01-05 10:55:00+00', 'h')");
    SourceConfig zoned = row("Zoned", "Host", "", "", "", "", "Seen", Duration.ofHours(1));
    backend.checkSource(zoned);
    backend.generateSeriesBins(zoned, DAY);

    List<SeriesBin> bins = backend.readSeriesBins("Zoned", DAY);
    assertEquals(List.of(Instant.parse("2026-01-05T10:00:00Z")), bins.stream().map(SeriesBin::timeBin).toList());
    assertEquals(2, bins.get(0).count());
  }

  @Test
  void extentCountsRowsAndFindsTheFirstAndLastBin() {
    backend.generateSeriesBins(allDimensions(), DAY);
    assertEquals(new SeriesExtent(4, Instant.parse("2026-01-05T10:00:00Z"), Instant.parse("2026-01-05T10:20:00Z")),
        backend.seriesExtent("Logons", DAY));
    assertEquals(new SeriesExtent(0, null, null), backend.seriesExtent("Other", DAY));
  }

  @Test
  void earliestEventIsTheOldestTimeOrEmpty() throws SQLException {
    assertEquals(Instant.parse("2026-01-04T23:59:59.999999Z"), backend.earliestEvent(allDimensions()).orElseThrow());
    execute("CREATE TABLE Empty (TimeGenerated TIMESTAMP)");
    assertTrue(backend.earliestEvent(row("Empty", "", "", "", "", "", "TimeGenerated", Duration.ofHours(1)))
        .isEmpty());
  }

  @Test
  void checkSourceNamesTheRowColumnAndValueThatAreWrong() throws SQLException {
    backend.checkSource(allDimensions());

    ConfigurationException missingTable = assertThrows(ConfigurationException.class, () -> backend.checkSource(
        row("Nope", "", "", "", "", "", "TimeGenerated", Duration.ofHours(1))));
    assertEquals("watchlist row 4, column Source, value 'Nope': no such table or view in DuckDB database in-memory",
        missingTable.getMessage());

    ConfigurationException missingColumn = assertThrows(ConfigurationException.class, () -> backend.checkSource(
        row("Logons", "Hostname", "", "", "", "", "TimeGenerated", Duration.ofHours(1))));
    assertTrue(missingColumn.getMessage().startsWith(
        "watchlist row 4, column HostnameField, value 'Hostname': source Logons has no such column; its columns are "
            + "timegenerated, computer, account"), missingColumn.getMessage());

    ConfigurationException textTime = assertThrows(ConfigurationException.class, () -> backend.checkSource(
        row("Logons", "", "", "", "", "", "Note", Duration.ofHours(1))));
    assertTrue(textTime.getMessage().contains("column TimeField, value 'Note'"));
    assertTrue(textTime.getMessage().contains("has type VARCHAR; a TIMESTAMP"));

    ConfigurationException textSize = assertThrows(ConfigurationException.class, () -> backend.checkSource(
        row("Logons", "", "", "", "", "Account", "TimeGenerated", Duration.ofHours(1))));
    assertTrue(textSize.getMessage().contains("column SizeField, value 'Account'"));
    assertTrue(textSize.getMessage().contains("a numeric column is needed"));
  }

  @Test
  void identifiersThatCouldEscapeQuotingNeverReachSql() throws SQLException {
    for (String hostile : List.of("Computer\"; DROP TABLE Logons; --", "Computer -- x", "a b", "x/*y*/", "Logons'")) {
      SourceConfig config = row("Logons", hostile, "", "", "", "", "TimeGenerated", Duration.ofHours(1));
      assertThrows(IllegalArgumentException.class, () -> backend.generateSeriesBins(config, DAY), hostile);
    }
    assertEquals(8, backend.readSourceAggregates(
        row("Logons", "", "", "", "", "", "TimeGenerated", Duration.ofDays(7)), new TimeRange(
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-08T00:00:00Z"))).get(0).count(),
        "the source table is intact");
  }

  @Test
  void aSecondWriterOfTheSameSourceFailsWithAConflictAndWritesNothing() throws SQLException {
    backend.generateSeriesBins(allDimensions(), new TimeRange(DAY.start(), Instant.parse("2026-01-05T10:10:00Z")));
    try (Connection first = backend.connection()) {
      first.setAutoCommit(false);
      try (Statement statement = first.createStatement()) {
        // The first writer holds the source's watermark row, as an activity mid-step does.
        statement.execute("UPDATE SentinelCustomAnalytics_SeriesWatermark SET UpdatedAt = now()::TIMESTAMP "
            + "WHERE Source = 'Logons'");
      }
      assertThrows(WriteConflictException.class, () -> backend.generateSeriesBins(allDimensions(), DAY));
      first.rollback();
    }
    assertEquals(1, backend.readSeriesBins("Logons", DAY).size());
    assertEquals(Instant.parse("2026-01-05T10:10:00Z"), backend.seriesWatermark("Logons").orElseThrow());
  }

  @Test
  void aFileDatabaseKeepsBinsAndWatermarkAcrossReopening(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws SQLException {
    java.nio.file.Path file = dir.resolve("nested/vigil.duckdb");
    try (DuckDbBackend first = DuckDbBackend.open(file);
        Connection connection = first.connection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE T (TimeGenerated TIMESTAMP)");
      statement.execute("INSERT INTO T VALUES ('2026-01-05 10:00:00')");
      first.generateSeriesBins(row("T", "", "", "", "", "", "TimeGenerated", Duration.ofHours(1)), DAY);
    }
    try (DuckDbBackend second = DuckDbBackend.open(file)) {
      assertEquals(DAY.end(), second.seriesWatermark("T").orElseThrow());
      assertEquals(1, second.readSeriesBins("T", DAY).size());
      assertNull(second.readSeriesBins("T", DAY).get(0).max());
    }
  }

  // ---- predictions, anomalies, incidents, evidence ------------------------------------------------------------

  private static final Instant T10 = Instant.parse("2026-01-05T10:00:00Z");

  private static Prediction prediction(String source, Instant bin, double forecast, Instant run) {
    return new Prediction(source, "ws1", "alice", "10.0.0.1", "Logon", bin, Prediction.COUNT, forecast,
        forecast - 1, forecast + 1, "kql-avg", run);
  }

  private static Anomaly anomaly(String source, Instant bin, String user) {
    return new Anomaly(source, AnomalyKind.FIRST_SEEN_USER_IP, "", user, "10.0.0.9", "", bin, "Count", 3, 0, 0, 0,
        null, Severity.LOW, "Vigil anomaly", Severity.MEDIUM, 1, false, "SELECT 1", T10);
  }

  @Test
  void aBadPredictionRollsBackEveryRowOfItsCall() {
    Instant run = T10.plus(Duration.ofHours(1));
    backend.replacePredictions("Logons", List.of(run), List.of(prediction("Logons", T10, 5, run)));

    assertThrows(IllegalArgumentException.class, () -> backend.replacePredictions("Logons", List.of(run),
        List.of(prediction("Logons", T10, 6, run), prediction("Other", T10, 7, run))));

    assertEquals(List.of(prediction("Logons", T10, 5, run)), backend.readPredictions("Logons", run));
  }

  @Test
  void theLatestRunThatForecastABinWins() {
    Instant early = T10.minus(Duration.ofHours(2));
    Instant late = T10.minus(Duration.ofHours(1));
    backend.replacePredictions("Logons", List.of(early, late), List.of(
        prediction("Logons", T10, 5, early), prediction("Logons", T10.plus(Duration.ofMinutes(10)), 6, early),
        prediction("Logons", T10, 8, late)));

    List<Prediction> latest = backend.readLatestPredictions("Logons", DAY);

    assertEquals(List.of(prediction("Logons", T10, 8, late),
        prediction("Logons", T10.plus(Duration.ofMinutes(10)), 6, early)), latest);
    assertEquals(late, backend.lastPredictionRun("Logons").orElseThrow());
    assertTrue(backend.lastPredictionRun("Other").isEmpty());
  }

  @Test
  void anomaliesOfARangeAreReplacedAsAWholeWithTheirWatermark() {
    TimeRange hour = new TimeRange(T10, T10.plus(Duration.ofHours(1)));
    Incident incident = new Incident("Logons", "", "carol", "10.0.0.9", "", T10, T10.plus(Duration.ofMinutes(10)),
        3, 3, "FirstSeenUserIp", "Vigil anomaly", Severity.MEDIUM, T10);
    backend.replaceAnomalies("Logons", hour, T10, List.of(anomaly("Logons", T10, "carol"),
        anomaly("Logons", T10.plus(Duration.ofMinutes(10)), "dave")), List.of(incident));
    // A rerun of the same range, as a retried activity would make, replaces rather than adds.
    backend.replaceAnomalies("Logons", hour, T10, List.of(anomaly("Logons", T10, "carol")), List.of(incident));

    assertEquals(List.of(anomaly("Logons", T10, "carol")), backend.readAnomalies("Logons", DAY));
    assertEquals(List.of(incident), backend.readIncidents("Logons", DAY));
    assertEquals(new AnomalyProgress(hour.end(), hour, T10), backend.anomalyProgress("Logons").orElseThrow());

    assertThrows(IllegalArgumentException.class, () -> backend.replaceAnomalies("Logons", hour, T10,
        List.of(anomaly("Logons", T10, "erin"), anomaly("Logons", hour.end(), "frank")), List.of()));
    assertEquals(List.of(anomaly("Logons", T10, "carol")), backend.readAnomalies("Logons", DAY),
        "the failed call wrote nothing");
  }

  @Test
  void theEvidenceQuerySelectsExactlyTheEventsOfTheKeyAndBin() throws SQLException {
    execute("INSERT INTO Logons VALUES ('2026-01-05 10:15:00', 'ws1', 'o''brien', '10.0.0.1', 'Logon', 1, 'q')");
    SourceConfig config = allDimensions();
    TimeRange bin = new TimeRange(Instant.parse("2026-01-05T10:10:00Z"), Instant.parse("2026-01-05T10:20:00Z"));

    assertEquals(List.of("b", "c"), notes(backend.evidenceQuery(config,
        Map.of(Dimension.USER, "alice", Dimension.SRC_IP_ADDR, "10.0.0.1"), bin)));
    assertEquals(List.of("q"), notes(backend.evidenceQuery(config, Map.of(Dimension.USER, "o'brien"), bin)));
    // An empty value matches NULL too, as the series generation grouped them.
    assertEquals(List.of("e", "f"), notes(backend.evidenceQuery(config, Map.of(Dimension.HOSTNAME, "",
        Dimension.USER, "bob"), bin)));
  }

  @Test
  void sourceEventsAreTheEvidenceQuerysEventsBoundedAndInTimeOrder() throws SQLException {
    execute("INSERT INTO Logons VALUES ('2026-01-05 10:15:00', 'ws1', 'o''brien', '10.0.0.1', 'Logon', 1, "
        + "'<script>alert(1)</script>')");
    SourceConfig config = allDimensions();
    TimeRange bin = new TimeRange(Instant.parse("2026-01-05T10:10:00Z"), Instant.parse("2026-01-05T10:20:00Z"));
    Map<Dimension, String> alice = Map.of(Dimension.USER, "alice", Dimension.SRC_IP_ADDR, "10.0.0.1");

    SourceEvents both = backend.readSourceEvents(config, alice, bin, 10);
    SourceEvents first = backend.readSourceEvents(config, alice, bin, 1);
    SourceEvents quoted = backend.readSourceEvents(config, Map.of(Dimension.USER, "o'brien"), bin, 10);

    assertEquals(List.of("TimeGenerated", "Computer", "Account", "Ip", "Action", "Bytes", "Note"), both.columns());
    assertEquals(List.of("b", "c"), both.rows().stream().map(row -> row.get(6)).toList());
    assertEquals(Arrays.asList("2026-01-05 10:19:59.999999", "ws1", "alice", "10.0.0.1", "Logon", null, "c"),
        both.rows().get(1), "a NULL stays null");
    assertFalse(both.more());
    assertEquals(List.of("b"), first.rows().stream().map(row -> row.get(6)).toList());
    assertTrue(first.more(), "a second event matches");
    assertEquals(List.of("<script>alert(1)</script>"), quoted.rows().stream().map(row -> row.get(6)).toList());
  }

  @Test
  void sourceEventsRefuseASourceOrFieldThatIsNotAName() {
    SourceConfig hostile = row("Logons\"; DROP TABLE Logons; --", "Computer", "", "", "", "", "TimeGenerated",
        Duration.ofMinutes(10));

    assertThrows(IllegalArgumentException.class, () -> backend.readSourceEvents(hostile, Map.of(), DAY, 10));
    assertEquals(8, backend.readSourceEvents(allDimensions(), Map.of(), new TimeRange(Instant.EPOCH,
        Instant.parse("2027-01-01T00:00:00Z")), 100).rows().size(), "the table is still there");
  }

  @Test
  void seriesAndForecastsOfAKeyAreTheRowsWhoseDimensionsHoldItsValues() {
    SourceConfig config = allDimensions();
    backend.generateSeriesBins(config, DAY);
    Instant run = Instant.parse("2026-01-05T09:00:00Z");
    Instant forecastBin = Instant.parse("2026-01-05T10:10:00Z");
    List<Prediction> predictions = new java.util.ArrayList<>();
    for (String[] key : new String[][] {{"ws1", "alice"}, {"", "bob"}, {"ws1", "o'brien"}}) {
      predictions.add(new Prediction("Logons", key[0], key[1], "10.0.0.1", "Logon", forecastBin, Prediction.COUNT, 2, 1, 3,
          "kql-avg", run));
    }
    backend.replacePredictions("Logons", List.of(run), predictions);

    for (Map<Dimension, String> key : List.of(Map.<Dimension, String>of(), Map.of(Dimension.USER, "bob"),
        Map.of(Dimension.HOSTNAME, "", Dimension.USER, "bob"), Map.of(Dimension.HOSTNAME, "ws1"),
        Map.of(Dimension.USER, "o'brien"), Map.of(Dimension.USER, "nobody"))) {
      assertEquals(backend.readSeriesBins("Logons", DAY).stream()
          .filter(bin -> Dimension.matches(key, bin.hostname(), bin.user(), bin.srcIpAddr(), bin.activity()))
          .toList(), backend.readSeriesBins("Logons", DAY, key), key.toString());
      assertEquals(backend.readLatestPredictions("Logons", DAY).stream()
          .filter(forecast -> Dimension.matches(key, forecast.hostname(), forecast.user(), forecast.srcIpAddr(),
              forecast.activity())).toList(),
          backend.readLatestPredictions("Logons", DAY, key), key.toString());
    }
    assertEquals(3, backend.readSeriesBins("Logons", DAY, Map.of(Dimension.USER, "alice")).size(),
        "alice's bins 10:00, 10:10 and 10:20");
    assertEquals(1, backend.readLatestPredictions("Logons", DAY, Map.of(Dimension.USER, "o'brien")).size());
  }

  private List<String> notes(String query) throws SQLException {
    List<String> notes = new java.util.ArrayList<>();
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement();
        java.sql.ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        notes.add(rows.getString("Note"));
      }
    }
    return notes;
  }
}
