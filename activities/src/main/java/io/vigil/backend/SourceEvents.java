package io.vigil.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Raw events of a source, as {@link Backend#readSourceEvents} returns them: the source's column names in its own
 * order, and each event's values as text (null where the event has none), in time order.
 *
 * @param more whether the source holds further events of the same filter beyond the ones returned
 */
public record SourceEvents(List<String> columns, List<List<String>> rows, boolean more) {

  public SourceEvents {
    columns = List.copyOf(columns);
    List<List<String>> copies = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("an event has " + row.size() + " values for " + columns.size()
            + " columns " + columns);
      }
      // List.copyOf refuses nulls, and a missing value is part of what an analyst needs to see.
      copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copies);
  }
}
