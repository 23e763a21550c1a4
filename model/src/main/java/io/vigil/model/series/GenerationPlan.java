package io.vigil.model.series;

import io.vigil.model.BinGrid;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one series-generation run covers, computed from the clock, the row's settings and what is already there
 * (DESIGN section 4). A pure function of its inputs, so the workflow can call it deterministically.
 *
 * @param generate the bins this run generates; empty when the source is up to date
 * @param skipped history that is missing but older than the catch-up bound; null when nothing is skipped
 * @param chunks {@code generate} split into pieces, each run by one activity
 */
public record GenerationPlan(TimeRange generate, TimeRange skipped, List<TimeRange> chunks) {

  /**
   * @param now the run's time
   * @param watermark the end of the range already generated, or null when nothing has been
   * @param earliestEvent the oldest event in the source, or null when the source is empty; only consulted when
   *     there is no watermark, to avoid scanning empty history
   * @param chunkLength the longest range one activity covers; rounded up to whole bins
   */
  public static GenerationPlan of(
      SourceConfig config, Instant now, Instant watermark, Instant earliestEvent, Duration chunkLength) {
    BinGrid grid = config.grid();
    // Only bins that ended at least the delay ago: the exclusive end is the bin start at or before now - delay.
    Instant end = grid.floor(now.minus(config.generationDelay()));
    // The oldest bin a run may produce is the first that starts at or after now - MaxTimeSeriesGenerationPeriod.
    Instant bound = grid.ceil(now.minus(config.maxGenerationPeriod()));
    Instant wanted;
    if (watermark != null) {
      wanted = grid.ceil(watermark);
    } else if (earliestEvent != null) {
      wanted = grid.floor(earliestEvent);
    } else {
      wanted = bound;
    }
    TimeRange skipped = null;
    if (wanted.isBefore(bound)) {
      Instant skippedEnd = bound.isBefore(end) ? bound : end;
      if (wanted.isBefore(skippedEnd)) {
        skipped = new TimeRange(wanted, skippedEnd);
      }
      wanted = bound;
    }
    if (!wanted.isBefore(end)) {
      return new GenerationPlan(new TimeRange(end, end), skipped, List.of());
    }
    TimeRange generate = new TimeRange(wanted, end);
    return new GenerationPlan(generate, skipped, generate.split(grid.wholeBins(chunkLength)));
  }

  /**
   * The plan of an ad-hoc run or backfill over {@code requested}, widened to whole bins and cut at now minus the
   * delay. The catch-up bound does not apply: reaching back further is what a backfill is for. A range that starts
   * after the watermark is extended back to it, because the run moves the watermark to its end and every bin below
   * the watermark must have been generated.
   */
  public static GenerationPlan ofRange(
      SourceConfig config, Instant now, Instant watermark, TimeRange requested, Duration chunkLength) {
    BinGrid grid = config.grid();
    Instant newest = grid.floor(now.minus(config.generationDelay()));
    Instant end = grid.ceil(requested.end()).isAfter(newest) ? newest : grid.ceil(requested.end());
    Instant start = grid.floor(requested.start());
    if (watermark != null && start.isAfter(watermark)) {
      start = grid.ceil(watermark);
    }
    if (!start.isBefore(end)) {
      return new GenerationPlan(new TimeRange(end, end), null, List.of());
    }
    TimeRange generate = new TimeRange(start, end);
    return new GenerationPlan(generate, null, generate.split(grid.wholeBins(chunkLength)));
  }

  public boolean upToDate() {
    return generate.isEmpty();
  }
}
