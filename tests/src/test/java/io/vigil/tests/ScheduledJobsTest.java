package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.vigil.activities.FlowActivitiesImpl;
import io.vigil.activities.InferenceActivitiesImpl;
import io.vigil.activities.VigilMetrics;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.config.GlobalConfig;
import io.vigil.config.Watchlists;
import io.vigil.connection.SearchAttributeRegistration;
import io.vigil.flows.FlowReader;
import io.vigil.flows.FlowStore;
import io.vigil.inference.Model;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.BackendKind;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.InferenceActivities;
import io.vigil.model.detection.ScheduledDetectionInput;
import io.vigil.model.detection.ScheduledDetectionResult;
import io.vigil.model.detection.ScheduledDetectionWorkflow;
import io.vigil.model.detection.ScoreRequest;
import io.vigil.model.detection.ScoreResult;
import io.vigil.model.detection.Threshold;
import io.vigil.model.flows.Flow;
import io.vigil.model.schedule.Job;
import io.vigil.sample.SampleFlows;
import io.vigil.schedule.RunHistory;
import io.vigil.schedule.ScheduleRequests;
import io.vigil.schedule.Schedules;
import io.vigil.worker.CpuWorker;
import io.vigil.workflows.ScheduledDetectionWorkflowImpl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules on the Temporal test server, which has no Schedules API: `vigil schedule apply` falls back to cron
 * workflows, and with the server's clock skipped an hour ahead every job runs at its configured frequency with real
 * activities over DuckDB. Scheduled detection resumes from its durable watermark after a failed run.
 */
class ScheduledJobsTest {

  /** Two minutes past a five-minute mark, so the hour ahead holds twelve such marks and one full hour. */
  static final Instant T0 = Instant.parse("2026-02-04T12:02:00Z");
  static final GlobalConfig GLOBAL = new GlobalConfig(Duration.ofMinutes(5), Duration.ofMinutes(60),
      Duration.ofMinutes(60), Duration.ofMinutes(30), Duration.ofDays(14), Duration.ofDays(1), Duration.ofDays(7), 24,
      BackendKind.DUCKDB, AnomalySettings.BUILT_IN);
  static final SourceConfig EVENTS = new SourceConfig(1, "Events", "Computer", "Account", "Action", "Ip", "Bytes",
      "TimeGenerated", Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofDays(3), Duration.ofDays(1),
      Duration.ofDays(7), 12, null);

