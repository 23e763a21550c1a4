package io.vigil.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.vigil.model.VigilFailure;
import java.time.Duration;

/**
 * The options of the one-step backend activities (forecast, anomaly detection, reading flows, scoring, writing
 * detections): up to 30 minutes each, retried five times with backoff from 1 second to 1 minute, except for
 * configuration errors, which a retry cannot fix. The long ones heartbeat while they run, so an attempt whose worker
 * died is retried elsewhere after {@link #HEARTBEAT_TIMEOUT} rather than after the 30 minutes.
 */
final class BackendActivityOptions {

  private BackendActivityOptions() {}

  /**
   * How long without a heartbeat before an attempt counts as lost: ten heartbeats' worth, which a live worker's timer
   * thread does not miss even under a long garbage collection.
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  /** The options; every activity that uses them must heartbeat while it runs. */
  static ActivityOptions heartbeating() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(30))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .setMaximumAttempts(5)
            .setDoNotRetry(VigilFailure.CONFIGURATION_ERROR.type())
            .build())
        .build();
  }
}
