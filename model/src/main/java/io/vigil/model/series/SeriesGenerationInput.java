package io.vigil.model.series;

import io.vigil.model.SourceConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Input of {@link SeriesGenerationWorkflow}.
 *
 * @param config the validated watchlist row
 * @param tuning how the run is cut into activities and how they are retried
 */
public record SeriesGenerationInput(SourceConfig config, Tuning tuning) {

  public SeriesGenerationInput {
    Objects.requireNonNull(config, "config");
    tuning = Objects.requireNonNullElse(tuning, Tuning.DEFAULT);
  }

  /**
   * @param chunk the range of data time one activity covers
   * @param step the range of data time committed per transaction inside a chunk (the heartbeat granularity)
   * @param heartbeatTimeout how long a silent activity is given before Temporal retries it elsewhere
   * @param chunkTimeout the longest one attempt at a chunk may run
   * @param maxAttempts attempts per activity before the run fails (configuration errors are never retried)
   */
  public record Tuning(
      Duration chunk, Duration step, Duration heartbeatTimeout, Duration chunkTimeout, int maxAttempts) {

    /** One day per activity and six hours per transaction keep each commit small and the history short. */
    public static final Tuning DEFAULT =
        new Tuning(Duration.ofDays(1), Duration.ofHours(6), Duration.ofSeconds(30), Duration.ofMinutes(30), 5);
  }
}
