package io.vigil.backend.snowflake;

import io.vigil.backend.SourceAggregation;
import io.vigil.backend.VigilRows;
import io.vigil.model.Dimension;
import io.vigil.model.Identifier;
import io.vigil.model.SourceConfig;
import io.vigil.model.Tables;
import io.vigil.model.TimeRange;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Every statement the Snowflake backend runs, as text; it runs nothing itself. Values travel as bind parameters (the
 * {@code ?} each method documents); the bin size and range bounds, which Vigil computes, are constants so that the
 * engine can prune by time. Names from a watchlist are validated by {@link Identifier} and double-quoted, so they are
 * matched exactly as written, case included, and cannot leave their quotes.
 *
 * <p>Vigil's tables have the names and columns of DESIGN section 3 on every backend. Writes replace the rows of a
 * range inside one transaction that also MERGEs the source's watermark row; a MERGE of the rows themselves could not
 * remove a row that an earlier attempt wrote and this one no longer produces.
 */
public final class SnowflakeSql {

  private static final String TS = quote(Tables.TIME_SERIES);
  private static final String SERIES_WM = quote(Tables.SERIES_WATERMARK);
  private static final String PREDICTION = quote(Tables.PREDICTION);
  private static final String ANOMALIES = quote(Tables.ANOMALIES);
  private static final String INCIDENTS = quote(Tables.INCIDENTS);
  private static final String ANOMALY_WM = quote(Tables.ANOMALY_WATERMARK);
  private static final String KEY_COLUMNS = "\"Hostname\", \"User\", \"SrcIpAddr\", \"Activity\"";

  /** A column of a Vigil table; {@code type} is a portable name that {@link #ddlType} spells for the dialect. */
  private record Column(String name, String type, boolean notNull) {}

  private static Column text(String name) {
    return new Column(name, "VARCHAR", true);
  }

  private static Column time(String name) {
    return new Column(name, "TIMESTAMP", true);
  }

  private static Column number(String name) {
    return new Column(name, "DOUBLE", true);
  }

  private static final List<Column> KEY = List.of(text("Hostname"), text("User"), text("SrcIpAddr"),
      text("Activity"));

  private static final Map<String, List<Column>> TABLES = tables();

  private static Map<String, List<Column>> tables() {
    Map<String, List<Column>> tables = new LinkedHashMap<>();
    tables.put(Tables.TIME_SERIES, columns(List.of(text("Source")), KEY, List.of(time("TimeBin"),
        new Column("Count", "BIGINT", true), new Column("Max", "DOUBLE", false), new Column("Min", "DOUBLE", false),
        new Column("Sum", "DOUBLE", false), new Column("Avg", "DOUBLE", false))));
    tables.put(Tables.PREDICTION, columns(List.of(text("Source")), KEY, List.of(time("TimeBin"), text("Metric"),
        number("Forecast"), number("Lower"), number("Upper"), text("Model"), time("GeneratedAt"))));
    tables.put(Tables.SERIES_WATERMARK, List.of(new Column("Source", "VARCHAR PRIMARY KEY", false),
        new Column("GeneratedUntil", "TIMESTAMP", false), new Column("UpdatedAt", "TIMESTAMP", false)));
    tables.put(Tables.ANOMALIES, columns(List.of(text("Source"), text("Kind")), KEY, List.of(time("TimeBin"),
        text("Metric"), number("Actual"), number("Expected"), number("Lower"), number("Upper"),
        new Column("Score", "DOUBLE", false), text("Severity"), text("AlertName"), text("AlertSeverity"),
        number("Weight"), new Column("Excepted", "BOOLEAN", true), text("Evidence"), time("DetectedAt"))));
    tables.put(Tables.INCIDENTS, columns(List.of(text("Source")), KEY, List.of(time("FirstBin"), time("LastBin"),
        number("Weight"), new Column("Anomalies", "INTEGER", true), text("Kinds"), text("AlertName"),
        text("Severity"), time("DetectedAt"))));
    tables.put(Tables.ANOMALY_WATERMARK, List.of(new Column("Source", "VARCHAR PRIMARY KEY", false),
        new Column("JudgedUntil", "TIMESTAMP", false), new Column("UpdatedAt", "TIMESTAMP", false),
        new Column("LastFrom", "TIMESTAMP", false), new Column("LastUntil", "TIMESTAMP", false),
        new Column("LastRunTime", "TIMESTAMP", false)));
    return tables;
  }

