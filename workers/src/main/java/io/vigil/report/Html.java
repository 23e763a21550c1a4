package io.vigil.report;

/**
 * HTML text escaping. Everything the report shows that comes from data (event values, key values, alert names,
 * sequence entities) passes through here: in security tooling such values are written by whoever an analyst is
 * investigating, so an unescaped one could run script in the analyst's browser.
 */
final class Html {

  private Html() {}

  /** The text escaped for element content and for double- or single-quoted attribute values; null as empty. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
