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
   * @param step the range of data time committed per transaction at first; each commit is followed by a heartbeat
   * @param stepTarget how long one transaction should take: steps that run much faster double in length and steps
   *     that run much slower halve, so light sources commit rarely and heavy ones still heartbeat often; zero keeps
   *     every step at {@code step}
   * @param heartbeatTimeout how long a silent activity is given before Temporal retries it elsewhere
   * @param chunkTimeout the longest one attempt at a chunk may run
   * @param maxAttempts attempts per activity before the run fails (configuration errors are never retried)
   */
  public record Tuning(Duration chunk, Duration step, Duration stepTarget, Duration heartbeatTimeout,
      Duration chunkTimeout, int maxAttempts) {

    /**
     * A week per activity keeps histories short on long catch-ups; steps start at one day and adapt towards two
     * seconds each, well inside the heartbeat timeout.
     */
    public static final Tuning DEFAULT = new Tuning(Duration.ofDays(7), Duration.ofDays(1), Duration.ofSeconds(2),
        Duration.ofSeconds(30), Duration.ofMinutes(30), 5);
  }
}
