package io.vigil.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.VigilFailure;
import io.vigil.model.series.ChunkRequest;
import io.vigil.model.series.ChunkResult;
import io.vigil.model.series.GenerationPlan;
import io.vigil.model.series.InspectRequest;
import io.vigil.model.series.SeriesGenerationActivities;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesGenerationWorkflow;
import io.vigil.model.series.SeriesProgress;
import io.vigil.model.series.SourceState;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Plans a run from the workflow clock and the source's state, then generates the chunks oldest first, one
 * activity each. Chunks run in order so the watermark only ever moves forward over a gap-free range: a crash
 * leaves every bin before the watermark generated and every bin after it untouched. After
 * {@link SeriesGenerationInput.Tuning#chunksPerRun} chunks the run continues as new with what is left, carrying its
 * totals, so a long catch-up or backfill keeps each history small.
 */
public final class SeriesGenerationWorkflowImpl implements SeriesGenerationWorkflow {

  private static final Logger log = Workflow.getLogger(SeriesGenerationWorkflowImpl.class);

  private int chunksDone;
  private int chunksPlanned;
  private Instant watermark;

  @Override
  public SeriesGenerationResult generate(SeriesGenerationInput input) {
    return RunMetrics.recorded(input.config().source(), () -> run(input));
  }

  private SeriesGenerationResult run(SeriesGenerationInput input) {
    SourceConfig config = input.config();
    SeriesGenerationInput.Tuning tuning = input.tuning();
    SeriesGenerationInput.Carried carried = input.carried();
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());

    SeriesGenerationActivities inspect = activities(tuning, Duration.ofMinutes(5), null);
    SourceState state = inspect.inspectSource(new InspectRequest(config));
    watermark = state.watermark();

    GenerationPlan plan = input.range() != null
        ? GenerationPlan.ofRange(config, now, state.watermark(), input.range(), tuning.chunk())
        : GenerationPlan.of(config, now, state.watermark(), state.earliestEvent(), tuning.chunk());
    int carriedChunks = carried == null ? 0 : carried.chunksDone();
    chunksDone = carriedChunks;
    chunksPlanned = carriedChunks + plan.chunks().size();
    TimeRange skipped = carried == null ? plan.skipped() : carried.skipped();
    if (plan.skipped() != null) {
      log.info("{}: {} of missing history is older than MaxTimeSeriesGenerationPeriod and is skipped: {}",
          config.source(), plan.skipped().length(), plan.skipped());
      RunMetrics.skipped(config.source(), plan.skipped().length());
    }

    SeriesGenerationActivities generate = activities(tuning, tuning.chunkTimeout(), tuning.heartbeatTimeout());
    long rows = carried == null ? 0 : carried.rowsWritten();
    Instant firstBin = carried == null ? null : carried.firstBin();
    Instant lastBin = carried == null ? null : carried.lastBin();
    Duration step = tuning.step();
    int chunksThisRun = 0;
    for (TimeRange chunk : plan.chunks()) {
      if (chunksThisRun == tuning.chunksPerRun()) {
        Instant generatedFrom = carried == null ? plan.generate().start() : carried.generatedFrom();
        TimeRange rest = input.range() == null ? null : new TimeRange(chunk.start(), plan.generate().end());
        Workflow.continueAsNew(new SeriesGenerationInput(config, tuning, rest,
            new SeriesGenerationInput.Carried(generatedFrom, skipped, chunksDone, rows, firstBin, lastBin)));
      }
      ChunkResult result = generate.generateChunk(new ChunkRequest(config, chunk, step, tuning.stepTarget()));
      step = result.nextStep();
      rows += result.rowsWritten();
      if (firstBin == null) {
        firstBin = result.firstBin();
      }
      if (result.lastBin() != null) {
        lastBin = result.lastBin();
      }
      watermark = watermark == null || chunk.end().isAfter(watermark) ? chunk.end() : watermark;
      chunksDone++;
      chunksThisRun++;
    }
    TimeRange generated = carried == null ? plan.generate()
        : new TimeRange(carried.generatedFrom(), plan.generate().end());
    Duration lag = watermark == null ? null : Duration.between(watermark, now);
    return new SeriesGenerationResult(config.source(), now, generated, skipped, rows, firstBin, lastBin, watermark,
        lag);
  }
  @Override
  public SeriesProgress progress() {
    return new SeriesProgress(chunksDone, chunksPlanned, watermark);
  }

  private static SeriesGenerationActivities activities(
      SeriesGenerationInput.Tuning tuning, Duration startToClose, Duration heartbeat) {
    return Workflow.newActivityStub(SeriesGenerationActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(heartbeat)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .setMaximumAttempts(tuning.maxAttempts())
            .setDoNotRetry(VigilFailure.CONFIGURATION_ERROR.type())
            .build())
        .build());
  }
}
