package io.vigil.backend.snowflake;

import static io.vigil.backend.LogonRows.allDimensions;
import static io.vigil.backend.LogonRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.LogonRows;
import io.vigil.backend.AnomalyProgress;
import io.vigil.backend.Backend;
import io.vigil.backend.ConfigurationException;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.flows.FlowReader;
import io.vigil.model.Dimension;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.flows.Flow;
import io.vigil.model.flows.FlowBatch;
import io.vigil.model.forecast.Prediction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Snowflake backend's own code and statements, run on an embedded DuckDB through {@link DuckDbDialect}, against
 * the DuckDB backend over the same events: both must produce the same rows. Everything but the five dialect
 * spellings is the text sent to Snowflake (see {@link SqlDialect}). The aggregation's core is one text for both
 * backends (SourceAggregation), so there the comparison checks the bin and range spellings and the write path; the
 * watermark MERGEs, range DELETEs, inserts and reads are the Snowflake backend's alone. What this cannot show is
 * Snowflake's own behaviour: its TIME_SLICE and CONVERT_TIMEZONE, its lock waits, and the driver's array binding.
 */
class SnowflakeBackendOnDuckDbTest {

  private static final TimeRange DAY =
      new TimeRange(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"));
  private static final Instant T10 = Instant.parse("2026-01-05T10:00:00Z");

  private static final List<String> EVENTS = Stream.concat(LogonRows.EVENTS.stream(), Stream.of(
      "CREATE TABLE Zoned (Seen TIMESTAMPTZ, Host VARCHAR)",
      "INSERT INTO Zoned VALUES ('2026-01-05 12:05:00+02', 'h'), ('2026-01-05 10:55:00+00', 'h'), "
          + "('2026-01-05 11:00:00+01', 'h')",
      "CREATE TABLE Flows (timestamp DOUBLE, flow_dur DOUBLE, src_ip VARCHAR, dest_ip VARCHAR, src_port INTEGER, "
          + "dest_port INTEGER, fwd_bytes BIGINT, bwd_bytes BIGINT, total_fwd_pkts BIGINT, total_bwd_pkts BIGINT, "
          + "label INTEGER)",
      "INSERT INTO Flows VALUES (1767607300.5, 0.2, '10.0.0.9', '10.0.0.1', 50000, 22, 100, 2000, 3, 4, 1), "
          + "(1767607200, 1.5, '10.0.0.1', '8.8.8.8', 40000, 53, 60, 120, 1, 1, 0), "
          + "(1767607250, 0, '10.0.0.2', '10.0.0.1', 40001, 445, 10, 0, 1, 0, 0)")).toList();

  private DuckDbBackend reference;
  private DuckDBConnection snowflakeDatabase;
  private SnowflakeBackend backend;

  @BeforeEach
  void open() throws SQLException {
    reference = DuckDbBackend.inMemory();
    try (Connection connection = reference.connection()) {
      execute(connection, EVENTS);
    }
    snowflakeDatabase = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    execute(snowflakeDatabase, List.of("SET GLOBAL TimeZone = 'UTC'"));
    execute(snowflakeDatabase, EVENTS);
    backend = onDuckDb(snowflakeDatabase::duplicate);
  }

  private static SnowflakeBackend onDuckDb(ConnectionPool.Opener opener) throws SQLException {
    return SnowflakeBackend.create(new ConnectionPool(opener, 2), new SnowflakeSql(new DuckDbDialect()),
        "DuckDB standing in for Snowflake");
  }

  @AfterEach
  void close() throws SQLException {
    backend.close();
    snowflakeDatabase.close();
    reference.close();
  }

  private static void execute(Connection connection, List<String> statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private void executeOnBoth(String sql) throws SQLException {
    try (Connection connection = reference.connection()) {
      execute(connection, List.of(sql));
    }
    execute(snowflakeDatabase, List.of(sql));
  }

  private static final List<SourceConfig> ROWS = List.of(allDimensions(),
      row("Logons", "", "", "", "", "", "TimeGenerated", Duration.ofHours(1)),
      row("Logons", "", "Account", "", "", "Bytes", "TimeGenerated", Duration.ofMinutes(7)),
      row("Zoned", "Host", "", "", "", "", "Seen", Duration.ofHours(1)));

  // ---- series ---------------------------------------------------------------------------------------------------

  @Test
  void generatedBinsAndWatermarksEqualTheDuckDbBackendsForEveryRowShape() {
    for (SourceConfig config : ROWS) {
      // Seven-minute bins count from the epoch, so the whole bins within the day run from 00:01 to 23:56.
      TimeRange range = new TimeRange(config.grid().ceil(DAY.start()), config.grid().floor(DAY.end()));
      reference.generateSeriesBins(config, range);
      backend.generateSeriesBins(config, range);

      List<SeriesBin> expected = reference.readSeriesBins(config.source(), DAY);
      assertFalse(expected.isEmpty(), config.toString());
      assertEquals(expected, backend.readSeriesBins(config.source(), DAY), config.toString());
      assertEquals(reference.readSourceAggregates(config, range), backend.readSourceAggregates(config, range));
      assertEquals(reference.seriesWatermark(config.source()), backend.seriesWatermark(config.source()));
      assertEquals(reference.seriesExtent(config.source(), DAY), backend.seriesExtent(config.source(), DAY));
      assertEquals(reference.earliestEvent(config), backend.earliestEvent(config));
    }
  }

  @Test
  void binsAreExactHalfOpenUtcBins() {
    backend.generateSeriesBins(allDimensions(), DAY);
    List<SeriesBin> alice = backend.readSeriesBins("Logons", DAY).stream()
        .filter(bin -> bin.user().equals("alice")).toList();
    assertEquals(List.of(new SeriesBin("Logons", "ws1", "alice", "10.0.0.1", "Logon", T10, 1, 100.0, 100.0, 100.0,
            100.0),
        new SeriesBin("Logons", "ws1", "alice", "10.0.0.1", "Logon", Instant.parse("2026-01-05T10:10:00Z"), 2, 300.0,
            300.0, 300.0, 300.0),
        new SeriesBin("Logons", "ws1", "alice", "10.0.0.1", "Logon", Instant.parse("2026-01-05T10:20:00Z"), 1, 50.0,
            50.0, 50.0, 50.0)), alice);

    SourceConfig zoned = ROWS.get(3);
    backend.generateSeriesBins(zoned, DAY);
    // 12:05+02 is 10:05 UTC, 11:00+01 is 10:00 UTC: all three events fall in the 10:00 UTC bin.
    assertEquals(List.of(new SeriesBin("Zoned", "h", "", "", "", T10, 3, null, null, null, null)),
        backend.readSeriesBins("Zoned", DAY));
  }

  @Test
  void aRepeatedOrOverlappingStepReplacesItsRangeAndTheWatermarkNeverMovesBack() throws SQLException {
    backend.generateSeriesBins(allDimensions(), DAY);
    List<SeriesBin> once = backend.readSeriesBins("Logons", DAY);
    backend.generateSeriesBins(allDimensions(), DAY);
    backend.generateSeriesBins(allDimensions(), new TimeRange(DAY.start(), Instant.parse("2026-01-05T10:20:00Z")));
    assertEquals(once, backend.readSeriesBins("Logons", DAY));
    assertEquals(DAY.end(), backend.seriesWatermark("Logons").orElseThrow());

    // An event that vanished from the source (retention, a corrected load) takes its bin with it on the next run:
    // the range is replaced, not merged into.
    executeOnBoth("DELETE FROM Logons WHERE Note = 'd'");
    backend.generateSeriesBins(allDimensions(), DAY);
    reference.generateSeriesBins(allDimensions(), DAY);
    assertEquals(reference.readSeriesBins("Logons", DAY), backend.readSeriesBins("Logons", DAY));
    assertEquals(once.size() - 1, backend.readSeriesBins("Logons", DAY).size());

    assertThrows(IllegalArgumentException.class, () -> backend.generateSeriesBins(allDimensions(),
        new TimeRange(DAY.start(), Instant.parse("2026-01-05T10:15:00Z"))), "a step must end on a bin boundary");
  }

  @Test
  void aStepThatFailsAfterItsDeleteRollsBackAndItsRetryLeavesNoDuplicateAndNoGap() throws SQLException {
    SourceConfig config = allDimensions();
    TimeRange morning = new TimeRange(DAY.start(), Instant.parse("2026-01-05T10:10:00Z"));
    backend.generateSeriesBins(config, morning);
    List<SeriesBin> before = backend.readSeriesBins("Logons", DAY);

    AtomicInteger failuresLeft = new AtomicInteger(1);
    try (SnowflakeBackend failing = onDuckDb(() -> failingInserts(snowflakeDatabase.duplicate(), failuresLeft))) {
      IllegalStateException failure = assertThrows(IllegalStateException.class,
          () -> failing.generateSeriesBins(config, DAY));
      assertTrue(failure.getMessage().contains("cannot write the bins of Logons over " + DAY), failure.getMessage());
      assertEquals(before, backend.readSeriesBins("Logons", DAY), "the failed step's DELETE was rolled back");
      assertEquals(morning.end(), backend.seriesWatermark("Logons").orElseThrow(), "and its MERGE");

      // The activity's retry runs the same step again.
      failing.generateSeriesBins(config, DAY);
    }
    reference.generateSeriesBins(config, DAY);
    assertEquals(reference.readSeriesBins("Logons", DAY), backend.readSeriesBins("Logons", DAY));
    assertEquals(DAY.end(), backend.seriesWatermark("Logons").orElseThrow());
  }

  /** A connection whose INSERTs into the TimeSeries table fail while {@code failuresLeft} lasts. */
  private static Connection failingInserts(Connection connection, AtomicInteger failuresLeft) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, arguments) -> {
          if (method.getName().equals("prepareStatement") && arguments[0].toString()
              .startsWith("INSERT INTO \"SentinelCustomAnalytics_TimeSeries\"") && failuresLeft.getAndDecrement() > 0) {
            throw new SQLException("injected failure after the watermark MERGE and the range DELETE");
          }
          try {
            return method.invoke(connection, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void binsMovedThroughTheJvmGiveTheSameTableAsAggregatingWhereTheDataIs() {
    SourceConfig config = allDimensions();
    backend.replaceSeriesBins(config, DAY, backend.readSourceAggregates(config, DAY));
    List<SeriesBin> throughJvm = backend.readSeriesBins("Logons", DAY);
    backend.generateSeriesBins(config, DAY);
    assertEquals(throughJvm, backend.readSeriesBins("Logons", DAY));

    SeriesBin outside = new SeriesBin("Logons", "ws1", "alice", "10.0.0.1", "Logon",
        Instant.parse("2026-01-07T00:00:00Z"), 1, null, null, null, null);
    assertThrows(IllegalArgumentException.class, () -> backend.replaceSeriesBins(config, DAY, List.of(outside)));
    assertEquals(throughJvm, backend.readSeriesBins("Logons", DAY), "the rejected step changed nothing");
  }

  // ---- predictions, anomalies, incidents ------------------------------------------------------------------------

  private static Prediction prediction(Instant bin, double forecast, Instant run) {
    return new Prediction("Logons", "ws1", "alice", "10.0.0.1", "Logon", bin, Prediction.COUNT, forecast,
        forecast - 1, forecast + 1, "kql-avg", run);
  }

  @Test
  void predictionsOfTheLatestRunWinAsOnDuckDb() {
    Instant early = T10.minus(Duration.ofHours(2));
    Instant late = T10.minus(Duration.ofHours(1));
    List<Prediction> predictions = List.of(prediction(T10, 5, early),
        prediction(T10.plus(Duration.ofMinutes(10)), 6, early), prediction(T10, 8, late));
    for (Backend each : List.<Backend>of(reference, backend)) {
      each.replacePredictions("Logons", List.of(early, late), predictions);
      // A retried forecast activity writes its run again: the second write replaces the first.
      each.replacePredictions("Logons", List.of(late), List.of(prediction(T10, 9, late)));
    }

    assertEquals(reference.readLatestPredictions("Logons", DAY), backend.readLatestPredictions("Logons", DAY));
    assertEquals(List.of(prediction(T10, 9, late), prediction(T10.plus(Duration.ofMinutes(10)), 6, early)),
        backend.readLatestPredictions("Logons", DAY));
    assertEquals(reference.readPredictions("Logons", early), backend.readPredictions("Logons", early));
    assertEquals(late, backend.lastPredictionRun("Logons").orElseThrow());
    assertTrue(backend.lastPredictionRun("Other").isEmpty());

    assertThrows(IllegalArgumentException.class, () -> backend.replacePredictions("Logons", List.of(late),
        List.of(prediction(T10, 1, early))), "a prediction of another run");
    assertEquals(List.of(prediction(T10, 9, late)), backend.readPredictions("Logons", late));
  }

  private static Anomaly anomaly(Instant bin, String user, String alertName) {
    return new Anomaly("Logons", AnomalyKind.FIRST_SEEN_USER_IP, "", user, "10.0.0.9", "", bin, "Count", 3, 0, 0, 0,
        null, Severity.LOW, alertName, Severity.MEDIUM, 1, false, "SELECT 1", T10);
  }

  @Test
  void anomaliesOfARangeAreReplacedWholeWithTheirWatermarkAsOnDuckDb() {
    TimeRange hour = new TimeRange(T10, T10.plus(Duration.ofHours(1)));
    Incident incident = new Incident("Logons", "", "carol", "10.0.0.9", "", T10, T10.plus(Duration.ofMinutes(10)),
        3, 3, "FirstSeenUserIp", "Vigil anomaly", Severity.MEDIUM, T10);
    Anomaly scored = new Anomaly("Logons", AnomalyKind.FORECAST_DEVIATION, "ws1", "alice", "10.0.0.1", "Logon", T10,
        "Count", 40, 10, 2, 18, 4.5, Severity.HIGH, "Vigil anomaly", Severity.HIGH, 2, true, "SELECT 2", T10);
    for (Backend each : List.<Backend>of(reference, backend)) {
      each.replaceAnomalies("Logons", hour, T10, List.of(anomaly(T10, "carol", "Vigil anomaly"),
          anomaly(T10.plus(Duration.ofMinutes(10)), "dave", "Vigil anomaly"), scored), List.of(incident));
      each.replaceAnomalies("Logons", hour, T10, List.of(anomaly(T10, "carol", "Vigil anomaly"), scored),
          List.of(incident));
    }

    assertEquals(reference.readAnomalies("Logons", DAY), backend.readAnomalies("Logons", DAY));
    assertEquals(2, backend.readAnomalies("Logons", DAY).size());
    assertEquals(List.of(incident), backend.readIncidents("Logons", DAY));
    assertEquals(new AnomalyProgress(hour.end(), hour, T10), backend.anomalyProgress("Logons").orElseThrow());
    assertEquals(reference.anomalyProgress("Logons"), backend.anomalyProgress("Logons"));
    assertTrue(backend.anomalyProgress("Other").isEmpty());
  }

  @Test
  void aWriteThatFailsHalfwayLeavesTheRowsAndTheWatermarkAsTheyWere() {
    TimeRange hour = new TimeRange(T10, T10.plus(Duration.ofHours(1)));
    backend.replaceAnomalies("Logons", hour, T10, List.of(anomaly(T10, "carol", "Vigil anomaly")), List.of());
    TimeRange next = new TimeRange(T10, T10.plus(Duration.ofHours(2)));

    // The second anomaly breaks the table's NOT NULL after the MERGE, the DELETE and the first INSERT have run.
    assertThrows(IllegalStateException.class, () -> backend.replaceAnomalies("Logons", next, T10.plusSeconds(60),
        List.of(anomaly(T10, "erin", "Vigil anomaly"), anomaly(T10, "frank", null)), List.of()));

    assertEquals(List.of(anomaly(T10, "carol", "Vigil anomaly")), backend.readAnomalies("Logons", DAY));
    assertEquals(new AnomalyProgress(hour.end(), hour, T10), backend.anomalyProgress("Logons").orElseThrow());
  }

  // ---- source checks, evidence, injection, flows ----------------------------------------------------------------

  @Test
  void checkSourceNamesTheRowColumnAndValueAndTheSpellingThatExists() {
    backend.checkSource(allDimensions());
    backend.checkSource(ROWS.get(3));

    ConfigurationException wrongCase = assertThrows(ConfigurationException.class, () -> backend.checkSource(
        row("LOGONS", "", "", "", "", "", "TimeGenerated", Duration.ofHours(1))));
    assertEquals("watchlist row 4, column Source, value 'LOGONS': no such table or view in DuckDB standing in for "
        + "Snowflake; names are case-sensitive as Vigil quotes them, and the schema has Logons", wrongCase.getMessage());

    ConfigurationException column = assertThrows(ConfigurationException.class, () -> backend.checkSource(
        row("Logons", "computer", "", "", "", "", "TimeGenerated", Duration.ofHours(1))));
    assertEquals("watchlist row 4, column HostnameField, value 'computer': source Logons has no such column; names "
        + "are case-sensitive as Vigil quotes them: did you mean Computer?", column.getMessage());

    ConfigurationException textTime = assertThrows(ConfigurationException.class, () -> backend.checkSource(
        row("Logons", "", "", "", "", "", "Note", Duration.ofHours(1))));
    assertTrue(textTime.getMessage().startsWith("watchlist row 4, column TimeField, value 'Note': column of source "
        + "Logons has type VARCHAR"), textTime.getMessage());

    ConfigurationException textSize = assertThrows(ConfigurationException.class, () -> backend.checkSource(
        row("Logons", "", "", "", "", "Account", "TimeGenerated", Duration.ofHours(1))));
    assertTrue(textSize.getMessage().contains("column SizeField, value 'Account'"), textSize.getMessage());
  }

  @Test
  void theEvidenceQuerySelectsExactlyTheEventsOfTheKeyAndBin() throws SQLException {
    SourceConfig config = allDimensions();
    TimeRange bin = new TimeRange(Instant.parse("2026-01-05T10:10:00Z"), Instant.parse("2026-01-05T10:20:00Z"));

    assertEquals(List.of("b", "c"), notes(backend.evidenceQuery(config,
        Map.of(Dimension.USER, "alice", Dimension.SRC_IP_ADDR, "10.0.0.1"), bin)));
    assertEquals(List.of("q"), notes(backend.evidenceQuery(config, Map.of(Dimension.USER, "o'brien"), bin)));
    assertEquals(List.of("g"), notes(backend.evidenceQuery(config, Map.of(Dimension.USER, "CORP\\carol"), bin)));
    assertEquals(List.of("e", "f"), notes(backend.evidenceQuery(config, Map.of(Dimension.HOSTNAME, "",
        Dimension.USER, "bob"), bin)));
    assertEquals(List.of(), notes(backend.evidenceQuery(config,
        Map.of(Dimension.USER, "x' OR '1'='1"), bin)), "a value is compared, never executed");
  }

  private List<String> notes(String query) throws SQLException {
    List<String> notes = new ArrayList<>();
    try (Statement statement = snowflakeDatabase.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        notes.add(rows.getString("Note"));
      }
    }
    return notes;
  }

  @Test
  void keyFilteredReadsAndRawEventsAreTheDuckDbBackendsToo() {
    SourceConfig config = allDimensions();
    Instant run = T10.minus(Duration.ofHours(1));
    for (Backend each : List.<Backend>of(reference, backend)) {
      each.generateSeriesBins(config, DAY);
      each.replacePredictions("Logons", List.of(run), List.of(prediction(T10, 5, run),
          new Prediction("Logons", "", "bob", "10.0.0.2", "Logoff", T10, Prediction.COUNT, 2, 1, 3, "kql-avg", run)));
    }
    TimeRange bin = new TimeRange(Instant.parse("2026-01-05T10:10:00Z"), Instant.parse("2026-01-05T10:20:00Z"));
    for (Map<Dimension, String> key : List.of(Map.<Dimension, String>of(), Map.of(Dimension.USER, "alice"),
        Map.of(Dimension.HOSTNAME, "", Dimension.USER, "bob"), Map.of(Dimension.USER, "CORP\\carol"))) {
      assertEquals(reference.readSeriesBins("Logons", DAY, key), backend.readSeriesBins("Logons", DAY, key),
          key.toString());
      assertEquals(reference.readLatestPredictions("Logons", DAY, key),
          backend.readLatestPredictions("Logons", DAY, key), key.toString());
      for (int limit : List.of(0, 1, 50)) {
        assertEquals(reference.readSourceEvents(config, key, bin, limit),
            backend.readSourceEvents(config, key, bin, limit), key + " limit " + limit);
      }
    }
    assertEquals(1, backend.readSeriesBins("Logons", DAY, Map.of(Dimension.USER, "bob")).size());
    assertEquals(List.of("b", "c"), backend.readSourceEvents(config, Map.of(Dimension.USER, "alice"), bin, 50).rows()
        .stream().map(event -> event.get(6)).toList());
    assertTrue(backend.readSourceEvents(config, Map.of(), bin, 1).more());
  }

  @Test
  void hostileNamesAreRejectedBeforeAnyConnectionIsOpened() {
    AtomicInteger opened = new AtomicInteger();
    SnowflakeBackend counting = new SnowflakeBackend(new ConnectionPool(() -> {
      opened.incrementAndGet();
      return snowflakeDatabase.duplicate();
    }, 2), new SnowflakeSql(new DuckDbDialect()), "counting");
    for (String hostile : List.of("x\"; drop table y; --", "Computer -- x", "a b", "x/*y*/", "Logons'")) {
      SourceConfig asField = row("Logons", hostile, "", "", "", "", "TimeGenerated", Duration.ofHours(1));
      SourceConfig asSource = row(hostile, "", "", "", "", "", "TimeGenerated", Duration.ofHours(1));
      assertThrows(IllegalArgumentException.class, () -> counting.generateSeriesBins(asField, DAY), hostile);
      assertThrows(IllegalArgumentException.class, () -> counting.readSourceAggregates(asField, DAY), hostile);
      assertThrows(IllegalArgumentException.class, () -> counting.checkSource(asSource), hostile);
      assertThrows(IllegalArgumentException.class, () -> counting.earliestEvent(asSource), hostile);
      assertThrows(IllegalArgumentException.class, () -> counting.evidenceQuery(asField, Map.of(Dimension.HOSTNAME, "h"), DAY),
          hostile);
      assertThrows(IllegalArgumentException.class, () -> counting.readFlows(hostile), hostile);
      assertThrows(IllegalArgumentException.class,
          () -> counting.readSourceEvents(asField, Map.of(Dimension.HOSTNAME, "h"), DAY, 10), hostile);
    }
    assertEquals(0, opened.get(), "no statement reached the database");
    counting.close();
  }

  @Test
  void flowsReadFromATableAreTheFlowsTheDuckDbReaderFindsInOneStableOrder() {
    FlowBatch expected = FlowReader.read("Flows", reference);
    FlowBatch first = backend.readFlows("Flows");

    assertEquals(List.of(), first.rejected());
    assertEquals(3, first.flows().size());
    Comparator<Flow> byTime = Comparator.comparing(Flow::timestamp);
    assertEquals(expected.flows().stream().sorted(byTime).map(SnowflakeBackendOnDuckDbTest::withoutRow).toList(),
        first.flows().stream().sorted(byTime).map(SnowflakeBackendOnDuckDbTest::withoutRow).toList());
    // Ordered by every column, the rows get the same numbers on every read, whatever order the table returns.
    assertEquals(first.flows(), backend.readFlows("Flows").flows());
    assertEquals(List.of(Instant.parse("2026-01-05T10:00:00Z"), Instant.parse("2026-01-05T10:00:50Z"),
        Instant.parse("2026-01-05T10:01:40.500Z")), first.flows().stream().map(Flow::timestamp).toList());
  }

  private static Flow withoutRow(Flow flow) {
    return new Flow(0, flow.timestamp(), flow.durationSeconds(), flow.srcIp(), flow.srcPort(), flow.dstIp(),
        flow.dstPort(), flow.fwdBytes(), flow.bwdBytes(), flow.fwdPkts(), flow.bwdPkts(), flow.label());
  }
}
