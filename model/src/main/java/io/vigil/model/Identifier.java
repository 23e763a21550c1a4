package io.vigil.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names of tables, functions and columns that come from a watchlist. They end up inside SQL and KQL, so only a
 * conservative form is accepted: a letter or underscore, then letters, digits or underscores, at most 128
 * characters. Backends still quote every accepted name in their own dialect; validation is the first fence,
 * quoting the second.
 */
public final class Identifier {

  public static final int MAX_LENGTH = 128;
  private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  public static final String RULE =
      "a name of letters, digits and underscores that starts with a letter or underscore, at most "
          + MAX_LENGTH + " characters";

  private Identifier() {}

  /** Empty when {@code name} is acceptable; otherwise the reason it is not, without repeating the name. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("is empty; expected " + RULE);
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("is " + name.length() + " characters long; expected " + RULE);
    }
    if (!VALID.matcher(name).matches()) {
      return Optional.of("is not " + RULE);
    }
    return Optional.empty();
  }

  /** Returns {@code name} when it is acceptable and throws otherwise; for backends, as a fence before quoting. */
  public static String require(String name) {
    problem(name).ifPresent(reason -> {
      throw new IllegalArgumentException("identifier '" + printable(name) + "' " + reason);
    });
    return name;
  }

  /**
   * Renders untrusted text for an error message: every character a terminal or log viewer would not show as itself
   * (controls, line and paragraph separators, zero-width and bidirectional formatting, halves of broken surrogate
   * pairs) escaped, so that a value cannot hide part of itself or forge a line; long values cut.
   */
  public static String printable(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length() && out.length() < 200) {
      int codePoint = value.codePointAt(i);
      int next = i + Character.charCount(codePoint);
      if (hidden(codePoint)) {
        for (int unit = i; unit < next; unit++) {
          out.append(String.format("\\u%04x", (int) value.charAt(unit)));
        }
      } else {
        out.appendCodePoint(codePoint);
      }
      i = next;
    }
    return i < value.length() ? out + "..." : out.toString();
  }

  /**
   * Whether a terminal or log viewer would not show {@code codePoint} as itself: a control, a line or paragraph
   * separator, a format character (zero-width space, bidirectional override) or half of a broken surrogate pair.
   */
  public static boolean hidden(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
  }
}
