package io.vigil.model.anomaly;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How serious an anomaly is, in Microsoft Sentinel's alert severities. A score-based rule maps {@code |score|} to
 * a severity with {@link #ofScore}; AnomaliesConfiguration may set the severity of the alert a source raises.
 */
public enum Severity {
  INFORMATIONAL, LOW, MEDIUM, HIGH;

  /** Above this {@code |score|} an anomaly is {@link #MEDIUM}: Tukey's "far out" multiple of the spread. */
  public static final double MEDIUM_FROM = 3;
  /** Above this {@code |score|} an anomaly is {@link #HIGH}. */
  public static final double HIGH_FROM = 6;

  /**
   * The severity of a scored value: {@code INFORMATIONAL} when it is no anomaly, else {@code LOW} up to
   * {@code |score|} 3, {@code MEDIUM} up to 6 and {@code HIGH} beyond.
   */
  public static Severity ofScore(double score, boolean anomaly) {
    if (!anomaly) {
      return INFORMATIONAL;
    }
    double magnitude = Math.abs(score);
    return magnitude > HIGH_FROM ? HIGH : magnitude > MEDIUM_FROM ? MEDIUM : LOW;
  }

  /** The name as Sentinel writes it: {@code Informational}, {@code Low}, {@code Medium}, {@code High}. */
  public String label() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }

  /** The severity named {@code text}, ignoring case. */
  public static Optional<Severity> byLabel(String text) {
    return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text.strip())).findFirst();
  }
}
