package io.vigil.backend;

/** The watchlist row names something the backend does not have, or has with the wrong type. Never retried. */
public class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
