package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.vigil.backend.Backend;
import io.vigil.backend.azure.AzureBackend;
import io.vigil.backend.azure.LogAnalyticsFake;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.AlertRule;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyInput;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.AnomalyResult;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.anomaly.AnomalyWorkflow;
import io.vigil.model.anomaly.ExceptionRule;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.forecast.ForecastInput;
import io.vigil.model.forecast.ForecastMethod;
import io.vigil.model.forecast.ForecastWorkflow;
import io.vigil.model.forecast.Prediction;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationWorkflow;
import io.vigil.worker.CpuWorker;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Series, forecast and anomaly workflows chained on the test server over DuckDB, with a controlled clock and a
 * history whose anomalies are known: alice's steady sign-ins spike for two hours, the excepted service account
 * spikes once, and dave appears from an IP never seen.
 */
class AnomalyEndToEndTest {

  private static final Instant T0 = Instant.parse("2026-02-10T12:34:56Z");
  /** The series watermark of the first pass: the last whole hour before T0. */
  private static final Instant END = Instant.parse("2026-02-10T12:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final SourceConfig ROW = new SourceConfig(1, "Signins", "Computer", "Account", "Action", "Ip", "",
      "TimeGenerated", HOUR, Duration.ZERO, Duration.ofDays(14), Duration.ofDays(2), Duration.ofDays(14), 24,
      ForecastMethod.SNAIVE);
  private static final AnomalySettings SETTINGS = AnomalySettings.BUILT_IN.withRules(
      List.of(new AlertRule(1, "Signins", "", "Odd sign-ins", Severity.HIGH, 2)),
      List.of(new ExceptionRule(1, "", "svc_*", "", "")));

  private DuckDbBackend database;
  private TestWorkflowEnvironment environment;
  private WorkflowClient client;

  @BeforeEach
  void createEvents() throws SQLException {
    database = DuckDbBackend.inMemory();
    EventTables.create(database, "Signins");
    Instant start = END.minus(Duration.ofDays(10));
    // Every hour of ten days: alice 10 sign-ins, bob 4, svc_backup 3, each from their own host and IP.
    insertHourly(start, END, "ws-a", "alice", "10.0.0.1", 10);
    insertHourly(start, END, "ws-b", "bob", "10.0.0.2", 4);
    insertHourly(start, END, "srv-1", "svc_backup", "10.0.0.3", 3);
    // Alice's spike: 100 more sign-ins in each of the two hours from END - 5h; the service account's at END - 3h.
    insertHourly(END.minus(Duration.ofHours(5)), END.minus(Duration.ofHours(3)), "ws-a", "alice", "10.0.0.1", 100);
    insertHourly(END.minus(Duration.ofHours(3)), END.minus(Duration.ofHours(2)), "srv-1", "svc_backup", "10.0.0.3",
        100);
    // Dave, never seen, from an IP never seen.
    insertHourly(END.minus(Duration.ofHours(2)), END.minus(HOUR), "ws-d", "dave", "198.51.100.7", 2);
  }

  private void insertHourly(Instant from, Instant to, String host, String user, String ip, int perHour)
      throws SQLException {
    // The events of an hour are spread evenly over it, so each falls in its own hour's bin.
    EventTables.execute(database, "INSERT INTO Signins SELECT hour + to_seconds(CAST(i * 3600 // " + perHour
        + " AS BIGINT)), '" + host + "', '"
        + user + "', '" + ip + "', 'Logon', 1 FROM range(TIMESTAMP '" + sql(from) + "', TIMESTAMP '" + sql(to)
        + "', INTERVAL 1 HOUR) AS hours(hour), range(" + perHour + ") AS events(i)");
  }

  private static String sql(Instant instant) {
    return instant.toString().replace('T', ' ').replace("Z", "");
  }

  @AfterEach
  void close() {
    environment.close();
    database.close();
  }

