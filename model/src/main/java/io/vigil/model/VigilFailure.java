package io.vigil.model;

import io.temporal.failure.ApplicationFailure;

/**
 * The failure types Vigil's activities raise, as Temporal application failure types. Configuration errors are
 * never retried: retrying cannot fix a watchlist. Everything else is retried with backoff.
 */
public enum VigilFailure {
  /** A watchlist value or the source it names is wrong; the message says what to fix. */
  CONFIGURATION_ERROR("ConfigurationError", false),
  /** A concurrent writer held the same source; a retry goes through once it is done. */
  WRITE_CONFLICT("WriteConflict", true),
  /** The backend could not be reached or failed; a retry may succeed. */
  BACKEND_UNAVAILABLE("BackendUnavailable", true);

  private final String type;
  private final boolean retryable;

  VigilFailure(String type, boolean retryable) {
    this.type = type;
    this.retryable = retryable;
  }

  public String type() {
    return type;
  }

  public boolean retryable() {
    return retryable;
  }

  public ApplicationFailure failure(String message, Throwable cause) {
    return retryable
        ? ApplicationFailure.newFailureWithCause(message, type, cause)
        : ApplicationFailure.newNonRetryableFailureWithCause(message, type, cause);
  }

  public ApplicationFailure failure(String message) {
    return failure(message, null);
  }
}
