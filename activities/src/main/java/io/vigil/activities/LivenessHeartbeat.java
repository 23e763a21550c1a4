package io.vigil.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Heartbeats a running activity from a timer thread, for the activities whose work is one long query, file read or
 * model call with no progress points to heartbeat from (reading flows, scoring a batch, forecasting a source).
 * Without heartbeats, Temporal notices a worker that died mid-activity only at the 30-minute start-to-close timeout;
 * with them, at the short heartbeat timeout, so another worker takes the activity over within seconds. A worker that
 * is alive but stuck keeps heartbeating, and the start-to-close timeout still bounds it.
 *
 * <p>Series generation does not use this: it heartbeats its resume point after every step, and a detail-less
 * heartbeat here would overwrite it.
 */
final class LivenessHeartbeat {

  /**
   * How often the timer records a heartbeat. The SDK sends recorded heartbeats to the server at most once per 80 % of
   * the heartbeat timeout, so recording more often costs nothing and keeps the last one fresh.
   */
  private static final Duration EVERY = Duration.ofSeconds(1);

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "vigil-activity-heartbeats");
    thread.setDaemon(true);
    return thread;
  });

  private LivenessHeartbeat() {}

  /** Runs {@code work} in the current activity, heartbeating until it returns or throws. */
  static <T> T during(Supplier<T> work) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    // A heartbeat the server refuses, because it cancelled or timed out this attempt, throws; a periodic task that
    // throws is not run again, so heartbeats stop there, and the work finds out on its own.
    ScheduledFuture<?> beat = TIMER.scheduleAtFixedRate(() -> context.heartbeat(null), EVERY.toMillis(),
        EVERY.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return work.get();
    } finally {
      beat.cancel(false);
    }
  }
}
