package io.vigil.model.anomaly;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The percentiles Tukey fences are drawn at, named as KQL's {@code series_outliers} kinds. */
public enum FenceKind {
  /** The 25th and 75th percentiles. */
  TUKEY("tukey", 25, 75),
  /** "Custom Tukey": the 10th and 90th percentiles. */
  CTUKEY("ctukey", 10, 90);

  private final String id;
  private final double lowPercentile;
  private final double highPercentile;

  FenceKind(String id, double lowPercentile, double highPercentile) {
    this.id = id;
    this.lowPercentile = lowPercentile;
    this.highPercentile = highPercentile;
  }

  public String id() {
    return id;
  }

  public double lowPercentile() {
    return lowPercentile;
  }

  public double highPercentile() {
    return highPercentile;
  }

  public static Optional<FenceKind> byId(String text) {
    return Arrays.stream(values()).filter(kind -> kind.id.equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
  }
}
