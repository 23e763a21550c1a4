package io.vigil.backend.azure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the subset of KQL that Vigil's Azure backend sends into DuckDB SQL, so the fake workspace answers each
 * query from real tables instead of from canned responses. It covers exactly the operators and functions the backend
 * uses ({@code where}, {@code extend}, {@code summarize} with {@code count/min/max/sum/avg} and {@code arg_max(...,
 * *)}, {@code project}, {@code order by}, {@code take}, {@code distinct}, {@code getschema}; {@code bin_at}, {@code tostring},
 * {@code todouble}, {@code real(null)}, {@code datetime}) and fails loudly on anything else, so a new query shape
 * cannot pass unnoticed.
 */
final class KqlToDuckDb {

  static final Pattern STRING = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
  /** A bracketed identifier once its quoted name has been masked like any string literal. */
  private static final Pattern BRACKETED = Pattern.compile("\\[\u0001(\\d+)\u0001\\]");
  /** A watchlist is a table named {@code Watchlist_<alias>} in the fake's database. */
  private static final Pattern WATCHLIST = Pattern.compile("_GetWatchlist\\(\u0001(\\d+)\u0001\\)");
  /** The fake's watchlist tables have every column, so {@code column_ifexists} is the column itself. */
  private static final Pattern COLUMN_IF_EXISTS =
      Pattern.compile("column_ifexists\\(\u0001(\\d+)\u0001, \u0001\\d+\u0001\\)");
  private static final Pattern DATETIME = Pattern.compile("datetime\\(([0-9T:.\\-]+)Z\\)");
  private static final Pattern BIN_AT = Pattern.compile(
      "bin_at\\((\"[A-Za-z0-9_]+\"), (\\d+)s, (TIMESTAMP '[^']*')\\)");
  private static final Pattern TOSTRING = Pattern.compile("tostring\\((\"[A-Za-z0-9_]+\")\\)");
  private static final Pattern TODOUBLE = Pattern.compile("todouble\\((\"[A-Za-z0-9_]+\")\\)");
  private static final Pattern ASSIGNMENT = Pattern.compile("\\s*(\"[A-Za-z0-9_]+\"|[A-Za-z_][A-Za-z0-9_]*) = (.+)");
  private static final Pattern ARG_MAX = Pattern.compile("arg_max\\((\"[A-Za-z0-9_]+\"), \\*\\)(?: by (.+))?");

  private final Connection connection;

  KqlToDuckDb(Connection connection) {
    this.connection = connection;
  }

  String translate(String kql) throws SQLException {
    String[] operators = kql.split("\n\\| ");
    String sql = "SELECT * FROM " + expression(operators[0].trim());
    for (int i = 1; i < operators.length; i++) {
      sql = apply(sql, operators[i].trim());
    }
    return sql;
  }

  private String apply(String sql, String operator) throws SQLException {
    if (operator.startsWith("where ")) {
      return "SELECT * FROM (" + sql + ") WHERE " + expression(operator.substring(6));
    }
    if (operator.startsWith("extend ")) {
      return extend(sql, operator.substring(7));
    }
    if (operator.startsWith("summarize ")) {
      return summarize(sql, expression(operator.substring(10)));
    }
    if (operator.startsWith("project ")) {
      return "SELECT " + String.join(", ", splitTopLevel(expression(operator.substring(8))).stream()
          .map(KqlToDuckDb::named).toList()) + " FROM (" + sql + ")";
    }
    if (operator.startsWith("order by ")) {
      return "SELECT * FROM (" + sql + ") ORDER BY " + expression(operator.substring(9));
    }
    if (operator.startsWith("take ")) {
      return "SELECT * FROM (" + sql + ") LIMIT " + Integer.parseInt(operator.substring(5));
    }
    if (operator.startsWith("distinct ")) {
      return "SELECT DISTINCT " + expression(operator.substring(9)) + " FROM (" + sql + ")";
    }
    if (operator.equals("getschema")) {
      return "SELECT column_name AS ColumnName, CASE WHEN column_type LIKE 'TIMESTAMP%' THEN 'datetime' "
          + "WHEN column_type = 'BIGINT' THEN 'long' WHEN column_type = 'INTEGER' THEN 'int' "
          + "WHEN column_type IN ('DOUBLE', 'FLOAT') THEN 'real' WHEN column_type = 'BOOLEAN' THEN 'bool' "
          + "WHEN column_type LIKE 'DECIMAL%' THEN 'decimal' ELSE 'string' END AS ColumnType FROM (DESCRIBE " + sql
          + ")";
    }
    throw new IllegalArgumentException("the fake workspace does not understand the KQL operator: " + operator);
  }

