package io.vigil.config;

import java.util.List;
import java.util.Map;

/**
 * The cells of one watchlist row by column name, and the errors found in it: each bad value becomes a
 * {@link ConfigError} naming file, row, line, column and value, and marks the row invalid so that it is left out.
 * A row whose cell count differs from the header's is reported at once.
 */
class RowCells {

  private final CsvTable table;
  private final CsvTable.Row row;
  private final Map<String, Integer> columns;
  private final List<ConfigError> errors;
  private boolean valid = true;

  RowCells(CsvTable table, CsvTable.Row row, Map<String, Integer> columns, List<ConfigError> errors) {
    this.table = table;
    this.row = row;
    this.columns = columns;
    this.errors = errors;
    if (row.cells().size() != table.header().size()) {
      error("", null, "the row has " + row.cells().size() + " cells but the header has " + table.header().size()
          + "; quote values that contain commas");
    }
  }

  final boolean valid() {
    return valid;
  }

  /** The cell of {@code column} as written, or empty when the column is absent or the row short. */
  final String raw(String column) {
    Integer index = columns.get(column);
    return index == null ? "" : WatchlistLoader.cell(row, index);
  }

  final void error(String column, String value, String message) {
    valid = false;
    errors.add(new ConfigError(table.file(), row.number(), row.line(), column, value, message));
  }
}
