package io.vigil.tests;

import io.vigil.backend.duckdb.DuckDbBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One output table compared with its ground truth by natural key: rows whose key is missing (lost), rows beyond the
 * first under one key (duplicated), and rows whose key was expected with other values or not expected at all
 * (wrong).
 *
 * @param table the table's name, for the report
 * @param expected rows the ground truth holds
 */
record OutputCheck(String table, long expected, long lost, long duplicated, long wrong) {

  /** Compares {@code actual} with {@code expected}, whose keys are unique. */
  static <R> OutputCheck of(String table, List<R> expected, List<R> actual, Function<R, ?> key) {
    Map<Object, R> wanted = new HashMap<>();
    expected.forEach(row -> wanted.put(key.apply(row), row));
    Map<Object, List<R>> found = new LinkedHashMap<>();
    actual.forEach(row -> found.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row));
    long lost = wanted.keySet().stream().filter(k -> !found.containsKey(k)).count();
    long duplicated = found.values().stream().mapToLong(rows -> rows.size() - 1).sum();
    long wrong = found.entrySet().stream()
        .filter(entry -> !entry.getValue().get(0).equals(wanted.get(entry.getKey()))).count();
    return new OutputCheck(table, expected.size(), lost, duplicated, wrong);
  }

  /** Compares two results of one query, keyed by their first {@code keyColumns} columns. */
  static OutputCheck of(String table, List<List<String>> expected, List<List<String>> actual, int keyColumns) {
    return of(table, expected, actual, row -> row.subList(0, keyColumns));
  }

  /** Every row of {@code sql}, each value as its text (null as null); round doubles in the query. */
  static List<List<String>> rows(DuckDbBackend database, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = database.connection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  boolean clean() {
    return lost == 0 && duplicated == 0 && wrong == 0;
  }
}
