package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkerFactoryOptions;
import io.vigil.activities.VigilMetrics;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.inference.Model;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.TaskQueues;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.AnomalyInput;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.anomaly.AnomalyWorkflow;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionWorkflow;
import io.vigil.model.detection.ScheduledDetectionInput;
import io.vigil.model.detection.ScheduledDetectionWorkflow;
import io.vigil.model.detection.Threshold;
import io.vigil.model.forecast.ForecastInput;
import io.vigil.model.forecast.ForecastWorkflow;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationWorkflow;
import io.vigil.sample.SampleFlows;
import io.vigil.worker.CpuWorker;
import io.vigil.workflows.AnomalyWorkflowImpl;
import io.vigil.workflows.DetectionWorkflowImpl;
import io.vigil.workflows.ForecastWorkflowImpl;
import io.vigil.workflows.ScheduledDetectionWorkflowImpl;
import io.vigil.workflows.SeriesGenerationWorkflowImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every workflow type runs once with real activities, its history is written to {@code target/histories} as JSON
 * and replayed from there against the current workflow code: a change that makes a workflow decide differently on
 * the same history (non-determinism) fails here, with the history file to look at. Long runs are replayed on both
 * sides of their continue-as-new.
 */
class WorkflowReplayTest {

  static final Instant T0 = Instant.parse("2026-02-04T12:02:00Z");
  static final Path HISTORIES = Path.of("target", "histories");

  /** One recorded run and the workflow implementation that must replay it. */
  private record Recorded(String name, String workflowId, String runId, Class<?> implementation) {}

  @Test
  void everyWorkflowTypeReplaysItsOwnRecordedHistory() throws Exception {
    List<Recorded> recorded = new ArrayList<>();
    try (DuckDbBackend database = DuckDbBackend.inMemory();
        OnnxScorer scorer = OnnxScorer.load(Model.bundled(), false);
        TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(T0).build())) {
      EventTables.create(database, "Events");
      EventTables.append(database, "Events", T0.minus(Duration.ofDays(4)), T0, 5000, 5);
      new SampleFlows(3, T0, Duration.ofHours(3)).ensure(database);
      try (CpuWorker worker = CpuWorker.startWithDetection(environment.getWorkflowClient(), database, database,
          WorkerFactoryOptions.newBuilder().build(), scorer, VigilMetrics.none())) {
        environment.start();
        WorkflowClient client = WorkflowClient.newInstance(environment.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder().setNamespace(environment.getNamespace()).build());

        // Three one-day chunks, two per run: the first run continues as new.
        SeriesGenerationInput.Tuning small = new SeriesGenerationInput.Tuning(Duration.ofDays(1), Duration.ofHours(6),
            Duration.ZERO, Duration.ofSeconds(30), Duration.ofMinutes(5), 3, 2);
        recorded.addAll(run(client, SeriesGenerationWorkflow.class, "series/Events", SeriesGenerationWorkflowImpl.class,
            "series", workflow -> workflow.generate(new SeriesGenerationInput(ScheduledJobsTest.EVENTS, small))));
        recorded.addAll(run(client, SeriesGenerationWorkflow.class, "series/Events/backfill",
            SeriesGenerationWorkflowImpl.class, "series-range", workflow -> workflow.generate(new SeriesGenerationInput(
                ScheduledJobsTest.EVENTS, small, new TimeRange(T0.minus(Duration.ofDays(4)), T0.minus(Duration.ofDays(3))),
                null))));
        recorded.addAll(run(client, ForecastWorkflow.class, "forecast/Events", ForecastWorkflowImpl.class, "forecast",
            workflow -> workflow.forecast(new ForecastInput(ScheduledJobsTest.EVENTS, Duration.ofDays(1)))));
        recorded.addAll(run(client, AnomalyWorkflow.class, "anomalies/Events", AnomalyWorkflowImpl.class, "anomalies",
            workflow -> workflow.detect(new AnomalyInput(ScheduledJobsTest.EVENTS, AnomalySettings.BUILT_IN))));
        recorded.addAll(run(client, DetectionWorkflow.class, "detect/" + SampleFlows.TABLE, DetectionWorkflowImpl.class,
            "detection", workflow -> workflow.detect(new DetectionInput(SampleFlows.TABLE, Threshold.DEFAULT, 512,
                true))));
        recorded.addAll(run(client, ScheduledDetectionWorkflow.class, "detect/" + SampleFlows.TABLE + "/scheduled",
            ScheduledDetectionWorkflowImpl.class, "scheduled-detection", workflow -> workflow.detect(
                new ScheduledDetectionInput(SampleFlows.TABLE, Threshold.DEFAULT, 512, true, Duration.ofHours(1),
                    Duration.ofMinutes(30), Duration.ofDays(14), 2, null))));

        Files.createDirectories(HISTORIES);
        for (Recorded run : recorded) {
          WorkflowExecutionHistory history = client.fetchHistory(run.workflowId(), run.runId());
          Files.writeString(HISTORIES.resolve(run.name() + ".json"), history.toJson(true));
        }
      }
    }

    for (Recorded run : recorded) {
      Path file = HISTORIES.resolve(run.name() + ".json");
      try {
        WorkflowReplayer.replayWorkflowExecution(Files.readString(file), run.implementation());
      } catch (Exception | Error e) {
        throw new AssertionError(run.implementation().getSimpleName() + " no longer replays " + file + ": " + e, e);
      }
    }
    List<String> names = recorded.stream().map(Recorded::name).toList();
    assertTrue(names.contains("series-1") && names.contains("scheduled-detection-1"),
        "the long runs continued as new: " + names);
    WorkflowExecutionHistory first = WorkflowExecutionHistory.fromJson(
        Files.readString(HISTORIES.resolve("series-1.json")));
    assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, first.getLastEvent().getEventType());
  }

  /**
   * Runs the workflow to its end and returns its runs, first to last: the first is named {@code name-1} when the
   * run continued as new, and the last {@code name}.
   */
  private static <W> List<Recorded> run(WorkflowClient client, Class<W> type, String workflowId,
      Class<?> implementation, String name, Function<W, ?> call) {
    W workflow = client.newWorkflowStub(type, WorkflowOptions.newBuilder().setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.CPU).build());
    call.apply(workflow);
    String firstRun = WorkflowStub.fromTyped(workflow).getExecution().getRunId();
    String lastRun = client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
        .getWorkflowExecutionInfo().getExecution().getRunId();
    List<Recorded> runs = new ArrayList<>();
    if (!firstRun.equals(lastRun)) {
      runs.add(new Recorded(name + "-1", workflowId, firstRun, implementation));
    }
    runs.add(new Recorded(name, workflowId, lastRun, implementation));
    return runs;
  }
}
