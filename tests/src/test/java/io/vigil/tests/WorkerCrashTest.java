package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.TimeRange;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesGenerationWorkflow;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that stops responding in the middle of a catch-up: Temporal gives its chunk to another worker after the
 * heartbeat timeout, and when the first wakes up it still finishes the step it was in. Over the embedded server's
 * real gRPC port and a DuckDB file, the table must end equal to a direct aggregation of the raw rows.
 */
class WorkerCrashTest {

  @Test
  void aWorkerHungMidCatchUpIsReplacedAndItsLateWriteChangesNothing(@TempDir Path dir) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    SourceConfig row = new SourceConfig(1, "Events", "Computer", "Account", "Action", "Ip", "Bytes",
        "TimeGenerated", Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(3), Duration.ofDays(1),
        Duration.ofDays(7), 24, null);
    // Fixed one-hour steps of about 50 ms in twelve-hour chunks, and a one-second heartbeat timeout.
    SeriesGenerationInput.Tuning tuning = new SeriesGenerationInput.Tuning(Duration.ofHours(12), Duration.ofHours(1),
        Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(5), 20);
    try (DuckDbBackend database = DuckDbBackend.open(dir.resolve("vigil.duckdb"));
        EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      EventTables.create(database, "Events");
      EventTables.append(database, "Events", now.minus(Duration.ofDays(2)), now, 20_000, 3);
      FaultyBackend faulty = new FaultyBackend(database, Duration.ofMillis(50));
      // The 20th step, inside the second chunk, sleeps four seconds before it writes: long past the heartbeat
      // timeout, so its attempt is abandoned and retried while the step is still to come.
      faulty.hangOnceBeforeStep(20, Duration.ofSeconds(4));

      try (CpuWorker first = CpuWorker.start(workerClient(temporal, "first-worker"), faulty,
              EmbeddedTemporal.workerFactoryOptions());
          CpuWorker second = CpuWorker.start(workerClient(temporal, "second-worker"), faulty,
              EmbeddedTemporal.workerFactoryOptions())) {
        SeriesGenerationWorkflow workflow = temporal.client().newWorkflowStub(SeriesGenerationWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(SeriesGenerationWorkflow.workflowId("Events"))
                .setTaskQueue(TaskQueues.CPU).build());
        WorkflowClient.start(workflow::generate, new SeriesGenerationInput(row, tuning));
        SeriesGenerationResult result = WorkflowStub.fromTyped(workflow)
            .getResult(60, TimeUnit.SECONDS, SeriesGenerationResult.class);
        // Let the hung step wake up and write after the run has moved past it.
        Thread.sleep(4_500);

        assertTrue(temporal.client().fetchHistory(SeriesGenerationWorkflow.workflowId("Events")).getEvents().stream()
            .anyMatch(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
                && event.getActivityTaskStartedEventAttributes().getAttempt() > 1), "the hung chunk was retried");
        List<SeriesBin> table = database.readSeriesBins("Events", new TimeRange(Instant.EPOCH, now.plusSeconds(1)));
        assertEquals(GroundTruth.comparable(GroundTruth.bins(database, row, result.generated())),
            GroundTruth.comparable(table), "no duplicates, no gaps");
        assertEquals(table.size(), result.rowsWritten());
        assertEquals(result.generated().end(), database.seriesWatermark("Events").orElseThrow(),
            "the late write did not move the watermark back");
      }
    }
  }

  /** A client with an identity of its own, as a separate worker process has (its pid@host). */
  private static WorkflowClient workerClient(EmbeddedTemporal temporal, String identity) {
    return WorkflowClient.newInstance(temporal.client().getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder().setNamespace(EmbeddedTemporal.NAMESPACE).setIdentity(identity).build());
  }
}
