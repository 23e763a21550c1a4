package io.vigil.backend;

import java.util.Objects;

/**
 * A credential value (a client secret, a password, a key passphrase) that must never reach a log, an error message or
 * a workflow history. Its {@link #toString} is fixed text, so string concatenation and record printing cannot leak it;
 * only {@link #reveal} gives the value, at the one place that hands it to a client library.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
