package io.vigil.model.series;

import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Input of {@link SeriesGenerationWorkflow}.
 *
 * @param config the validated watchlist row
 * @param tuning how the run is cut into activities and how they are retried
 * @param range the bins to (re)generate, for an ad-hoc run or a backfill; null for the scheduled behaviour, from
 *     the watermark to now minus the delay within the catch-up bound
 * @param carried what the runs before a continue-as-new did, so the last run reports the whole; null at first
 */
public record SeriesGenerationInput(SourceConfig config, Tuning tuning, TimeRange range, Carried carried) {

  public SeriesGenerationInput {
    Objects.requireNonNull(config, "config");
    tuning = Objects.requireNonNullElse(tuning, Tuning.DEFAULT);
  }

  /** The scheduled behaviour: from the watermark to now minus the delay. */
  public SeriesGenerationInput(SourceConfig config, Tuning tuning) {
    this(config, tuning, null, null);
  }

  /**
   * The totals of the runs of one workflow before its latest continue-as-new.
   *
   * @param generatedFrom the start of the first run's generated range
   * @param skipped the first run's skipped history, or null
   */
  public record Carried(Instant generatedFrom, TimeRange skipped, int chunksDone, long rowsWritten, Instant firstBin,
      Instant lastBin) {}

  /**
   * @param chunk the range of data time one activity covers
   * @param step the range of data time committed per transaction at first; each commit is followed by a heartbeat
   * @param stepTarget how long one transaction should take: steps that run much faster double in length and steps
   *     that run much slower halve, so light sources commit rarely and heavy ones still heartbeat often; zero keeps
   *     every step at {@code step}
   * @param heartbeatTimeout how long a silent activity is given before Temporal retries it elsewhere
   * @param chunkTimeout the longest one attempt at a chunk may run
   * @param maxAttempts attempts per activity before the run fails (configuration errors are never retried)
   * @param chunksPerRun chunks one run does before it continues as new, which keeps the history of a long
   *     catch-up or backfill small
   */
  public record Tuning(Duration chunk, Duration step, Duration stepTarget, Duration heartbeatTimeout,
      Duration chunkTimeout, int maxAttempts, int chunksPerRun) {

    /**
     * Chunks per run by default: a chunk adds about six events to the history, so a run stays a few hundred events
     * long, far below the sizes at which Temporal warns.
     */
    public static final int DEFAULT_CHUNKS_PER_RUN = 50;

    /**
     * A week per activity keeps histories short on long catch-ups; steps start at one day and adapt towards two
     * seconds each, well inside the heartbeat timeout.
     */
    public static final Tuning DEFAULT = new Tuning(Duration.ofDays(7), Duration.ofDays(1), Duration.ofSeconds(2),
        Duration.ofSeconds(30), Duration.ofMinutes(30), 5);

    public Tuning {
      if (chunksPerRun < 1) {
        throw new IllegalArgumentException("chunksPerRun must be at least 1, got " + chunksPerRun);
      }
    }

    /** The tuning with {@link #DEFAULT_CHUNKS_PER_RUN}. */
    public Tuning(Duration chunk, Duration step, Duration stepTarget, Duration heartbeatTimeout,
        Duration chunkTimeout, int maxAttempts) {
      this(chunk, step, stepTarget, heartbeatTimeout, chunkTimeout, maxAttempts, DEFAULT_CHUNKS_PER_RUN);
    }
  }
}
