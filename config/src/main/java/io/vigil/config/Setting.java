package io.vigil.config;

import io.vigil.model.BackendKind;
import io.vigil.model.anomaly.FenceKind;
import io.vigil.model.anomaly.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;

/**
 * The kinds of value a watchlist cell can hold, each with its range and the sentence that says what is allowed.
 * Parsing never throws: it returns the value or an error message for {@link ConfigError}.
 */
enum Setting {
  /** Whole minutes from 1 to a week. */
  MINUTES_POSITIVE("a whole number of minutes from 1 to 10080 (one week)", 1, 10_080, false, Unit.MINUTES),
  /** Whole minutes from 0 to a week. */
  MINUTES_OR_ZERO("a whole number of minutes from 0 to 10080 (one week)", 0, 10_080, false, Unit.MINUTES),
  /** Days, decimals allowed, more than zero and at most ten years. */
  DAYS_POSITIVE("a number of days greater than 0 and at most 3650 (decimals allowed, e.g. 0.5)", 0, 3650, true,
      Unit.DAYS),
  /** Days, decimals allowed, zero to ten years. */
  DAYS_OR_ZERO("a number of days from 0 to 3650 (decimals allowed, e.g. 0.5)", 0, 3650, false, Unit.DAYS),
  /** Whole bins from 1 to 100,000. */
  BINS("a whole number of bins from 1 to 100000", 1, 100_000, false, Unit.BINS),
  /** A number, decimals allowed, more than zero and at most a million. */
  NUMBER_POSITIVE("a number greater than 0 and at most 1000000 (decimals allowed)", 0, 1_000_000, true,
      Unit.NUMBER),
  /** A number, decimals allowed, zero to a million. */
  NUMBER_OR_ZERO("a number from 0 to 1000000 (decimals allowed)", 0, 1_000_000, false, Unit.NUMBER),
  /** A percentage, more than zero and at most 100; parsed as a fraction. */
  PERCENT("a percentage greater than 0 and at most 100 (decimals allowed, e.g. 2.5)", 0, 100, true, Unit.PERCENT),
  /** Free text such as an alert name. */
  TEXT("text of 1 to 256 characters", 1, 256, false, Unit.TEXT),
  /** A Sentinel alert severity. */
  SEVERITY("one of " + String.join(", ", Arrays.stream(Severity.values()).map(Severity::label).toList()), 0, 0,
      false, Unit.SEVERITY),
  /** The percentiles of the Tukey fences. */
  FENCES("tukey (25th and 75th percentiles) or ctukey (10th and 90th)", 0, 0, false, Unit.FENCES),
  /** Where a source is read and Vigil's tables written. */
  BACKEND("one of " + BackendKind.ids(), 0, 0, false, Unit.BACKEND);

  enum Unit { MINUTES, DAYS, BINS, NUMBER, PERCENT, TEXT, SEVERITY, FENCES, BACKEND }

  /** Digits with an optional sign and decimal part; no exponents, so "1e3" is not read as 1000. */
  private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[+-]?\\d+(\\.\\d+)?");

  private final String allowed;
  private final long min;
  private final long max;
  private final boolean minExclusive;
  private final Unit unit;

  Setting(String allowed, long min, long max, boolean minExclusive, Unit unit) {
    this.allowed = allowed;
    this.min = min;
    this.max = max;
    this.minExclusive = minExclusive;
    this.unit = unit;
  }

  String allowed() {
    return allowed;
  }

  /**
   * A parsed value: a duration for minutes and days, a count for bins, a number for numbers and percentages (a
   * percentage as a fraction), the text for text, severities and fence kinds; or the reason the text is not allowed.
   */
  record Parsed(Duration duration, int count, double number, String text, String error) {
    boolean ok() {
      return error == null;
    }

    static Parsed failed(String error) {
      return new Parsed(null, 0, 0, null, error);
    }

    static Parsed ofText(String text) {
      return new Parsed(null, 0, 0, text, null);
    }
  }

  Parsed parse(String text) {
    switch (unit) {
      case TEXT -> {
        String value = text.strip();
        return value.isEmpty() || value.length() > max ? Parsed.failed("expected " + allowed) : Parsed.ofText(value);
      }
      case SEVERITY -> {
        return Severity.byLabel(text).map(severity -> Parsed.ofText(severity.label()))
            .orElseGet(() -> Parsed.failed("not a severity; expected " + allowed));
      }
      case FENCES -> {
        return FenceKind.byId(text).map(kind -> Parsed.ofText(kind.id()))
            .orElseGet(() -> Parsed.failed("not a fence kind; expected " + allowed));
      }
      case BACKEND -> {
        return BackendKind.byId(text).map(kind -> Parsed.ofText(kind.id()))
            .orElseGet(() -> Parsed.failed("not a backend; expected " + allowed));
      }
      default -> {
        return parseNumber(text);
      }
    }
  }

  private Parsed parseNumber(String text) {
    BigDecimal number;
    if (!PLAIN_NUMBER.matcher(text.strip()).matches()) {
      return Parsed.failed("not a number; expected " + allowed);
    }
    try {
      number = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return Parsed.failed("not a number; expected " + allowed);
    }
    boolean whole = number.stripTrailingZeros().scale() <= 0;
    boolean decimalsAllowed = unit == Unit.DAYS || unit == Unit.NUMBER || unit == Unit.PERCENT;
    if (!decimalsAllowed && !whole) {
      return Parsed.failed("not a whole number; expected " + allowed);
    }
    boolean belowMin = minExclusive ? number.compareTo(BigDecimal.valueOf(min)) <= 0
        : number.compareTo(BigDecimal.valueOf(min)) < 0;
    if (belowMin || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      return Parsed.failed("out of range; expected " + allowed);
    }
    return switch (unit) {
      case MINUTES -> new Parsed(Duration.ofMinutes(number.longValueExact()), 0, 0, null, null);
      case DAYS -> {
        // Days become whole seconds so that every period lines up with the seconds of the bin grid.
        long seconds = number.multiply(BigDecimal.valueOf(86_400)).setScale(0, java.math.RoundingMode.HALF_UP)
            .longValueExact();
        yield seconds == 0 && minExclusive
            ? Parsed.failed("out of range; expected " + allowed)
            : new Parsed(Duration.ofSeconds(seconds), 0, 0, null, null);
      }
      case BINS -> new Parsed(null, number.intValueExact(), 0, null, null);
      case NUMBER -> new Parsed(null, 0, number.doubleValue(), null, null);
      case PERCENT -> new Parsed(null, 0, number.doubleValue() / 100, null, null);
      case TEXT, SEVERITY, FENCES, BACKEND -> throw new IllegalStateException(this + " is not a number");
    };
  }

  /** Renders a duration the way the watchlist writes it, for messages about values taken from defaults. */
  static String describe(Duration duration) {
    return duration.toSeconds() % 86_400 == 0 ? plural(duration.toDays(), "day")
        : duration.toSeconds() % 60 == 0 ? plural(duration.toMinutes(), "minute")
        : plural(duration.toSeconds(), "second");
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
