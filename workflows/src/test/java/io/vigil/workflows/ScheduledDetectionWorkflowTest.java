package io.vigil.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.vigil.model.TaskQueues;
import io.vigil.model.TimeRange;
import io.vigil.model.detection.DetectRequest;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionResult;
import io.vigil.model.detection.FlowActivities;
import io.vigil.model.detection.FlowSourceRequest;
import io.vigil.model.detection.FlowSourceState;
import io.vigil.model.detection.FlowWatermark;
import io.vigil.model.detection.InferenceActivities;
import io.vigil.model.detection.ScheduledDetectionInput;
import io.vigil.model.detection.ScheduledDetectionResult;
import io.vigil.model.detection.ScheduledDetectionWorkflow;
import io.vigil.model.detection.ScoreResult;
import io.vigil.model.detection.SequencingResult;
import io.vigil.model.detection.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scheduled detection's windows, catch-up bound and watermark with stand-in activities and a controlled clock. */
class ScheduledDetectionWorkflowTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:34:56Z");

  private TestWorkflowEnvironment environment;

  @AfterEach
  void close() {
    if (environment != null) {
      environment.close();
    }
  }

  /** Ten flows and three sequences per window, one detection each; records the windows and watermark moves. */
  private static final class StandIn implements FlowActivities {
    final List<TimeRange> windows = new CopyOnWriteArrayList<>();
    final List<Instant> watermarks = new CopyOnWriteArrayList<>();
    private final Instant earliestFlow;

    StandIn(Instant earliestFlow) {
      this.earliestFlow = earliestFlow;
    }

    @Override
    public SequencingResult sequenceFlows(DetectionInput input) {
      windows.add(input.range());
      return new SequencingResult(DetectionInput.windowDataset(input.flows(), input.range()), 10, 0, List.of(), 3);
    }

    @Override
    public FlowSourceState inspectFlows(FlowSourceRequest request) {
      return new FlowSourceState(watermarks.isEmpty() ? null : watermarks.get(watermarks.size() - 1), earliestFlow);
    }

    @Override
    public FlowWatermark advanceWatermark(FlowWatermark request) {
      watermarks.add(request.scoredUntil());
      return request;
    }

    @Override
    public DetectionResult writeDetections(DetectRequest request) {
      return new DetectionResult(request.dataset(), null, 1, 0.5, "stand-in", null, 0, 0, 0, 0);
    }
  }

  @Test
  void skipsFlowsOlderThanTheCatchUpBoundAndAdvancesTheWatermarkWindowByWindowAcrossContinueAsNew() {
    StandIn flows = new StandIn(NOW.minus(Duration.ofDays(20)));
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setInitialTime(NOW).build());
    environment.newWorker(TaskQueues.CPU).registerWorkflowImplementationTypes(ScheduledDetectionWorkflowImpl.class);
    environment.getWorkerFactory().getWorker(TaskQueues.CPU).registerActivitiesImplementations(flows);
    environment.newWorker(TaskQueues.INFERENCE).registerActivitiesImplementations((InferenceActivities) request ->
        new ScoreResult(request.to() - request.from(), "stand-in", "cpu", 0));
    environment.start();
    ScheduledDetectionWorkflow workflow = environment.getWorkflowClient().newWorkflowStub(
        ScheduledDetectionWorkflow.class, WorkflowOptions.newBuilder().setWorkflowId("detect/Flows/scheduled")
            .setTaskQueue(TaskQueues.CPU).build());

    ScheduledDetectionResult result = workflow.detect(new ScheduledDetectionInput("Flows", Threshold.DEFAULT, 2, false,
        Duration.ofDays(1), Duration.ofMinutes(30), Duration.ofDays(14), 5, null));

    // The first run's bound, 14 days before its clock (which the test server starts at NOW and moves on a little).
    Instant bound = flows.windows.get(0).start();
    assertTrue(Duration.between(NOW.minus(Duration.ofDays(14)), bound).abs().compareTo(Duration.ofSeconds(30)) < 0,
        bound.toString());
    Instant end = Instant.parse("2026-03-10T12:04:00Z");
    assertEquals(new TimeRange(NOW.minus(Duration.ofDays(20)), bound), result.skipped(),
        "flows older than the catch-up bound are skipped and reported, once");
    assertEquals(new TimeRange(bound, end), result.scored());
    assertEquals(new TimeRange(bound, end).split(Duration.ofDays(1)), flows.windows, "each window once, in order");
    assertEquals(flows.windows.stream().map(TimeRange::end).toList(), flows.watermarks,
        "the watermark moves past each window after its detections are written");
    assertEquals(14, result.windows(), "13 whole days and the part of a day up to now minus the delay");
    assertEquals(140, result.flowsRead());
    assertEquals(42, result.sequences());
    assertEquals(14, result.detections(), "the totals of all three runs (5, 5 and 4 windows)");
    assertEquals(end, result.watermark());
  }
}
