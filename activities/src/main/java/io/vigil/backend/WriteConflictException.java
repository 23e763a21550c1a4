package io.vigil.backend;

/** Another writer changed the same source at the same time; the write was rolled back and may be retried. */
public class WriteConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WriteConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
