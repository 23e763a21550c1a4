package io.vigil.mitre;

import java.util.Locale;

/** Numbers in evidence text, written the same way by every rule. */
final class Words {

  private Words() {}

  /** {@code 1 host}, {@code 14 hosts}. */
  static String count(long count, String singular, String plural) {
    return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? singular : plural);
  }

  /** Whole seconds from 10 s up, finer below, so short bursts do not read as 0 s. */
  static String seconds(double seconds) {
    return String.format(Locale.ROOT, seconds >= 10 ? "%,.0f s" : seconds >= 1 ? "%.1f s" : "%.3f s", seconds);
  }

  static String bytes(long bytes) {
    return String.format(Locale.ROOT, "%,d bytes", bytes);
  }

  static String number(double value) {
    return String.format(Locale.ROOT, value >= 10 ? "%,.0f" : "%.2f", value);
  }
}
