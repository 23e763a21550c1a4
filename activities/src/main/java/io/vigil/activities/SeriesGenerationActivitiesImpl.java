package io.vigil.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.vigil.backend.Backend;
import io.vigil.backend.SeriesExtent;
import io.vigil.model.BinGrid;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.series.ChunkRequest;
import io.vigil.model.series.ChunkResult;
import io.vigil.model.series.InspectRequest;
import io.vigil.model.series.SeriesGenerationActivities;
import io.vigil.model.series.SourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Series generation over a {@link Backend}; see {@link SeriesGenerationActivities} for the contract. */
public final class SeriesGenerationActivitiesImpl implements SeriesGenerationActivities {

  private final Backend backend;
  private final VigilMetrics metrics;

  public SeriesGenerationActivitiesImpl(Backend backend, VigilMetrics metrics) {
    this.backend = backend;
    this.metrics = metrics;
  }

  @Override
  public SourceState inspectSource(InspectRequest request) {
    SourceConfig config = request.config();
    return BackendFailures.translated(() -> {
      // The watermark is read before the source is checked, so that a source whose runs fail still shows its lag.
      Optional<Instant> watermark = backend.seriesWatermark(config.source());
      watermark.ifPresent(end -> metrics.watermark(config, end));
      backend.checkSource(config);
      // The earliest event only matters when nothing was generated yet; skip the scan otherwise.
      Instant earliest = watermark.isPresent() ? null : backend.earliestEvent(config).orElse(null);
      return new SourceState(watermark.orElse(null), earliest);
    });
  }

  @Override
  public ChunkResult generateChunk(ChunkRequest request) {
    SourceConfig config = request.config();
    TimeRange chunk = request.range();
    ActivityExecutionContext context = Activity.getExecutionContext();
    // A retry resumes after the last step an earlier attempt reported done; a step done but not reported is
    // simply redone, which replaces its rows with the same rows.
    Instant resumeFrom = context.getHeartbeatDetails(Instant.class)
        .filter(chunk::contains)
        .orElse(chunk.start());
    return BackendFailures.translated(() -> {
      BinGrid grid = config.grid();
      Duration step = grid.wholeBins(request.step());
      Instant cursor = resumeFrom;
      while (cursor.isBefore(chunk.end())) {
        Instant stepEnd = cursor.plus(step).isAfter(chunk.end()) ? chunk.end() : cursor.plus(step);
        long started = System.nanoTime();
        backend.generateSeriesBins(config, new TimeRange(cursor, stepEnd));
        context.heartbeat(stepEnd);
        metrics.watermark(config, stepEnd);
        step = adapt(grid, step, Duration.ofNanos(System.nanoTime() - started), request.stepTarget());
        cursor = stepEnd;
      }
      SeriesExtent extent = backend.seriesExtent(config.source(), chunk);
      metrics.binsWritten(config.source(), extent.rows());
      return new ChunkResult(chunk, extent.rows(), extent.firstBin(), extent.lastBin(), step);
    });
  }

  /**
   * The next step's length: doubled after a step that took less than half the target, halved (down to one bin)
   * after one that took more than twice the target. Small commits are costly in DuckDB (each goes through the
   * write-ahead log), long ones delay heartbeats; this keeps both in bounds without knowing the source's volume.
   */
  static Duration adapt(BinGrid grid, Duration step, Duration took, Duration target) {
    if (target.isZero()) {
      return step;
    }
    if (took.compareTo(target.dividedBy(2)) < 0) {
      return step.multipliedBy(2);
    }
    if (took.compareTo(target.multipliedBy(2)) > 0) {
      return grid.wholeBins(step.dividedBy(2));
    }
    return step;
  }
}
