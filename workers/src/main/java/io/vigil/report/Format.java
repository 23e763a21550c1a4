package io.vigil.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers and bins read in Vigil's tables, on the terminal and in the report alike. */
public final class Format {

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Format() {}

  /** Whole numbers with thousands separators, fractions with two decimals, infinities as {@code inf}. */
  public static String number(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) value)
        : String.format(Locale.ROOT, "%,.2f", value);
  }

  /** A bin start to the minute, in UTC: {@code 2026-11-20 20:00Z}. */
  public static String minute(Instant instant) {
    return MINUTE.format(instant);
  }

  /** The key values that are set, as {@code host=WS-1 user=alice ip=10.0.0.1 activity=Logon}; empty when none is. */
  public static String key(String hostname, String user, String srcIpAddr, String activity) {
    String[] names = {"host", "user", "ip", "activity"};
    String[] values = {hostname, user, srcIpAddr, activity};
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null && !values[i].isEmpty()) {
        key.append(key.isEmpty() ? "" : " ").append(names[i]).append('=').append(values[i]);
      }
    }
    return key.toString();
  }
}
