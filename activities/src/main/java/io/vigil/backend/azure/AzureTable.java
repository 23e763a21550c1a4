package io.vigil.backend.azure;

import io.vigil.model.Tables;
import java.util.ArrayList;
import java.util.List;

/**
 * The Vigil tables as custom Log Analytics tables ({@code _CL}), each fed by one data collection rule stream. The same
 * column lists generate the rows Vigil uploads and are checked against the ARM template in {@code docker/azure}, so
 * the template, the rule and the uploads cannot drift apart.
 *
 * <p>Log Analytics tables are append-only. Every row carries three bookkeeping columns: {@code TimeGenerated} (when
 * it was uploaded; readers keep the newest row of each natural key), {@code VigilWriteId} (the deterministic id of
 * the write it belongs to) and {@code VigilRow} (its position in that write), which let a retried write upload only
 * the rows an earlier attempt did not (see {@link LogsUploader}).
 */
public enum AzureTable {
  TIME_SERIES(Tables.TIME_SERIES, List.of("Hostname", "User", "SrcIpAddr", "Activity", "TimeBin"),
      columns("Source:string", "Hostname:string", "User:string", "SrcIpAddr:string", "Activity:string",
          "TimeBin:datetime", "Count:long", "Max:real", "Min:real", "Sum:real", "Avg:real")),
  SERIES_WATERMARK(Tables.SERIES_WATERMARK, List.of(),
      columns("Source:string", "GeneratedUntil:datetime")),
  PREDICTION(Tables.PREDICTION, List.of("Hostname", "User", "SrcIpAddr", "Activity", "Metric", "TimeBin",
      "GeneratedAt"),
      columns("Source:string", "Hostname:string", "User:string", "SrcIpAddr:string", "Activity:string",
          "TimeBin:datetime", "Metric:string", "Forecast:real", "Lower:real", "Upper:real", "Model:string",
          "GeneratedAt:datetime")),
  ANOMALIES(Tables.ANOMALIES, List.of("Kind", "Hostname", "User", "SrcIpAddr", "Activity", "TimeBin", "Metric"),
      columns("Source:string", "Kind:string", "Hostname:string", "User:string", "SrcIpAddr:string",
          "Activity:string", "TimeBin:datetime", "Metric:string", "Actual:real", "Expected:real", "Lower:real",
          "Upper:real", "Score:real", "Severity:string", "AlertName:string", "AlertSeverity:string", "Weight:real",
          "Excepted:boolean", "Evidence:string", "DetectedAt:datetime")),
  INCIDENTS(Tables.INCIDENTS, List.of("Hostname", "User", "SrcIpAddr", "Activity", "FirstBin", "LastBin"),
      columns("Source:string", "Hostname:string", "User:string", "SrcIpAddr:string", "Activity:string",
          "FirstBin:datetime", "LastBin:datetime", "Weight:real", "Anomalies:int", "Kinds:string",
          "AlertName:string", "Severity:string", "DetectedAt:datetime")),
  ANOMALY_WATERMARK(Tables.ANOMALY_WATERMARK, List.of(),
      columns("Source:string", "JudgedUntil:datetime", "LastFrom:datetime", "LastUntil:datetime",
          "LastRunTime:datetime"));

  /** One column of a custom table with its Log Analytics type. */
  public record Column(String name, String type) {}

  public static final String TIME_GENERATED = "TimeGenerated";
  public static final String WRITE_ID = "VigilWriteId";
  public static final String ROW = "VigilRow";

  private final String vigilName;
  private final List<String> naturalKey;
  private final List<Column> dataColumns;

  AzureTable(String vigilName, List<String> naturalKey, List<Column> dataColumns) {
    this.vigilName = vigilName;
    this.naturalKey = naturalKey;
    this.dataColumns = dataColumns;
  }

  private static List<Column> columns(String... nameAndType) {
    List<Column> columns = new ArrayList<>();
    for (String column : nameAndType) {
      String[] parts = column.split(":");
      columns.add(new Column(parts[0], parts[1]));
    }
    return List.copyOf(columns);
  }

  /** The custom table's name in the workspace, such as {@code SentinelCustomAnalytics_TimeSeries_CL}. */
  public String tableName() {
    return vigilName + "_CL";
  }

  /** The data collection rule's input stream for the table. */
  public String streamName() {
    return "Custom-" + tableName();
  }

  /**
   * The columns besides Source that identify a row: a later row with the same values replaces an earlier one. Empty
   * for the watermark tables, whose newest row per source is the current one.
   */
  public List<String> naturalKey() {
    return naturalKey;
  }

  /** The columns Vigil fills, in order, without the bookkeeping columns. */
  public List<Column> dataColumns() {
    return dataColumns;
  }

  /** Every column of the custom table: the bookkeeping columns first, then the data columns. */
  public List<Column> allColumns() {
    List<Column> all = new ArrayList<>(List.of(new Column(TIME_GENERATED, "datetime"), new Column(WRITE_ID, "string"),
        new Column(ROW, "long")));
    all.addAll(dataColumns);
    return all;
  }
}
