package io.vigil.backend.azure;

import io.vigil.model.Identifier;
import io.vigil.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A KQL query as a pipeline of operators, and the quoting of names and values inside it. Every name that comes from
 * a watchlist passes {@link Identifier} and is written as a bracketed identifier; every value is a string literal
 * with its quotes and backslashes escaped, so nothing from a watchlist or an event can change the query's shape.
 * One operator per line makes the golden files readable.
 */
final class Kql {

  private final List<String> operators = new ArrayList<>();

  private Kql(String tabular) {
    operators.add(tabular);
  }

  /** A query over a table, view or stored function. */
  static Kql from(String table) {
    return new Kql(column(table));
  }

  /** A query over a Sentinel watchlist. */
  static Kql watchlist(String alias) {
    return new Kql("_GetWatchlist(" + string(Identifier.require(alias)) + ")");
  }

  Kql where(String condition) {
    return then("where " + condition);
  }

  Kql extend(String assignments) {
    return then("extend " + assignments);
  }

  Kql summarize(String aggregates) {
    return then("summarize " + aggregates);
  }

  Kql project(String columns) {
    return then("project " + columns);
  }

  Kql orderBy(String columns) {
    return then("order by " + columns);
  }

  Kql then(String operator) {
    operators.add(operator);
    return this;
  }

  String text() {
    return String.join("\n| ", operators);
  }

  @Override
  public String toString() {
    return text();
  }

  /** A bracketed identifier, after validation. */
  static String column(String name) {
    return "['" + Identifier.require(name) + "']";
  }

  /** Several columns, comma-separated, each bracketed. */
  static String columns(List<String> names) {
    return String.join(", ", names.stream().map(Kql::column).toList());
  }

  /** Several columns in ascending order, for {@code order by}. */
  static String ascending(List<String> names) {
    return String.join(", ", names.stream().map(name -> column(name) + " asc").toList());
  }

  /**
   * A string literal. Backslash and quote are escaped; line breaks and tabs use their escapes; other control
   * characters have no KQL escape and are refused rather than passed on raw.
   */
  static String string(String value) {
    StringBuilder literal = new StringBuilder("'");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> literal.append("\\\\");
        case '\'' -> literal.append("\\'");
        case '\n' -> literal.append("\\n");
        case '\r' -> literal.append("\\r");
        case '\t' -> literal.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            throw new IllegalArgumentException("value '" + Identifier.printable(value)
                + "' holds a control character that a KQL string literal cannot carry");
          }
          literal.append(c);
        }
      }
    }
    return literal.append('\'').toString();
  }

  static String datetime(Instant instant) {
    return "datetime(" + instant + ")";
  }

  /** A timespan in whole seconds, which is how Vigil's bin sizes are given. */
  static String seconds(Duration duration) {
    return duration.getSeconds() + "s";
  }

  /** {@code column} within the half-open range. */
  static String inRange(String column, TimeRange range) {
    return column(column) + " >= " + datetime(range.start()) + " and " + column(column) + " < "
        + datetime(range.end());
  }
}