  @SafeVarargs
  private static List<Column> columns(List<Column>... parts) {
    return Arrays.stream(parts).flatMap(List::stream).toList();
  }

  private final SqlDialect dialect;

  public SnowflakeSql(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** The statements in Snowflake's dialect. */
  public static SnowflakeSql snowflake() {
    return new SnowflakeSql(new SnowflakeDialect());
  }

  /** Validates a name from a watchlist and double-quotes it; throws before any statement is built otherwise. */
  public static String quote(String identifier) {
    return '"' + Identifier.require(identifier) + '"';
  }

  // ---- tables -------------------------------------------------------------------------------------------------

  /** The names of the tables in the session's current schema. */
  public String existingTables() {
    return "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
  }

  /** For each Vigil table, in creation order, the statement that creates it. */
  public Map<String, String> createTables() {
    Map<String, String> statements = new LinkedHashMap<>();
    TABLES.forEach((table, columns) -> statements.put(table, "CREATE TABLE IF NOT EXISTS " + quote(table) + " ("
        + columns.stream().map(column -> quote(column.name()) + " " + ddlType(column.type())
            + (column.notNull() ? " NOT NULL" : "")).collect(Collectors.joining(", ")) + ")"));
    return statements;
  }

  private String ddlType(String type) {
    return type.replace("TIMESTAMP", dialect.timestampType());
  }

  // ---- source -------------------------------------------------------------------------------------------------

  /**
   * The columns of every table or view in the current schema whose name equals the bound one ignoring case: table
   * name, column name and type, so a name whose case is wrong can be corrected in the message. Binds: source.
   */
  public String sourceColumns() {
    return "SELECT table_name, column_name, data_type FROM information_schema.columns "
        + "WHERE table_schema = current_schema() AND upper(table_name) = upper(?) "
        + "ORDER BY table_name, ordinal_position";
  }

  /** The oldest event time of the source in microseconds since the epoch, or NULL when it has none. */
  public String earliestEvent(SourceConfig config) {
    return "SELECT " + dialect.microsOf("min(" + quote(config.timeField()) + ")") + " FROM " + quote(config.source());
  }

  /**
   * The aggregation of the source's events within {@code range} into bins, one row per key and non-empty bin, with
   * the columns of the TimeSeries table: the text DuckDB's backend runs too ({@link SourceAggregation}), with this
   * dialect's bin and range. Binds: source.
   */
  public String aggregate(SourceConfig config, TimeRange range) {
    return SourceAggregation.select(config, time -> dialect.utcBin(time, config.binSize()),
        time -> inRange(time, range));
  }

  /** The aggregation of {@link #aggregate}, read back ordered by bin and key. Binds: source. */
  public String readSourceAggregates(SourceConfig config, TimeRange range) {
    return "SELECT \"Source\", " + KEY_COLUMNS + ", " + dialect.microsOf("\"TimeBin\"") + ", \"Count\", \"Max\", "
        + "\"Min\", \"Sum\", \"Avg\" FROM (" + aggregate(config, range) + ") ORDER BY 6, 2, 3, 4, 5";
  }

  /** The aggregation of {@link #aggregate}, written into the TimeSeries table where the data is. Binds: source. */
  public String insertAggregates(SourceConfig config, TimeRange range) {
    return "INSERT INTO " + TS + " (\"Source\", " + KEY_COLUMNS + ", \"TimeBin\", \"Count\", \"Max\", \"Min\", "
        + "\"Sum\", \"Avg\") " + aggregate(config, range);
  }

  /**
   * A query for the raw events behind an anomaly, for people to run: the range and key values as constants, each
   * value compared as the aggregation grouped it (as text, NULL as the empty string).
   */
  public String evidenceQuery(SourceConfig config, Map<Dimension, String> key, TimeRange range) {
    String time = quote(config.timeField());
    StringBuilder sql = new StringBuilder("SELECT * FROM ").append(quote(config.source())).append(" WHERE ")
        .append(inRange(time, range));
    for (Dimension dimension : Dimension.values()) {
      String field = config.fieldFor(dimension);
      String value = key.get(dimension);
      if (value != null && !field.isEmpty()) {
        sql.append(" AND coalesce(CAST(").append(quote(field)).append(" AS VARCHAR), '') = ")
            .append(dialect.stringLiteral(value));
      }
    }
    return sql.append(" ORDER BY ").append(time).toString();
  }

  /** The evidence query with a limit one above {@code limit}, so that the reader learns whether more events match. */
  public String readSourceEvents(SourceConfig config, Map<Dimension, String> key, TimeRange range, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    return evidenceQuery(config, key, range) + " LIMIT " + (limit + 1L);
  }

  // ---- time series --------------------------------------------------------------------------------------------

  /**
   * Claims the source's series watermark row, the first statement of every series write: it advances
   * GeneratedUntil to at least the bound end and records the time. Binds: source, end (µs), now (µs).
   */
  public String mergeSeriesWatermark() {
    return mergeWatermark(SERIES_WM, "GeneratedUntil", List.of("UpdatedAt"));
  }

  /** Deletes the source's TimeSeries rows within the range. Binds: source. */
  public String deleteSeriesBins(TimeRange range) {
    return deleteRange(TS, "TimeBin", range);
  }

  /** One TimeSeries row, in the table's column order. */
  public String insertSeriesBin() {
    return insert(Tables.TIME_SERIES);
  }

  /**
   * The source's TimeSeries rows within the range whose dimensions hold the key's values (an empty key selects
   * them all), ordered by bin and key. Binds: source, then the key's values in dimension order.
   */
  public String readSeriesBins(TimeRange range, Map<Dimension, String> key) {
    return "SELECT \"Source\", " + KEY_COLUMNS + ", " + dialect.microsOf("\"TimeBin\"") + ", \"Count\", \"Max\", "
        + "\"Min\", \"Sum\", \"Avg\" FROM " + TS + " WHERE \"Source\" = ?" + VigilRows.keyCondition(key) + " AND "
        + inRange("\"TimeBin\"", range) + " ORDER BY 6, 2, 3, 4, 5";
  }

  /** How many TimeSeries rows the source has within the range, and the first and last bin (µs). Binds: source. */
  public String seriesExtent(TimeRange range) {
    return "SELECT count(*), " + dialect.microsOf("min(\"TimeBin\")") + ", " + dialect.microsOf("max(\"TimeBin\")")
        + " FROM " + TS + " WHERE \"Source\" = ? AND " + inRange("\"TimeBin\"", range);
  }

  /** The source's series watermark (µs). Binds: source. */
  public String seriesWatermark() {
    return "SELECT " + dialect.microsOf("\"GeneratedUntil\"") + " FROM " + SERIES_WM + " WHERE \"Source\" = ?";
  }

  // ---- predictions --------------------------------------------------------------------------------------------

  /** Deletes the source's predictions of one run. Binds: source, run time (µs). */
  public String deletePredictionRun() {
    return "DELETE FROM " + PREDICTION + " WHERE \"Source\" = ? AND \"GeneratedAt\" = "
        + dialect.timestampFromMicros("?");
  }

  /** One Prediction row, in the table's column order. */
  public String insertPrediction() {
    return insert(Tables.PREDICTION);
  }

  /** The source's predictions of one run, ordered by key, metric and bin. Binds: source, run time (µs). */
  public String readPredictions() {
    return selectPredictions(Map.of(), "\"GeneratedAt\" = " + dialect.timestampFromMicros("?"));
  }

  /**
   * For each key, metric and bin of the source within the range whose dimensions hold the key's values (an empty key
   * selects them all), the prediction of the latest run that made one, ordered by key, metric and bin. Binds: source,
   * then the key's values in dimension order.
   */
  public String readLatestPredictions(TimeRange bins, Map<Dimension, String> key) {
    return selectPredictions(key, inRange("\"TimeBin\"", bins) + " QUALIFY row_number() OVER (PARTITION BY "
        + KEY_COLUMNS + ", \"Metric\", \"TimeBin\" ORDER BY \"GeneratedAt\" DESC) = 1");
  }

  private String selectPredictions(Map<Dimension, String> key, String condition) {
    return "SELECT " + KEY_COLUMNS + ", " + dialect.microsOf("\"TimeBin\"") + ", \"Metric\", \"Forecast\", "
        + "\"Lower\", \"Upper\", \"Model\", " + dialect.microsOf("\"GeneratedAt\"") + " FROM " + PREDICTION
        + " WHERE \"Source\" = ?" + VigilRows.keyCondition(key) + " AND " + condition + " ORDER BY 1, 2, 3, 4, 6, 5";
  }

  /** The time of the source's latest forecast run (µs). Binds: source. */
  public String lastPredictionRun() {
    return "SELECT " + dialect.microsOf("max(\"GeneratedAt\")") + " FROM " + PREDICTION + " WHERE \"Source\" = ?";
  }

  // ---- anomalies and incidents --------------------------------------------------------------------------------

  /**
   * Claims the source's anomaly watermark row, the first statement of every anomaly write: it advances JudgedUntil
   * to at least the bound end and records the write's range and run time. Binds: source, end (µs), now (µs), range
   * start (µs), range end (µs), run time (µs).
   */
  public String mergeAnomalyWatermark() {
    return mergeWatermark(ANOMALY_WM, "JudgedUntil", List.of("UpdatedAt", "LastFrom", "LastUntil", "LastRunTime"));
  }

  /** Deletes the source's anomalies with bins within the range. Binds: source. */
  public String deleteAnomalies(TimeRange range) {
    return deleteRange(ANOMALIES, "TimeBin", range);
  }

  /** Deletes the source's incidents whose last bin lies within the range. Binds: source. */
  public String deleteIncidents(TimeRange range) {
    return deleteRange(INCIDENTS, "LastBin", range);
  }

  /** One Anomalies row, in the table's column order. */
  public String insertAnomaly() {
    return insert(Tables.ANOMALIES);
  }

  /** One Incidents row, in the table's column order. */
  public String insertIncident() {
    return insert(Tables.INCIDENTS);
  }

  /** The source's anomalies with bins within the range, ordered by bin, kind and key. Binds: source. */
  public String readAnomalies(TimeRange range) {
    return "SELECT \"Kind\", " + KEY_COLUMNS + ", " + dialect.microsOf("\"TimeBin\"") + ", \"Metric\", \"Actual\", "
        + "\"Expected\", \"Lower\", \"Upper\", \"Score\", \"Severity\", \"AlertName\", \"AlertSeverity\", \"Weight\", "
        + "\"Excepted\", \"Evidence\", " + dialect.microsOf("\"DetectedAt\"") + " FROM " + ANOMALIES
        + " WHERE \"Source\" = ? AND " + inRange("\"TimeBin\"", range) + " ORDER BY 6, 1, 2, 3, 4, 5, 7";
  }

  /** The source's incidents whose last bin lies within the range, ordered by last bin and key. Binds: source. */
  public String readIncidents(TimeRange range) {
    return "SELECT " + KEY_COLUMNS + ", " + dialect.microsOf("\"FirstBin\"") + ", " + dialect.microsOf("\"LastBin\"")
        + ", \"Weight\", \"Anomalies\", \"Kinds\", \"AlertName\", \"Severity\", " + dialect.microsOf("\"DetectedAt\"")
        + " FROM " + INCIDENTS + " WHERE \"Source\" = ? AND " + inRange("\"LastBin\"", range)
        + " ORDER BY 6, 1, 2, 3, 4";
  }

  /** The source's anomaly watermark and last write: judged until, last range start and end, run time (µs). */
  public String anomalyProgress() {
    return "SELECT " + dialect.microsOf("\"JudgedUntil\"") + ", " + dialect.microsOf("\"LastFrom\"") + ", "
        + dialect.microsOf("\"LastUntil\"") + ", " + dialect.microsOf("\"LastRunTime\"") + " FROM " + ANOMALY_WM
        + " WHERE \"Source\" = ? AND \"JudgedUntil\" IS NOT NULL";
  }

  // ---- flows --------------------------------------------------------------------------------------------------

  /** No rows, only the flow table's columns, so that {@link #readFlows} can order by every one of them. */
  public String flowColumns(String table) {
    return "SELECT * FROM " + quote(table) + " LIMIT 0";
  }

  /**
   * Every row of the flow table in one total order (by every column), so that a flow's row number, which
   * investigation uses to find it again, is the same on every read: a table has no order of its own.
   */
  public String readFlows(String table, int columns) {
    return "SELECT * FROM " + quote(table) + " ORDER BY "
        + IntStream.rangeClosed(1, columns).mapToObj(Integer::toString).collect(Collectors.joining(", "));
  }

  // ---- shared pieces ------------------------------------------------------------------------------------------

  /**
   * A MERGE that creates or updates the source's row of a watermark table: {@code untilColumn} becomes the greater of
   * its value and the bound end, and each of {@code recordedColumns} takes its bound value. Binds: source, end (µs),
   * then one time (µs) per recorded column.
   */
  private String mergeWatermark(String table, String untilColumn, List<String> recordedColumns) {
    String until = quote(untilColumn);
    StringBuilder values = new StringBuilder("CAST(? AS VARCHAR) AS \"Source\", ")
        .append(dialect.timestampFromMicros("?")).append(" AS ").append(until);
    StringBuilder updates = new StringBuilder(until).append(" = greatest(coalesce(t.").append(until).append(", s.")
        .append(until).append("), s.").append(until).append(')');
    StringBuilder columns = new StringBuilder("\"Source\", ").append(until);
    StringBuilder inserted = new StringBuilder("s.\"Source\", s.").append(until);
    for (String recorded : recordedColumns) {
      String column = quote(recorded);
      values.append(", ").append(dialect.timestampFromMicros("?")).append(" AS ").append(column);
      updates.append(", ").append(column).append(" = s.").append(column);
      columns.append(", ").append(column);
      inserted.append(", s.").append(column);
    }
    return "MERGE INTO " + table + " AS t USING (SELECT " + values + ") AS s ON t.\"Source\" = s.\"Source\" "
        + "WHEN MATCHED THEN UPDATE SET " + updates + " "
        + "WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (" + inserted + ")";
  }

  private String deleteRange(String table, String timeColumn, TimeRange range) {
    return "DELETE FROM " + table + " WHERE \"Source\" = ? AND " + inRange(quote(timeColumn), range);
  }

  /** An INSERT of one row of a Vigil table in its column order; timestamps are bound as microseconds. */
  private String insert(String table) {
    List<Column> columns = TABLES.get(table);
    return "INSERT INTO " + quote(table) + " (" + columns.stream().map(column -> quote(column.name()))
        .collect(Collectors.joining(", ")) + ") VALUES (" + columns.stream()
        .map(column -> column.type().equals("TIMESTAMP") ? dialect.timestampFromMicros("?") : "?")
        .collect(Collectors.joining(", ")) + ")";
  }

  /** {@code column} within the half-open range, with the bounds as constants. */
  private String inRange(String column, TimeRange range) {
    return column + " >= " + dialect.timestampLiteral(range.start()) + " AND " + column + " < "
        + dialect.timestampLiteral(range.end());
  }
}
