package io.vigil.cli;

/** Text from event data made safe to print on a terminal. */
final class Terminal {

  private Terminal() {}

  /**
   * The text with every control character (line breaks, tabs, escape sequences that could move the cursor or rewrite
   * what an analyst sees) shown as a Java-style escape (backslash, u, four hex digits), so that one value stays on
   * its row and shows as it is.
   */
  static String printable(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        shown.append(String.format("\\u%04x", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.toString();
  }
}