  private final DuckDbBackend database = DuckDbBackend.inMemory();
  private TestWorkflowEnvironment environment;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable resource : closing) {
      resource.close();
    }
    if (environment != null) {
      environment.close();
    }
    database.close();
  }

  private void startEnvironment() {
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setInitialTime(T0).build());
    assertEquals(List.of(), SearchAttributeRegistration.register(environment.getWorkflowServiceStubs(),
        environment.getNamespace()), "the test server registers custom search attributes");
  }

  /** A plain client: the test moves the clock itself, with {@code environment.sleep}. */
  private WorkflowClient client() {
    return WorkflowClient.newInstance(environment.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder().setNamespace(environment.getNamespace()).build());
  }

  @Test
  void theCronFallbackRunsSeriesAndAnomaliesEveryFiveMinutesForecastsHourlyAndDetectionEveryFiveMinutes()
      throws Exception {
    EventTables.create(database, "Events");
    EventTables.append(database, "Events", T0.minus(Duration.ofDays(2)), T0.plus(Duration.ofHours(2)), 4000, 3);
    new SampleFlows(7, T0.plus(Duration.ofHours(1)), Duration.ofHours(4)).ensure(database);
    startEnvironment();
    OnnxScorer scorer = OnnxScorer.load(Model.bundled(), false);
    closing.add(scorer);
    closing.add(CpuWorker.startWithDetection(environment.getWorkflowClient(), database, database,
        WorkerFactoryOptions.newBuilder().build(), scorer, VigilMetrics.none()));
    environment.start();
    WorkflowClient client = client();

    StringWriter err = new StringWriter();
    Schedules schedules = Schedules.connect(client, new PrintWriter(err, true));
    assertTrue(err.toString().contains("no Schedules API") && err.toString().contains("falling back to cron"),
        err.toString());
    Watchlists watchlists = new Watchlists(GLOBAL, List.of(EVENTS), Map.of(), AnomalySettings.BUILT_IN,
        List.of());
    Schedules.ApplyResult applied = schedules.apply(ScheduleRequests.jobs(watchlists, List.of(SampleFlows.TABLE)));
    assertEquals(List.of("series/Events", "forecast/Events", "anomalies/Events", "detect/" + SampleFlows.TABLE),
        applied.created());

    environment.sleep(Duration.ofMinutes(59));
    Map<Job, Integer> expected = Map.of(Job.SERIES, 12, Job.ANOMALIES, 12, Job.FORECAST, 1, Job.DETECT, 12);
    Map<Job, List<RunHistory.Run>> runs = awaitRuns(client, expected);

    runs.forEach((job, jobRuns) -> {
      assertEquals(expected.get(job), jobRuns.size(), job + " runs: " + jobRuns);
      for (RunHistory.Run run : jobRuns) {
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, run.status(),
            job + " run " + run + ": " + new RunHistory(client).failure(run).orElse(""));
      }
    });
    Instant lastRun = T0.plusSeconds(58 * 60);
    assertEquals(Instant.parse("2026-02-04T12:30:00Z"), database.seriesWatermark("Events").orElseThrow(),
        "the 13:00 run generated up to 13:00 minus the 30-minute delay");
    assertEquals(Instant.parse("2026-02-04T12:30:00Z"),
        new FlowStore(database).scoredUntil(SampleFlows.TABLE).orElseThrow(),
        "detection scored up to 13:00 minus the delay");
    assertTrue(schedules.list().stream().allMatch(schedule -> !schedule.paused() && schedule.nextRun() != null
        && schedule.nextRun().isAfter(lastRun)), "every schedule is due again: " + schedules.list());
  }

  private Map<Job, List<RunHistory.Run>> awaitRuns(WorkflowClient client, Map<Job, Integer> expected)
      throws InterruptedException {
    RunHistory history = new RunHistory(client);
    Map<Job, List<RunHistory.Run>> runs = new TreeMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    do {
      for (Job job : expected.keySet()) {
        runs.put(job, history.finishedRuns(job, job == Job.DETECT ? SampleFlows.TABLE : "Events"));
      }
      if (expected.entrySet().stream().allMatch(e -> runs.get(e.getKey()).size() >= e.getValue())) {
        return runs;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    return runs;
  }

  /** Inference that fails, once and for good, on the window starting at {@code failOn}. */
  static final class FailingInference implements InferenceActivities {
    private final InferenceActivities delegate;
    private final String failOn;
    private boolean failed;

    FailingInference(InferenceActivities delegate, String failOn) {
      this.delegate = delegate;
      this.failOn = failOn;
    }

    @Override
    public synchronized ScoreResult scoreSequences(ScoreRequest request) {
      if (!failed && request.dataset().equals(failOn)) {
        failed = true;
        throw ApplicationFailure.newNonRetryableFailure("injected inference outage", "InjectedFailure");
      }
      return delegate.scoreSequences(request);
    }
  }

  @Test
  void scheduledDetectionResumesFromItsWatermarkAfterAFailedRunAndScoresEveryFlowOnce() throws Exception {
    new SampleFlows(11, T0, Duration.ofHours(6)).ensure(database);
    FlowStore store = new FlowStore(database);
    startEnvironment();
    Instant earliest = FlowReader.read(SampleFlows.TABLE, database).flows().stream().map(Flow::timestamp)
        .min(Comparator.naturalOrder()).orElseThrow();
    // The sample's oldest flows are an attack long before its six hours; fail on a window inside those hours.
    long failingIndex = Duration.between(earliest, T0.minus(Duration.ofHours(3))).toHours();
    TimeRange failing = new TimeRange(earliest.plus(Duration.ofHours(failingIndex)),
        earliest.plus(Duration.ofHours(failingIndex + 1)));
    OnnxScorer scorer = OnnxScorer.load(Model.bundled(), false);
    closing.add(scorer);
    WorkerFactory factory = environment.getWorkerFactory();
    Worker cpu = factory.newWorker(TaskQueues.CPU);
    cpu.registerWorkflowImplementationTypes(ScheduledDetectionWorkflowImpl.class);
    cpu.registerActivitiesImplementations(new FlowActivitiesImpl(database, scorer.card(), VigilMetrics.none()));
    factory.newWorker(TaskQueues.INFERENCE, WorkerOptions.newBuilder().build()).registerActivitiesImplementations(
        new FailingInference(new InferenceActivitiesImpl(store, List.of(scorer), VigilMetrics.none()),
            DetectionInput.windowDataset(SampleFlows.TABLE, failing)));
    environment.start();
    ScheduledDetectionInput input = new ScheduledDetectionInput(SampleFlows.TABLE, Threshold.DEFAULT, 256, true,
        Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofDays(14), 2, null);

    WorkflowFailedException failure = assertThrows(WorkflowFailedException.class, () -> detect(input));
    assertTrue(String.valueOf(failure.getCause().getCause()).contains("injected inference outage"),
        String.valueOf(failure.getCause()));
    assertEquals(failing.start(), store.scoredUntil(SampleFlows.TABLE).orElseThrow(),
        "the watermark stopped at the end of the last window whose detections were written");

    environment.sleep(Duration.ofMinutes(5));
    ScheduledDetectionResult resumed = detect(input);

    assertEquals(failing.start(), resumed.scored().start(), "the next run resumed from the watermark");
    Instant end = T0.plus(Duration.ofMinutes(5)).minus(Duration.ofMinutes(30));
    assertEquals(end, resumed.watermark());
    long windowsLeft = (Duration.between(failing.start(), end).toSeconds() + 3599) / 3600;
    assertEquals(windowsLeft, resumed.windows(), "hour windows from the failing one on, the last one shorter, over "
        + "several continue-as-new runs");
    Map<String, Long> flowsPerWindow = flowsPerDataset();
    assertEquals(countFlows(earliest, end), flowsPerWindow.values().stream().mapToLong(Long::longValue).sum(),
        "every flow before the watermark stored and scored in exactly one window: " + flowsPerWindow);
    assertTrue(resumed.detections() > 0, "the sample's attacks are detected");
  }

  private ScheduledDetectionResult detect(ScheduledDetectionInput input) {
    return client().newWorkflowStub(ScheduledDetectionWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(Job.DETECT.scheduleId(input.flows())).setTaskQueue(TaskQueues.CPU).build()).detect(input);
  }

  private Map<String, Long> flowsPerDataset() throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = database.connection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT \"Dataset\", count(*) FROM " + FlowStore.FLOWS
            + " GROUP BY 1")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  private long countFlows(Instant from, Instant to) throws Exception {
    try (Connection connection = database.connection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + SampleFlows.TABLE + " WHERE timestamp >= "
            + "make_timestamp(" + DuckDbBackend.toMicros(from) + ") AND timestamp < make_timestamp("
            + DuckDbBackend.toMicros(to) + ")")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
