package io.vigil.backend.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import io.vigil.backend.Backend;
import io.vigil.backend.ConfigurationException;
import io.vigil.backend.LogonRows;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.Dimension;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.forecast.Prediction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The Azure backend through the real azure-monitor-query and azure-monitor-ingestion clients against {@link
 * LogAnalyticsFake}, with DuckDB's backend on the same events as the reference for every answer.
 */
class AzureBackendTest {

  private static final Instant NOW = Instant.parse("2026-01-07T00:00:00Z");
  private static final TimeRange DAY =
      new TimeRange(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"));
  /** Set to regenerate the golden KQL files after an intended change: {@code -Dvigil.updateGolden=true}. */
  private static final boolean UPDATE_GOLDEN = Boolean.getBoolean("vigil.updateGolden");

  private DuckDbBackend duckdb;
  private LogAnalyticsFake workspace;
  private AzureBackend azure;

  @BeforeEach
  void start() throws Exception {
    duckdb = DuckDbBackend.inMemory();
    for (String statement : LogonRows.EVENTS) {
      execute(statement);
    }
    // Enough hosts over the day for the range splitting to have work to do.
    execute("INSERT INTO Logons SELECT TIMESTAMP '2026-01-05 00:00:00' + INTERVAL (i * 7) MINUTE, 'host' || (i % 13), "
        + "'user' || (i % 5), '10.1.0.' || (i % 3), 'Logon', i, 'bulk' FROM range(200) t(i)");
    workspace = LogAnalyticsFake.start(duckdb);
    azure = workspace.backend(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    azure.close();
    workspace.close();
    duckdb.close();
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = duckdb.connection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static SourceConfig logons(String size) {
    return LogonRows.row("Logons", "Computer", "Account", "Action", "Ip", size, "TimeGenerated",
        Duration.ofMinutes(10));
  }

  @Test
  void aggregationPushedIntoTheWorkspaceGivesDuckDbsBins() {
    for (String size : List.of("Bytes", "")) {
      List<SeriesBin> expected = duckdb.readSourceAggregates(logons(size), DAY);
      assertTrue(expected.size() > 100, "the fixture should make many bins");
      assertEquals(expected, azure.readSourceAggregates(logons(size), DAY), "size field '" + size + "'");
    }
  }

  @Test
  void cutResultsAreDetectedAndTheirRangeSplitUntilEachPieceIsWhole() {
    List<SeriesBin> expected = duckdb.readSourceAggregates(logons("Bytes"), DAY);
    workspace.limitRows(40);
    workspace.clearQueries();
    assertEquals(expected, azure.readSourceAggregates(logons("Bytes"), DAY));
    assertTrue(workspace.queries().size() > 4, "the day should be split into several queries");

    workspace.limitRows(1);
    IllegalStateException tooDense = assertThrows(IllegalStateException.class,
        () -> azure.readSourceAggregates(logons("Bytes"), DAY));
    assertTrue(tooDense.getMessage().contains("more events in the one bin"), tooDense.getMessage());
  }

  @Test
  void sourceProblemsNameTheWatchlistRowColumnAndValue() {
    azure.checkSource(logons("Bytes"));
    SourceConfig missing = new SourceConfig(4, "NoSuchTable", "", "Account", "", "", "", "TimeGenerated",
        Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(7), 24, null);
    ConfigurationException noTable = assertThrows(ConfigurationException.class, () -> azure.checkSource(missing));
    assertTrue(noTable.getMessage().startsWith("watchlist row 4, column Source, value 'NoSuchTable'"),
        noTable.getMessage());
    ConfigurationException textSize = assertThrows(ConfigurationException.class,
        () -> azure.checkSource(logons("Note")));
    assertTrue(textSize.getMessage().contains("column SizeField, value 'Note'") && textSize.getMessage()
        .contains("numeric"), textSize.getMessage());
  }

  @Test
  void injectionAttemptsInTheWatchlistAreRejectedBeforeAnyRequest() {
    int before = workspace.requests();
    for (String hostile : List.of("Logons | take 1", "Logons']; .drop table Logons", "Logons\n| where 1==1")) {
      SourceConfig row = new SourceConfig(7, hostile, "", "Account", "", "", "", "TimeGenerated",
          Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(7), 24,
          null);
      ConfigurationException refused = assertThrows(ConfigurationException.class, () -> azure.checkSource(row));
      assertTrue(refused.getMessage().startsWith("watchlist row 7, column Source"), refused.getMessage());
      assertThrows(ConfigurationException.class, () -> azure.readSourceAggregates(row, DAY));
      assertThrows(ConfigurationException.class, () -> azure.evidenceQuery(row, Map.of(), DAY));
    }
    SourceConfig hostileField = new SourceConfig(8, "Logons", "", "Account') | project x=1 //", "", "", "",
        "TimeGenerated", Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(30), Duration.ofDays(1),
        Duration.ofDays(7), 24, null);
    ConfigurationException field = assertThrows(ConfigurationException.class, () -> azure.checkSource(hostileField));
    assertTrue(field.getMessage().startsWith("watchlist row 8, column UserField"), field.getMessage());
    assertEquals(before, workspace.requests(), "no request may leave before the names are validated");
  }

  @Test
  void everyVigilTableReadsBackWhatDuckDbReadsBack() {
    for (Backend backend : List.of(duckdb, azure)) {
      writeEverything(backend);
    }
    assertEquals(duckdb.seriesWatermark("Logons"), azure.seriesWatermark("Logons"));
    assertEquals(duckdb.readSeriesBins("Logons", DAY), azure.readSeriesBins("Logons", DAY));
    assertEquals(duckdb.seriesExtent("Logons", DAY), azure.seriesExtent("Logons", DAY));
    assertEquals(duckdb.lastPredictionRun("Logons"), azure.lastPredictionRun("Logons"));
    assertEquals(duckdb.readPredictions("Logons", RUN_1), azure.readPredictions("Logons", RUN_1));
    assertEquals(duckdb.readLatestPredictions("Logons", DAY), azure.readLatestPredictions("Logons", DAY));
    assertEquals(duckdb.anomalyProgress("Logons"), azure.anomalyProgress("Logons"));
    assertEquals(duckdb.readAnomalies("Logons", DAY), azure.readAnomalies("Logons", DAY));
    assertEquals(duckdb.readIncidents("Logons", DAY), azure.readIncidents("Logons", DAY));
    assertEquals(2, azure.readLatestPredictions("Logons", DAY).stream().filter(p -> p.generatedAt().equals(RUN_2))
        .count(), "the later run's predictions win where both runs predicted a bin");
    assertFalse(azure.seriesWatermark("Other").isPresent());
    assertFalse(azure.anomalyProgress("Other").isPresent());
    assertEquals(0, azure.seriesExtent("Other", DAY).rows());
  }

  private static final Instant RUN_1 = Instant.parse("2026-01-05T12:00:00Z");
  private static final Instant RUN_2 = Instant.parse("2026-01-05T13:00:00Z");

  private void writeEverything(Backend backend) {
    backend.generateSeriesBins(logons("Bytes"), DAY);
    backend.replacePredictions("Logons", List.of(RUN_1), List.of(
        prediction("ws1", "2026-01-05T14:00:00Z", 4.0, RUN_1), prediction("ws1", "2026-01-05T14:10:00Z", 5.5, RUN_1),
        prediction("ws2", "2026-01-05T14:00:00Z", 1.0, RUN_1)));
    backend.replacePredictions("Logons", List.of(RUN_2), List.of(
        prediction("ws1", "2026-01-05T14:10:00Z", 6.5, RUN_2), prediction("ws1", "2026-01-05T14:20:00Z", 2.0, RUN_2)));
    Instant bin = Instant.parse("2026-01-05T10:10:00Z");
    Anomaly deviation = new Anomaly("Logons", AnomalyKind.FORECAST_DEVIATION, "ws1", "alice", "10.0.0.1", "Logon",
        bin, "Count", 40, 3, 0, 9, 6.2, Severity.HIGH, "Logon burst", Severity.MEDIUM, 2.5, false,
        "Logons | where x == 'it''s'", NOW);
    Anomaly firstSeen = new Anomaly("Logons", AnomalyKind.FIRST_SEEN_USER_IP, "", "bob", "it's \\ odd", "", bin,
        "Count", 1, 0, 0, 0, null, Severity.LOW, "New IP", Severity.LOW, 1, true, "evidence", NOW);
    Incident incident = new Incident("Logons", "ws1", "alice", "10.0.0.1", "Logon", bin, bin, 2.5, 1,
        "ForecastDeviation", "Logon burst", Severity.MEDIUM, NOW);
    backend.replaceAnomalies("Logons", DAY, NOW, List.of(deviation, firstSeen), List.of(incident));
  }

  private static Prediction prediction(String host, String bin, double forecast, Instant run) {
    return new Prediction("Logons", host, "alice", "10.0.0.1", "Logon", Instant.parse(bin), "Count", forecast,
        forecast - 1, forecast + 1, "kql-avg", run);
  }

  @Test
  void repeatingAWriteSendsNothingAndChangesNothing() throws SQLException {
    writeEverything(azure);
    int uploads = workspace.uploads();
    long rows = workspace.rawRows(AzureTable.TIME_SERIES);
    List<SeriesBin> bins = azure.readSeriesBins("Logons", DAY);

    // A new process (no memory of completed writes) repeats every write, as a retried activity on another worker.
    try (AzureBackend second = workspace.backend(Clock.fixed(NOW, ZoneOffset.UTC))) {
      writeEverything(second);
      assertEquals(uploads, workspace.uploads(), "every row is already there, so nothing is uploaded again");
      assertEquals(rows, workspace.rawRows(AzureTable.TIME_SERIES));
      assertEquals(bins, second.readSeriesBins("Logons", DAY));
    }
  }

  @Test
  void throttlingAndServerErrorsAreRetriedByTheClients() {
    workspace.failNext(429, 503, 429);
    assertEquals(duckdb.readSourceAggregates(logons("Bytes"), DAY), azure.readSourceAggregates(logons("Bytes"), DAY));
    workspace.failNext(503, 429);
    azure.generateSeriesBins(logons("Bytes"), DAY);
    workspace.failNext(429);
    assertEquals(duckdb.readSourceAggregates(logons("Bytes"), DAY), azure.readSeriesBins("Logons", DAY));
  }

  @Test
  void aRefusedCredentialFailsAtOnceInsteadOfBeingRetriedByTheClients() {
    AtomicInteger tokenRequests = new AtomicInteger();
    TokenCredential refused = request -> {
      tokenRequests.incrementAndGet();
      return Mono.error(new ClientAuthenticationException("AADSTS7000215: Invalid client secret provided.", null));
    };
    try (AzureBackend backend = AzureBackend.open(workspace.settings(), refused, workspace.httpClient(),
        new ExponentialBackoffOptions().setMaxRetries(6).setBaseDelay(Duration.ofMillis(5)), Clock.systemUTC())) {
      RuntimeException failure = assertThrows(RuntimeException.class, () -> backend.seriesWatermark("Logons"));

      assertTrue(String.valueOf(failure.getMessage()).contains("AADSTS7000215"), failure.getMessage());
      assertEquals(1, tokenRequests.get(), "one token request, no retries");
      assertEquals(0, workspace.requests(), "no request reached the workspace");
    }
  }

  @Test
  void aFailureInTheMiddleOfAnUploadThenARetryLeavesNoCopyAndNoGap() throws SQLException {
    // Enough predictions for the client to split the upload into several 1 MB requests.
    List<Prediction> predictions = new ArrayList<>();
    Instant start = Instant.parse("2026-01-06T00:00:00Z");
    for (int key = 0; key < 60; key++) {
      for (int step = 0; step < 200; step++) {
        predictions.add(new Prediction("Logons", "host-with-a-longer-name-" + key, "user" + key, "10.2.0." + key,
            "Logon", start.plus(Duration.ofMinutes(10L * step)), "Count", step, step - 1.5, step + 1.5, "kql-avg",
            RUN_1));
      }
    }
    workspace.failUploadsAfter(1);
    IllegalStateException partial = assertThrows(IllegalStateException.class,
        () -> azure.replacePredictions("Logons", List.of(RUN_1), predictions));
    assertTrue(partial.getMessage().contains("a retry sends the rest"), partial.getMessage());
    long landed = workspace.rawRows(AzureTable.PREDICTION);
    assertTrue(landed > 0 && landed < predictions.size(), "the first request landed, the rest failed: " + landed);

    workspace.healUploads();
    int requestsBefore = workspace.uploads();
    azure.replacePredictions("Logons", List.of(RUN_1), predictions);
    assertEquals(predictions.size(), workspace.rawRows(AzureTable.PREDICTION), "no copy and no gap");
    assertTrue(workspace.uploads() - requestsBefore > 1, "the rest still needed several 1 MB requests");
    List<Prediction> expected = new ArrayList<>(predictions);
    expected.sort(java.util.Comparator.comparing(Prediction::hostname).thenComparing(Prediction::user)
        .thenComparing(Prediction::srcIpAddr).thenComparing(Prediction::activity).thenComparing(Prediction::metric)
        .thenComparing(Prediction::timeBin));
    assertEquals(expected, azure.readPredictions("Logons", RUN_1));
  }

  @Test
  void evidenceQueryReturnsTheEventsBehindABin() {
    String kql = azure.evidenceQuery(logons("Bytes"), Map.of(Dimension.USER, "bob", Dimension.SRC_IP_ADDR,
        "it's \\ odd"), new TimeRange(Instant.parse("2026-01-05T10:10:00Z"), Instant.parse("2026-01-05T10:20:00Z")));
    assertEquals("['Logons']\n| where ['TimeGenerated'] >= datetime(2026-01-05T10:10:00Z) and ['TimeGenerated'] < "
        + "datetime(2026-01-05T10:20:00Z) and tostring(['Account']) == 'bob' and tostring(['Ip']) == 'it\\'s \\\\ odd'"
        + "\n| order by ['TimeGenerated'] asc", kql);
  }

  @Test
  void theEventsBehindABinAreDuckDbsEventsWithTheSameBound() {
    Map<Dimension, String> key = Map.of(Dimension.USER, "alice");
    TimeRange bins = new TimeRange(Instant.parse("2026-01-05T10:00:00Z"), Instant.parse("2026-01-05T10:30:00Z"));
    io.vigil.backend.SourceEvents fromDuckDb = duckdb.readSourceEvents(logons("Bytes"), key, bins, 3);
    io.vigil.backend.SourceEvents fromAzure = azure.readSourceEvents(logons("Bytes"), key, bins, 3);
    assertEquals(fromDuckDb.columns(), fromAzure.columns());
    assertEquals(3, fromAzure.rows().size());
    assertTrue(fromAzure.more(), "alice has a fourth event in those bins");
    assertEquals(fromDuckDb.rows().stream().map(row -> row.get(1) + "/" + row.get(5)).toList(),
        fromAzure.rows().stream().map(row -> row.get(1) + "/" + row.get(5)).toList());
    assertFalse(azure.readSourceEvents(logons("Bytes"), key, bins, 10).more());
  }

  @Test
  void aSentinelWatchlistIsReadAsATableOfTheAskedColumns() throws SQLException {
    execute("CREATE TABLE \"Watchlist_SentinelCustomAnalytics_SourceConfiguration\" (SearchKey VARCHAR, "
        + "_DTItemId VARCHAR, Source VARCHAR, UserField VARCHAR, TimeSeriesBinSize BIGINT)");
    execute("INSERT INTO \"Watchlist_SentinelCustomAnalytics_SourceConfiguration\" VALUES "
        + "('Logons', 'id1', 'Logons', 'Account', 10), ('Other', 'id2', 'Other', NULL, NULL)");
    io.vigil.config.CsvTable table = azure.watchlist("SentinelCustomAnalytics_SourceConfiguration",
        List.of("Source", "UserField", "TimeSeriesBinSize"));
    assertEquals("_GetWatchlist('SentinelCustomAnalytics_SourceConfiguration')", table.file());
    assertEquals(List.of("Source", "UserField", "TimeSeriesBinSize"), table.header());
    assertEquals(List.of(List.of("Logons", "Account", "10"), List.of("Other", "", "")),
        table.rows().stream().map(io.vigil.config.CsvTable.Row::cells).toList());

    ConfigurationException missing = assertThrows(ConfigurationException.class,
        () -> azure.watchlist("NoSuchWatchlist", List.of("Source")));
    assertTrue(missing.getMessage().startsWith("_GetWatchlist('NoSuchWatchlist'): Log Analytics workspace"),
        missing.getMessage());
    assertThrows(ConfigurationException.class, () -> azure.watchlist("x') | take 1 //", List.of("Source")));
  }

  /** The KQL each job sends, pinned in golden files so that a change to a query is a visible, reviewed change. */
  @Test
  void theKqlOfEachJobMatchesItsGoldenFile() throws IOException {
    workspace.clearQueries();
    azure.checkSource(logons("Bytes"));
    azure.earliestEvent(logons("Bytes"));
    azure.seriesWatermark("Logons");
    azure.generateSeriesBins(logons("Bytes"), DAY);
    golden("series-generation.kql");

    azure.readSeriesBins("Logons", DAY);
    azure.lastPredictionRun("Logons");
    azure.replacePredictions("Logons", List.of(RUN_1), List.of(prediction("ws1", "2026-01-05T14:00:00Z", 4, RUN_1)));
    azure.readPredictions("Logons", RUN_1);
    golden("forecast.kql");

    azure.anomalyProgress("Logons");
    azure.readLatestPredictions("Logons", DAY);
    azure.replaceAnomalies("Logons", DAY, NOW, List.of(), List.of());
    azure.readAnomalies("Logons", DAY);
    azure.readIncidents("Logons", DAY);
    golden("anomalies.kql");
  }

  private void golden(String name) throws IOException {
    String actual = String.join("\n\n", workspace.queries()) + "\n";
    workspace.clearQueries();
    Path file = Path.of(System.getProperty("vigil.repo.dir", "."), "activities/src/test/resources/azure", name);
    if (UPDATE_GOLDEN) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(file), file + " is missing; run with -Dvigil.updateGolden=true to create it");
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
  }
}
