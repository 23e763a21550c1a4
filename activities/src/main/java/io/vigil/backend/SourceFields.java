package io.vigil.backend;

import io.vigil.model.Dimension;
import io.vigil.model.SourceConfig;
import java.util.function.Predicate;

/**
 * Checks a watchlist row's fields against the columns of its source, the same way on every backend: each dimension
 * field must exist, the time field must be a timestamp, the size field numeric. Backends differ only in how they find
 * a column (and say that it is missing) and in which types they call timestamps and numbers.
 */
public final class SourceFields {

  /** The database type of a source column, or a {@link ConfigurationException} naming the row, column and value. */
  public interface Columns {
    String typeOf(String watchlistColumn, String field);
  }

  private SourceFields() {}

  /**
   * @param timestamp whether a database type is a timestamp
   * @param timeTypes the timestamp types the backend accepts, for the message when the time field has another type
   * @param numeric whether a database type is numeric
   */
  public static void check(SourceConfig config, Columns columns, Predicate<String> timestamp, String timeTypes,
      Predicate<String> numeric) {
    String where = "watchlist row " + config.row() + ", column ";
    for (Dimension dimension : Dimension.values()) {
      String field = config.fieldFor(dimension);
      if (!field.isEmpty()) {
        columns.typeOf(dimension.watchlistField(), field);
      }
    }
    String timeType = columns.typeOf("TimeField", config.timeField());
    if (!timestamp.test(timeType)) {
      throw new ConfigurationException(where + "TimeField, value '" + config.timeField() + "': column of source "
          + config.source() + " has type " + timeType + "; " + timeTypes + " is needed");
    }
    if (config.hasSize()) {
      String sizeType = columns.typeOf("SizeField", config.sizeField());
      if (!numeric.test(sizeType)) {
        throw new ConfigurationException(where + "SizeField, value '" + config.sizeField()
            + "': column of source " + config.source() + " has type " + sizeType + "; a numeric column is needed");
      }
    }
  }
}
