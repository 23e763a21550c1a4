package io.vigil.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.VigilFailure;
import io.vigil.model.anomaly.AnomalyActivities;
import io.vigil.model.anomaly.AnomalyInput;
import io.vigil.model.anomaly.AnomalyRequest;
import io.vigil.model.anomaly.AnomalyResult;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.anomaly.AnomalyWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The anomaly workflow with stand-in activities: run time from the workflow clock, retries, configuration errors. */
class AnomalyWorkflowTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:34:56Z");
  private static final SourceConfig ROW = new SourceConfig(1, "Events", "Host", "User", "", "", "", "TimeGenerated",
      Duration.ofHours(1), Duration.ZERO, Duration.ofDays(3), Duration.ofDays(1), Duration.ofDays(7), 24, null);

  private TestWorkflowEnvironment environment;

  /** Records its requests; fails the first {@code failures} of them with {@code failure}. */
  private static final class StandIn implements AnomalyActivities {
    final List<AnomalyRequest> requests = new CopyOnWriteArrayList<>();
    private final int failures;
    private final RuntimeException failure;

    StandIn(int failures, RuntimeException failure) {
      this.failures = failures;
      this.failure = failure;
    }

    @Override
    public AnomalyResult detectAnomalies(AnomalyRequest request) {
      requests.add(request);
      if (requests.size() <= failures) {
        throw failure;
      }
      return new AnomalyResult(request.config().source(), null, 0, Map.of(), 0, 0, "no new bins");
    }
  }

  private AnomalyWorkflow start(AnomalyActivities activities) {
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setInitialTime(NOW).build());
    Worker worker = environment.newWorker(TaskQueues.CPU);
    worker.registerWorkflowImplementationTypes(AnomalyWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    environment.start();
    return environment.getWorkflowClient().newWorkflowStub(AnomalyWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(AnomalyWorkflow.workflowId("Events")).setTaskQueue(TaskQueues.CPU).build());
  }

  @AfterEach
  void close() {
    environment.close();
  }

  @Test
  void everyAttemptGetsTheSameRunTimeFromTheWorkflowClock() {
    StandIn activities = new StandIn(2, new IllegalStateException("backend unavailable"));

    AnomalyResult result = start(activities).detect(new AnomalyInput(ROW, AnomalySettings.BUILT_IN));

    assertEquals("no new bins", result.note());
    assertEquals(3, activities.requests.size(), "two transient failures, then success");
    assertEquals(1, activities.requests.stream().map(AnomalyRequest::runTime).distinct().count(),
        "a retry is the same run, so it can find and replace its own write");
    Instant runTime = activities.requests.get(0).runTime();
    assertTrue(!runTime.isBefore(NOW) && runTime.isBefore(NOW.plusSeconds(60)), runTime::toString);
    assertEquals(AnomalySettings.BUILT_IN, activities.requests.get(0).settings());
  }

  @Test
  void aConfigurationErrorIsNotRetried() {
    StandIn activities = new StandIn(1, VigilFailure.CONFIGURATION_ERROR.failure("watchlist row 1: bad"));

    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
        () -> start(activities).detect(new AnomalyInput(ROW, AnomalySettings.BUILT_IN)));

    assertEquals(1, activities.requests.size());
    Throwable cause = failed.getCause().getCause();
    assertTrue(cause instanceof ApplicationFailure application
        && application.getType().equals(VigilFailure.CONFIGURATION_ERROR.type()), cause::toString);
  }
}
