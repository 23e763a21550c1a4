package io.vigil.model.series;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The activities of series generation. Implementations live with the backends; workflows see only this contract.
 */
@ActivityInterface
public interface SeriesGenerationActivities {

  /**
   * Checks that the source and every field the row names exist with usable types, and reads where generation
   * stands. Fails with a non-retryable {@code ConfigurationError} that names the row, column and value when not.
   */
  @ActivityMethod
  SourceState inspectSource(InspectRequest request);

  /**
   * Aggregates the source into bins over one chunk and writes them with an exactly-once effect per
   * (source, key, bin). Commits step by step, heartbeats after each step, and on retry resumes after the last
   * step it heartbeated; a step repeated after a crash replaces its own rows rather than adding to them.
   */
  @ActivityMethod
  ChunkResult generateChunk(ChunkRequest request);
}
