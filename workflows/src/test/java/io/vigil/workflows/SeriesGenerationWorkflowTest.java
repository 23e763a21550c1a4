package io.vigil.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.TimeRange;
import io.vigil.model.VigilFailure;
import io.vigil.model.series.ChunkRequest;
import io.vigil.model.series.ChunkResult;
import io.vigil.model.series.InspectRequest;
import io.vigil.model.series.SeriesGenerationActivities;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesGenerationWorkflow;
import io.vigil.model.series.SeriesProgress;
import io.vigil.model.series.SourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The workflow's orchestration with stand-in activities and a controlled clock (the test server's, skipping). */
class SeriesGenerationWorkflowTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:34:56Z");

  private TestWorkflowEnvironment environment;

  /**
   * Records every chunk it is asked for and reports one row per bin; no backend behind it. Its watermark moves
   * forward with the chunks, as a backend's does, so a run that continues as new sees where the last one stopped.
   */
  private static final class RecordingActivities implements SeriesGenerationActivities {
    final List<TimeRange> chunks = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile SourceState state;

    RecordingActivities(SourceState state) {
      this.state = state;
    }

    @Override
    public SourceState inspectSource(InspectRequest request) {
      return state;
    }

    @Override
    public ChunkResult generateChunk(ChunkRequest request) {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("backend unavailable");
      }
      chunks.add(request.range());
      TimeRange range = request.range();
      if (state.watermark() == null || range.end().isAfter(state.watermark())) {
        state = new SourceState(range.end(), state.earliestEvent());
      }
      long bins = range.length().getSeconds() / request.config().binSize().getSeconds();
      return new ChunkResult(range, bins, range.start(), range.end().minus(request.config().binSize()),
          request.step());
    }
  }

  private static SourceConfig row(Duration bin, Duration delay, Duration maxPeriod) {
    return new SourceConfig(1, "Events", "Host", "", "", "", "", "TimeGenerated", bin, delay, maxPeriod,
        Duration.ofDays(1), Duration.ofDays(7), 24, null);
  }

  private SeriesGenerationWorkflow start(SeriesGenerationActivities activities) {
    environment = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setInitialTime(NOW).build());
    Worker worker = environment.newWorker(TaskQueues.CPU);
    worker.registerWorkflowImplementationTypes(SeriesGenerationWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    environment.start();
    return environment.getWorkflowClient().newWorkflowStub(SeriesGenerationWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(SeriesGenerationWorkflow.workflowId("Events"))
            .setTaskQueue(TaskQueues.CPU).build());
  }

  @AfterEach
  void close() {
    if (environment != null) {
      environment.close();
    }
  }

  private static final SeriesGenerationInput.Tuning FAST_RETRIES = new SeriesGenerationInput.Tuning(
      Duration.ofHours(6), Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(5), 3);

  @Test
  void generatesFromTheWatermarkUpToNowMinusDelayInOrderedContiguousChunks() {
    Instant watermark = Instant.parse("2026-03-09T20:00:00Z");
    RecordingActivities activities = new RecordingActivities(new SourceState(watermark, null));
    SeriesGenerationWorkflow workflow = start(activities);

    SeriesGenerationResult result = workflow.generate(new SeriesGenerationInput(
        row(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofDays(3)), FAST_RETRIES));

    // 12:34:56 minus 30 minutes is 12:04:56; the last whole 10-minute bin ends at 12:00.
    Instant end = Instant.parse("2026-03-10T12:00:00Z");
    assertEquals(new TimeRange(watermark, end), result.generated());
    assertEquals(watermark, activities.chunks.get(0).start());
    assertEquals(end, activities.chunks.get(activities.chunks.size() - 1).end());
    for (int i = 1; i < activities.chunks.size(); i++) {
      assertEquals(activities.chunks.get(i - 1).end(), activities.chunks.get(i).start(), "chunks are contiguous");
    }
    assertTrue(activities.chunks.stream().allMatch(c -> c.length().compareTo(Duration.ofHours(6)) <= 0));
    assertEquals(end, result.watermark());
    assertEquals(Duration.between(end, result.now()), result.lag());
    assertEquals(96, result.rowsWritten(), "16 hours of 10-minute bins, one row each from the stand-in");
    assertNull(result.skipped());
    assertTrue(Duration.between(NOW, result.now()).compareTo(Duration.ofSeconds(5)) < 0,
        "the run's time is the controlled clock's, not the wall clock's: " + result.now());
  }

  @Test
  void continuesAsNewEveryChunksPerRunChunksAndReportsTheWholeCatchUp() {
    Instant watermark = Instant.parse("2026-03-09T20:00:00Z");
    RecordingActivities activities = new RecordingActivities(new SourceState(watermark, null));
    SeriesGenerationWorkflow workflow = start(activities);
    SeriesGenerationInput.Tuning onePerRun = new SeriesGenerationInput.Tuning(FAST_RETRIES.chunk(),
        FAST_RETRIES.step(), FAST_RETRIES.stepTarget(), FAST_RETRIES.heartbeatTimeout(), FAST_RETRIES.chunkTimeout(),
        FAST_RETRIES.maxAttempts(), 1);

    SeriesGenerationResult result = workflow.generate(new SeriesGenerationInput(
        row(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofDays(3)), onePerRun));

    Instant end = Instant.parse("2026-03-10T12:00:00Z");
    assertEquals(3, activities.chunks.size(), "16 hours in 6-hour chunks, each once: " + activities.chunks);
    assertEquals(new TimeRange(watermark, end), result.generated(), "the first run's start, the last run's end");
    assertEquals(96, result.rowsWritten(), "the rows of every run");
    assertEquals(end, result.watermark());
    assertEquals(new SeriesProgress(3, 3, end), workflow.progress(),
        "the last run's progress counts the chunks of the runs before it");
  }

  @Test
  void aRangeRunRegeneratesOldBinsPastTheCatchUpBoundAndNeverMovesTheWatermarkBack() {
    Instant watermark = Instant.parse("2026-03-10T00:00:00Z");
    RecordingActivities activities = new RecordingActivities(new SourceState(watermark, null));
    SeriesGenerationWorkflow workflow = start(activities);
    TimeRange february = new TimeRange(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-02T00:00:00Z"));

    SeriesGenerationResult result = workflow.generate(new SeriesGenerationInput(
        row(Duration.ofHours(1), Duration.ZERO, Duration.ofDays(2)), FAST_RETRIES, february, null));

    assertEquals(february, result.generated());
    assertNull(result.skipped(), "a range run skips nothing");
    assertEquals(List.of(february.split(Duration.ofHours(6)).toArray()), List.of(activities.chunks.toArray()));
    assertEquals(watermark, result.watermark(), "the watermark stays where it was");
  }

  @Test
  void reportsHistoryOlderThanTheCatchUpBoundAsSkippedAndNeverGeneratesIt() {
    Instant watermark = Instant.parse("2026-03-01T00:00:00Z");
    RecordingActivities activities = new RecordingActivities(new SourceState(watermark, null));
    SeriesGenerationWorkflow workflow = start(activities);

    SeriesGenerationResult result = workflow.generate(new SeriesGenerationInput(
        row(Duration.ofHours(1), Duration.ZERO, Duration.ofDays(2)), FAST_RETRIES));

    // The bound is the first hourly bin at or after 2026-03-08T12:34:56: 13:00.
    Instant bound = Instant.parse("2026-03-08T13:00:00Z");
    assertEquals(new TimeRange(watermark, bound), result.skipped());
    assertEquals(bound, activities.chunks.get(0).start());
    assertEquals(Instant.parse("2026-03-10T12:00:00Z"), result.watermark());
  }

  @Test
  void doesNothingWhenUpToDate() {
    Instant watermark = Instant.parse("2026-03-10T12:00:00Z");
    RecordingActivities activities = new RecordingActivities(new SourceState(watermark, null));
    SeriesGenerationWorkflow workflow = start(activities);

    SeriesGenerationResult result = workflow.generate(new SeriesGenerationInput(
        row(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofDays(3)), FAST_RETRIES));

    assertTrue(result.generated().isEmpty());
    assertTrue(activities.chunks.isEmpty());
    assertEquals(0, result.rowsWritten());
    assertEquals(watermark, result.watermark());
  }

  @Test
  void retriesAFailingChunkAndCompletes() {
    RecordingActivities activities = new RecordingActivities(
        new SourceState(null, Instant.parse("2026-03-10T06:05:00Z")));
    activities.failuresLeft.set(2);
    SeriesGenerationWorkflow workflow = start(activities);

    SeriesGenerationResult result = workflow.generate(new SeriesGenerationInput(
        row(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofDays(3)), FAST_RETRIES));

    assertEquals(Instant.parse("2026-03-10T06:00:00Z"), result.generated().start(),
        "with no watermark the run starts at the bin of the earliest event");
    assertEquals(Instant.parse("2026-03-10T12:00:00Z"), result.watermark());
  }

  @Test
  void failsWithoutRetryOnAConfigurationError() {
    AtomicInteger attempts = new AtomicInteger();
    SeriesGenerationActivities broken = new SeriesGenerationActivities() {
      @Override
      public SourceState inspectSource(InspectRequest request) {
        attempts.incrementAndGet();
        throw VigilFailure.CONFIGURATION_ERROR.failure(
            "watchlist row 1, column HostnameField, value 'Host': source Events has no such column");
      }

      @Override
      public ChunkResult generateChunk(ChunkRequest request) {
        throw new AssertionError("never reached");
      }
    };
    SeriesGenerationWorkflow workflow = start(broken);

    WorkflowFailedException failure = assertThrows(WorkflowFailedException.class, () -> workflow.generate(
        new SeriesGenerationInput(row(Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(3)), FAST_RETRIES)));

    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class,
        assertInstanceOf(ActivityFailure.class, failure.getCause()).getCause());
    assertEquals(VigilFailure.CONFIGURATION_ERROR.type(), cause.getType());
    assertTrue(cause.getOriginalMessage().contains("column HostnameField"));
    assertEquals(1, attempts.get(), "configuration errors are not retried");
  }

  @Test
  void replaysItsOwnHistoryDeterministically() throws Exception {
    RecordingActivities activities = new RecordingActivities(
        new SourceState(Instant.parse("2026-03-09T00:00:00Z"), null));
    SeriesGenerationWorkflow workflow = start(activities);
    workflow.generate(new SeriesGenerationInput(
        row(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofDays(3)), FAST_RETRIES));

    WorkflowClient client = environment.getWorkflowClient();
    var history = client.fetchHistory(SeriesGenerationWorkflow.workflowId("Events"));
    WorkflowReplayer.replayWorkflowExecution(history, SeriesGenerationWorkflowImpl.class);
    assertTrue(WorkflowStub.fromTyped(workflow).getExecution().getRunId().length() > 0);
  }
}
