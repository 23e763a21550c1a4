package io.vigil.cli;

import java.time.Duration;

/** Compact renderings of durations for terminal tables: {@code 3d4h}, {@code 1h12m}, {@code 42s}. */
final class Durations {

  private Durations() {}

  static String compact(Duration duration) {
    if (duration == null) {
      return "-";
    }
    long seconds = duration.getSeconds();
    String sign = seconds < 0 ? "-" : "";
    seconds = Math.abs(seconds);
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    if (days > 0) {
      return sign + days + "d" + (hours > 0 ? hours + "h" : "");
    }
    if (hours > 0) {
      return sign + hours + "h" + (minutes > 0 ? minutes + "m" : "");
    }
    return minutes > 0 ? sign + minutes + "m" : sign + seconds % 60 + "s";
  }
}