  private void start(Backend backend) {
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setInitialTime(T0).build());
    CpuWorker.register(environment.getWorkerFactory(), backend);
    environment.start();
    // A plain client, so the server's clock moves only when the test sleeps (see ControlledClockSeriesTest).
    client = WorkflowClient.newInstance(environment.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder().setNamespace(environment.getNamespace()).build());
  }

  private <T> T stub(Class<T> type, String id) {
    return client.newWorkflowStub(type, WorkflowOptions.newBuilder().setWorkflowId(id)
        .setTaskQueue(TaskQueues.CPU).build());
  }

  /** One pass as vigil up makes it: series, forecast with a three-day warm-up, anomalies. */
  private AnomalyResult pass() {
    stub(SeriesGenerationWorkflow.class, SeriesGenerationWorkflow.workflowId("Signins"))
        .generate(new SeriesGenerationInput(ROW, SeriesGenerationInput.Tuning.DEFAULT));
    stub(ForecastWorkflow.class, ForecastWorkflow.workflowId("Signins"))
        .forecast(new ForecastInput(ROW, Duration.ofDays(3)));
    return stub(AnomalyWorkflow.class, AnomalyWorkflow.workflowId("Signins")).detect(new AnomalyInput(ROW, SETTINGS));
  }

  private List<Anomaly> anomalies() {
    return database.readAnomalies("Signins", new TimeRange(Instant.EPOCH, T0.plus(Duration.ofDays(1))));
  }

  private List<Incident> incidents() {
    return database.readIncidents("Signins", new TimeRange(Instant.EPOCH, T0.plus(Duration.ofDays(1))));
  }

  @Test
  void theKnownAnomaliesAreFoundWithAlertExceptionEvidenceAndOneIncident() {
    start(database);

    AnomalyResult result = pass();

    assertEquals(new TimeRange(END.minus(Duration.ofDays(10)), END), result.evaluated());
    List<Anomaly> deviations = anomalies().stream().filter(a -> a.kind() == AnomalyKind.FORECAST_DEVIATION).toList();
    assertEquals(List.of("alice@" + END.minus(Duration.ofHours(5)), "alice@" + END.minus(Duration.ofHours(4)),
        "svc_backup@" + END.minus(Duration.ofHours(3))),
        deviations.stream().map(a -> a.user() + "@" + a.timeBin()).toList());
    Anomaly spike = deviations.get(0);
    assertEquals(110, spike.actual());
    assertEquals(10, spike.expected(), "sNaive: the same hour the day before");
    assertEquals(Severity.HIGH, spike.severity(), "100 events against a spread of one");
    assertEquals("Odd sign-ins", spike.alertName());
    assertEquals(2, spike.weight());
    assertTrue(!spike.excepted() && deviations.get(2).excepted(), "svc_* is excepted");
    assertTrue(spike.evidence().startsWith("SELECT * FROM \"Signins\" WHERE \"TimeGenerated\" >= TIMESTAMP '"
        + sql(spike.timeBin()) + "'"), spike.evidence());

    List<String> baselines = anomalies().stream().filter(a -> a.kind() != AnomalyKind.FORECAST_DEVIATION)
        .map(a -> a.kind().id() + " " + a.user()).toList();
    assertEquals(List.of("FirstSeenUserActivity dave", "FirstSeenUserHost dave", "FirstSeenUserIp dave"), baselines);

    // Alice's two anomalies weigh 2 + 2 >= 3 within a day: one incident. The excepted spike raises none, and each of
    // dave's first-seen anomalies is a key of its own weighing 2.
    List<Incident> incidents = incidents();
    assertEquals(1, incidents.size(), incidents::toString);
    assertEquals("alice", incidents.get(0).user());
    assertEquals(4, incidents.get(0).weight());
    assertEquals(1, result.incidents());
    assertEquals(1, result.excepted());
  }

  /**
   * The same pass with the source and Vigil's tables in an Azure Log Analytics workspace (the HTTPS fake, through the
   * real SDK clients) writes the same bins, predictions, anomalies and incidents as on DuckDB; only the evidence
   * query is in the backend's own language.
   */
  @Test
  void theSamePassOnAzureLogAnalyticsWritesWhatItWritesOnDuckDb() throws Exception {
    start(database);
    AnomalyResult onDuckDb = pass();
    environment.close();
    TimeRange all = new TimeRange(Instant.EPOCH, T0.plus(Duration.ofDays(1)));

    try (LogAnalyticsFake workspace = LogAnalyticsFake.start(database); AzureBackend azure = workspace.backend()) {
      start(azure);
      AnomalyResult onAzure = pass();

      assertEquals(onDuckDb, onAzure);
      assertEquals(database.readSeriesBins("Signins", all), azure.readSeriesBins("Signins", all));
      assertEquals(database.seriesWatermark("Signins"), azure.seriesWatermark("Signins"));
      assertEquals(timeless(database.readLatestPredictions("Signins", all)),
          timeless(azure.readLatestPredictions("Signins", all)));
      assertEquals(comparable(anomalies()), comparable(azure.readAnomalies("Signins", all)));
      assertEquals(incidents().stream().map(AnomalyEndToEndTest::comparable).toList(),
          azure.readIncidents("Signins", all).stream().map(AnomalyEndToEndTest::comparable).toList());
      assertEquals(database.anomalyProgress("Signins").orElseThrow().judgedUntil(),
          azure.anomalyProgress("Signins").orElseThrow().judgedUntil());
      assertTrue(azure.readAnomalies("Signins", all).get(0).evidence().startsWith("['Signins']\n| where"));
    }
  }

  /*
   * The two runs happen at slightly different server times, so the times of the runs (a forecast's GeneratedAt, an
   * anomaly's DetectedAt) differ; the evidence query is in each backend's language. Everything else must be equal.
   */

  private static List<Prediction> timeless(List<Prediction> predictions) {
    return predictions.stream().map(p -> new Prediction(p.source(), p.hostname(), p.user(), p.srcIpAddr(),
        p.activity(), p.timeBin(), p.metric(), p.forecast(), p.lower(), p.upper(), p.model(), Instant.EPOCH)).toList();
  }

  private static List<Anomaly> comparable(List<Anomaly> anomalies) {
    return anomalies.stream().map(a -> new Anomaly(a.source(), a.kind(), a.hostname(), a.user(), a.srcIpAddr(),
        a.activity(), a.timeBin(), a.metric(), a.actual(), a.expected(), a.lower(), a.upper(), a.score(),
        a.severity(), a.alertName(), a.alertSeverity(), a.weight(), a.excepted(), "", Instant.EPOCH)).toList();
  }

  private static Incident comparable(Incident i) {
    return new Incident(i.source(), i.hostname(), i.user(), i.srcIpAddr(), i.activity(), i.firstBin(), i.lastBin(),
        i.weight(), i.anomalies(), i.kinds(), i.alertName(), i.severity(), Instant.EPOCH);
  }

  @Test
  void aRetryAfterTheWriteAndALaterPassWriteNothingTwice() throws SQLException {
    FaultyBackend faulty = new FaultyBackend(database, Duration.ZERO);
    faulty.failOnceAfterAnomalyWrite();
    start(faulty);

    AnomalyResult retried = pass();
    List<Anomaly> once = anomalies();
    List<Incident> incidentsOnce = incidents();

    assertEquals(new TimeRange(END.minus(Duration.ofDays(10)), END), retried.evaluated(),
        "the retry judged the first attempt's range again and says so");
    assertEquals(once.size(), once.stream().distinct().count());
    assertEquals(6, once.size(), once::toString);
    assertEquals(1, incidentsOnce.size());

    // Two hours later everyone's sign-ins are steady again: the next pass judges only the new bins, and finds
    // nothing in them.
    insertHourly(END, END.plus(Duration.ofHours(2)), "ws-a", "alice", "10.0.0.1", 10);
    insertHourly(END, END.plus(Duration.ofHours(2)), "ws-b", "bob", "10.0.0.2", 4);
    insertHourly(END, END.plus(Duration.ofHours(2)), "srv-1", "svc_backup", "10.0.0.3", 3);
    environment.sleep(Duration.ofHours(2));
    AnomalyResult later = pass();

    assertEquals(new TimeRange(END, END.plus(Duration.ofHours(2))), later.evaluated());
    assertEquals(0, later.anomalies(), () -> anomalies().toString());
    assertEquals(once, anomalies().stream().filter(a -> a.timeBin().isBefore(END)).toList(),
        "earlier anomalies are untouched");
    assertEquals(incidentsOnce, incidents());
  }
}
