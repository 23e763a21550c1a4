package io.vigil.model.flows;

import io.vigil.model.Identifier;

/**
 * A row of a flow source that was not read, and why: a missing column, or a value that is not a number, a port or a
 * timestamp. Rendered as {@code flows.csv row 12 (line 13), column dst_port, value 'http': not a port 0-65535}.
 *
 * @param row the 1-based data row
 * @param line the file line, or 0 for a table
 * @param column the column at fault, or empty when the whole row is (a wrong number of cells)
 */
public record FlowRejection(String dataset, long row, long line, String column, String value, String reason) {

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(dataset).append(" row ").append(row);
    if (line > 0) {
      out.append(" (line ").append(line).append(')');
    }
    // Column names and values come from the file, so they are escaped before they reach a log.
    if (!column.isEmpty()) {
      out.append(", column ").append(Identifier.printable(column));
    }
    if (value != null) {
      out.append(", value '").append(Identifier.printable(value)).append('\'');
    }
    return out.append(": ").append(reason).toString();
  }
}
