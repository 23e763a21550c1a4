package io.vigil.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.VigilFailure;
import io.vigil.model.WorkflowMetric;
import io.vigil.model.series.ChunkRequest;
import io.vigil.model.series.ChunkResult;
import io.vigil.model.series.InspectRequest;
import io.vigil.model.series.SeriesGenerationActivities;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesGenerationWorkflow;
import io.vigil.model.series.SourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What series generation reports through the workflow metrics scope: its outcome and the history it skipped. */
class RunMetricsTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:34:56Z");
  private static final SourceConfig ROW = new SourceConfig(1, "Events", "Host", "", "", "", "", "TimeGenerated",
      Duration.ofHours(1), Duration.ZERO, Duration.ofDays(3), Duration.ofDays(1), Duration.ofDays(7), 24, null);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Scope scope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
      .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
  private TestWorkflowEnvironment environment;

  /** A source whose first event is ten days old and whose chunks hold nothing, or whose check fails. */
  private record Activities(boolean failing) implements SeriesGenerationActivities {
    @Override
    public SourceState inspectSource(InspectRequest request) {
      if (failing) {
        throw VigilFailure.CONFIGURATION_ERROR.failure("source Events has no column Host");
      }
      return new SourceState(null, NOW.minus(Duration.ofDays(10)));
    }

    @Override
    public ChunkResult generateChunk(ChunkRequest request) {
      return new ChunkResult(request.range(), 0, null, null, request.step());
    }
  }

  private SeriesGenerationWorkflow start(Activities activities) {
    environment = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setInitialTime(NOW).setMetricsScope(scope).build());
    Worker worker = environment.newWorker(TaskQueues.CPU);
    worker.registerWorkflowImplementationTypes(SeriesGenerationWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    environment.start();
    return environment.getWorkflowClient().newWorkflowStub(SeriesGenerationWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(SeriesGenerationWorkflow.workflowId("Events"))
            .setTaskQueue(TaskQueues.CPU).build());
  }

  @AfterEach
  void close() throws Exception {
    environment.close();
    scope.close();
  }

  private Gauge awaitGauge(WorkflowMetric metric) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (registry.find(metric.metricName()).gauge() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return registry.get(metric.metricName()).tag(WorkflowMetric.SOURCE_TAG, "Events").gauge();
  }

  @Test
  void aSuccessfulRunRecordsItsTimeAndTheHistoryItSkipped() throws InterruptedException {
    SeriesGenerationResult result = start(new Activities(false))
        .generate(new SeriesGenerationInput(ROW, SeriesGenerationInput.Tuning.DEFAULT));

    double success = awaitGauge(WorkflowMetric.LAST_SUCCESS).value();
    assertTrue(success >= NOW.getEpochSecond() && success <= result.now().getEpochSecond() + 1,
        "the workflow clock at the end of the run: " + success);
    assertEquals(result.skipped().length().toSeconds(),
        registry.get(WorkflowMetric.SERIES_SKIPPED.metricName()).tag("workflow_type", "SeriesGenerationWorkflow")
            .counter().count());
    assertTrue(result.skipped().length().compareTo(Duration.ofDays(6)) > 0, result.skipped().toString());
    assertNull(registry.find(WorkflowMetric.LAST_FAILURE.metricName()).gauge());
  }

  @Test
  void aFailedRunRecordsItsTimeAsAFailure() throws InterruptedException {
    SeriesGenerationWorkflow workflow = start(new Activities(true));

    assertThrows(WorkflowFailedException.class,
        () -> workflow.generate(new SeriesGenerationInput(ROW, SeriesGenerationInput.Tuning.DEFAULT)));

    assertTrue(awaitGauge(WorkflowMetric.LAST_FAILURE).value() >= NOW.getEpochSecond());
    assertNull(registry.find(WorkflowMetric.LAST_SUCCESS.metricName()).gauge());
  }
}