  private String extend(String sql, String assignments) throws SQLException {
    Set<String> existing = columns(sql);
    List<String> replaced = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (String assignment : splitTopLevel(expression(assignments))) {
      Matcher matcher = ASSIGNMENT.matcher(assignment);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not an assignment: " + assignment);
      }
      String name = matcher.group(1).replace("\"", "");
      String item = matcher.group(2) + " AS \"" + name + "\"";
      (existing.contains(name.toLowerCase()) ? replaced : added).add(item);
    }
    return "SELECT *" + (replaced.isEmpty() ? "" : " REPLACE (" + String.join(", ", replaced) + ")")
        + (added.isEmpty() ? "" : ", " + String.join(", ", added)) + " FROM (" + sql + ")";
  }

  private String summarize(String sql, String aggregation) {
    Matcher argMax = ARG_MAX.matcher(aggregation);
    if (argMax.matches()) {
      String partition = argMax.group(2) == null ? "" : "PARTITION BY " + argMax.group(2) + " ";
      return "SELECT * FROM (" + sql + ") QUALIFY row_number() OVER (" + partition + "ORDER BY " + argMax.group(1)
          + " DESC) = 1";
    }
    int by = aggregation.indexOf(" by ");
    List<String> items = new ArrayList<>();
    if (by >= 0) {
      splitTopLevel(aggregation.substring(by + 4)).forEach(key -> items.add(named(key)));
    }
    splitTopLevel(by >= 0 ? aggregation.substring(0, by) : aggregation).forEach(aggregate -> items.add(named(aggregate)));
    return "SELECT " + String.join(", ", items) + " FROM (" + sql + ")" + (by >= 0 ? " GROUP BY ALL" : "");
  }

  private static String named(String item) {
    Matcher matcher = ASSIGNMENT.matcher(item);
    return matcher.matches() ? matcher.group(2) + " AS " + quoted(matcher.group(1)) : item;
  }

  private static String quoted(String name) {
    return name.startsWith("\"") ? name : "\"" + name + "\"";
  }

  private Set<String> columns(String sql) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("DESCRIBE " + sql)) {
      while (rows.next()) {
        names.add(rows.getString(1).toLowerCase());
      }
    }
    return names;
  }

  /** Translates the names, literals and functions of one KQL expression, leaving string contents alone. */
  static String expression(String kql) {
    List<String> literals = new ArrayList<>();
    Matcher strings = STRING.matcher(kql);
    StringBuilder masked = new StringBuilder();
    while (strings.find()) {
      literals.add("'" + unescape(strings.group(1)).replace("'", "''") + "'");
      strings.appendReplacement(masked, "\u0001" + (literals.size() - 1) + "\u0001");
    }
    strings.appendTail(masked);
    String sql = masked.toString();
    sql = BRACKETED.matcher(sql).replaceAll(match -> '"' + unquoted(literals, match.group(1)) + '"');
    sql = WATCHLIST.matcher(sql).replaceAll(match -> "\"Watchlist_" + unquoted(literals, match.group(1)) + "\"");
    sql = COLUMN_IF_EXISTS.matcher(sql).replaceAll(match -> '"' + unquoted(literals, match.group(1)) + '"');
    sql = DATETIME.matcher(sql).replaceAll(match -> "TIMESTAMP '" + match.group(1).replace('T', ' ') + "'");
    sql = BIN_AT.matcher(sql).replaceAll("time_bucket(INTERVAL $2 SECOND, CAST($1 AS TIMESTAMP), $3)");
    sql = TOSTRING.matcher(sql).replaceAll("coalesce(CAST($1 AS VARCHAR), '')");
    sql = TODOUBLE.matcher(sql).replaceAll("CAST($1 AS DOUBLE)");
    sql = sql.replace("real(null)", "CAST(NULL AS DOUBLE)").replace("count()", "count(*)").replace(" == ", " = ");
    for (int i = 0; i < literals.size(); i++) {
      sql = sql.replace("\u0001" + i + "\u0001", literals.get(i));
    }
    return sql;
  }

  /** The text of masked literal number {@code index}, for use as a name. */
  private static String unquoted(List<String> literals, String index) {
    String literal = literals.get(Integer.parseInt(index));
    return literal.substring(1, literal.length() - 1);
  }

  static String unescape(String body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char next = body.charAt(++i);
        out.append(switch (next) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> next;
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Splits on commas outside parentheses and quotes. */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' && (i == 0 || text.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(text.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(text.substring(start).trim());
    return parts;
  }
}
