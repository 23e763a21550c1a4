package io.vigil.backend;

import io.vigil.model.Dimension;
import io.vigil.model.Identifier;
import io.vigil.model.SourceConfig;
import java.util.function.UnaryOperator;

/**
 * The aggregation of a source's events into TimeSeries rows, in the SQL that DuckDB and Snowflake share: one row per
 * key and non-empty bin with count, and max, min, sum and avg of the size field (NULL without one). A NULL dimension
 * value groups with the empty string, as KQL's summarize does for a missing string. Only the bin expression and
 * the time condition are the engine's own; the one bind parameter is the source name.
 */
public final class SourceAggregation {

  private SourceAggregation() {}

  /**
   * @param bin the engine's epoch-aligned UTC bin of the (quoted) time column given to it
   * @param inRange the engine's condition that the (quoted) time column given to it lies within the range
   */
  public static String select(SourceConfig config, UnaryOperator<String> bin, UnaryOperator<String> inRange) {
    String time = quote(config.timeField());
    StringBuilder keys = new StringBuilder();
    for (Dimension dimension : Dimension.values()) {
      String field = config.fieldFor(dimension);
      keys.append(field.isEmpty() ? "''" : "coalesce(CAST(" + quote(field) + " AS VARCHAR), '')")
          .append(" AS ").append(quote(dimension.column())).append(", ");
    }
    String size = config.hasSize() ? "CAST(" + quote(config.sizeField()) + " AS DOUBLE)" : "CAST(NULL AS DOUBLE)";
    String key = "\"Hostname\", \"User\", \"SrcIpAddr\", \"Activity\"";
    return "SELECT CAST(? AS VARCHAR) AS \"Source\", " + key + ", \"Bin\" AS \"TimeBin\", count(*) AS \"Count\", "
        + "max(\"Size\") AS \"Max\", min(\"Size\") AS \"Min\", sum(\"Size\") AS \"Sum\", avg(\"Size\") AS \"Avg\" "
        + "FROM (SELECT " + keys + bin.apply(time) + " AS \"Bin\", " + size + " AS \"Size\" "
        + "FROM " + quote(config.source()) + " WHERE " + inRange.apply(time) + ") GROUP BY " + key + ", \"Bin\"";
  }

  private static String quote(String identifier) {
    return '"' + Identifier.require(identifier) + '"';
  }
}
