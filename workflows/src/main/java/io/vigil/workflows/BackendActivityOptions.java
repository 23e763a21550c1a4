package io.vigil.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.vigil.model.VigilFailure;
import java.time.Duration;

/**
 * The options of the one-step backend activities (forecast, anomaly detection): up to 30 minutes each, retried five
 * times with backoff from 1 second to 1 minute, except for configuration errors, which a retry cannot fix.
 */
final class BackendActivityOptions {

  private BackendActivityOptions() {}

  /** The options, with a heartbeat timeout when the activity heartbeats ({@link Duration#ZERO} when it does not). */
  static ActivityOptions of(Duration heartbeatTimeout) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(30))
        .setHeartbeatTimeout(heartbeatTimeout)
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
