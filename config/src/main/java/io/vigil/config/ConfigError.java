package io.vigil.config;

import io.vigil.model.Identifier;

/**
 * One bad value in a watchlist. Rendered as
 * {@code watchlist.csv row 3 (line 4), column TimeSeriesBinSize, value '0': <what is allowed>}.
 *
 * @param row the data row (1 = first row after the header), or 0 for the header itself
 * @param line the file line, or 0 when not known
 * @param column the watchlist column, or the Key for the global configuration
 */
public record ConfigError(String file, int row, int line, String column, String value, String message) {

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (row > 0) {
      out.append(" row ").append(row);
    } else if (line > 0) {
      out.append(" header");
    }
    if (line > 0) {
      out.append(" (line ").append(line).append(')');
    }
    if (column != null && !column.isEmpty()) {
      out.append(", column ").append(Identifier.printable(column));
    }
    if (value != null) {
      out.append(", value '").append(Identifier.printable(value)).append('\'');
    }
    return out.append(": ").append(message).toString();
  }
}
