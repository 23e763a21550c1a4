package io.vigil.backend;

import io.vigil.model.Dimension;
import io.vigil.model.SeriesBin;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.forecast.Prediction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Vigil's table rows to and from JDBC, for every SQL backend. Timestamps cross JDBC only as microseconds since the
 * epoch, so neither the JVM's nor the session's time zone can shift a bin. Each reader expects the columns in the
 * order its documentation gives, which is the order the backends' SELECTs list them in.
 */
public final class VigilRows {

  private VigilRows() {}

  public static long toMicros(Instant instant) {
    return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1_000;
  }

  public static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  public static Double nullableDouble(ResultSet rows, int column) throws SQLException {
    double value = rows.getDouble(column);
    return rows.wasNull() ? null : value;
  }

  /** Source, Hostname, User, SrcIpAddr, Activity, TimeBin (µs), Count, Max, Min, Sum, Avg. */
  public static SeriesBin seriesBin(ResultSet rows) throws SQLException {
    return new SeriesBin(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
        rows.getString(5), fromMicros(rows.getLong(6)), rows.getLong(7), nullableDouble(rows, 8),
        nullableDouble(rows, 9), nullableDouble(rows, 10), nullableDouble(rows, 11));
  }

  /** Hostname, User, SrcIpAddr, Activity, TimeBin (µs), Metric, Forecast, Lower, Upper, Model, GeneratedAt (µs). */
  public static Prediction prediction(String source, ResultSet rows) throws SQLException {
    return new Prediction(source, rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
        fromMicros(rows.getLong(5)), rows.getString(6), rows.getDouble(7), rows.getDouble(8), rows.getDouble(9),
        rows.getString(10), fromMicros(rows.getLong(11)));
  }

  /**
   * Kind, Hostname, User, SrcIpAddr, Activity, TimeBin (µs), Metric, Actual, Expected, Lower, Upper, Score, Severity,
   * AlertName, AlertSeverity, Weight, Excepted, Evidence, DetectedAt (µs).
   */
  public static Anomaly anomaly(String source, ResultSet rows) throws SQLException {
    return new Anomaly(source, kindOf(rows.getString(1)), rows.getString(2), rows.getString(3), rows.getString(4),
        rows.getString(5), fromMicros(rows.getLong(6)), rows.getString(7), rows.getDouble(8), rows.getDouble(9),
        rows.getDouble(10), rows.getDouble(11), nullableDouble(rows, 12), severityOf(rows.getString(13)),
        rows.getString(14), severityOf(rows.getString(15)), rows.getDouble(16), rows.getBoolean(17),
        rows.getString(18), fromMicros(rows.getLong(19)));
  }

  /**
   * Hostname, User, SrcIpAddr, Activity, FirstBin (µs), LastBin (µs), Weight, Anomalies, Kinds, AlertName, Severity,
   * DetectedAt (µs).
   */
  public static Incident incident(String source, ResultSet rows) throws SQLException {
    return new Incident(source, rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
        fromMicros(rows.getLong(5)), fromMicros(rows.getLong(6)), rows.getDouble(7), rows.getInt(8),
        rows.getString(9), rows.getString(10), severityOf(rows.getString(11)), fromMicros(rows.getLong(12)));
  }

  /**
   * {@code AND "Column" = ?} for each dimension of a series key, in dimension order, for a WHERE clause on a Vigil
   * table; {@link #bindKey} binds the values. Key values come from event data, so they are parameters, never literals.
   */
  public static String keyCondition(Map<Dimension, String> key) {
    StringBuilder sql = new StringBuilder();
    for (Dimension dimension : Dimension.values()) {
      if (key.containsKey(dimension)) {
        sql.append(" AND \"").append(dimension.column()).append("\" = ?");
      }
    }
    return sql.toString();
  }

  /** Binds the key's values, in dimension order, from parameter {@code first} on. */
  public static void bindKey(PreparedStatement statement, int first, Map<Dimension, String> key) throws SQLException {
    int parameter = first;
    for (Dimension dimension : Dimension.values()) {
      if (key.containsKey(dimension)) {
        statement.setString(parameter++, key.get(dimension));
      }
    }
  }

  /**
   * A source's raw events from an evidence query run with a limit one above {@code limit}: the columns in the source's
   * order, at most {@code limit} events as text, and whether the extra one was there.
   */
  public static SourceEvents sourceEvents(ResultSet rows, int limit) throws SQLException {
    int width = rows.getMetaData().getColumnCount();
    List<String> columns = new ArrayList<>(width);
    for (int column = 1; column <= width; column++) {
      columns.add(rows.getMetaData().getColumnName(column));
    }
    List<List<String>> events = new ArrayList<>();
    boolean more = false;
    while (rows.next()) {
      if (events.size() == limit) {
        more = true;
        break;
      }
      List<String> event = new ArrayList<>(width);
      for (int column = 1; column <= width; column++) {
        event.add(rows.getString(column));
      }
      events.add(event);
    }
    return new SourceEvents(columns, events, more);
  }

  /** Binds a bin to an INSERT of every TimeSeries column in table order, the bin's start as µs. */
  public static void bindSeriesBin(PreparedStatement insert, SeriesBin bin) throws SQLException {
    insert.setString(1, bin.source());
    insert.setString(2, bin.hostname());
    insert.setString(3, bin.user());
    insert.setString(4, bin.srcIpAddr());
    insert.setString(5, bin.activity());
    insert.setLong(6, toMicros(bin.timeBin()));
    insert.setLong(7, bin.count());
    setNullableDouble(insert, 8, bin.max());
    setNullableDouble(insert, 9, bin.min());
    setNullableDouble(insert, 10, bin.sum());
    setNullableDouble(insert, 11, bin.avg());
  }

  /** Binds a prediction to an INSERT of every Prediction column in table order, timestamps as µs. */
  public static void bindPrediction(PreparedStatement insert, Prediction prediction) throws SQLException {
    insert.setString(1, prediction.source());
    insert.setString(2, prediction.hostname());
    insert.setString(3, prediction.user());
    insert.setString(4, prediction.srcIpAddr());
    insert.setString(5, prediction.activity());
    insert.setLong(6, toMicros(prediction.timeBin()));
    insert.setString(7, prediction.metric());
    insert.setDouble(8, prediction.forecast());
    insert.setDouble(9, prediction.lower());
    insert.setDouble(10, prediction.upper());
    insert.setString(11, prediction.model());
    insert.setLong(12, toMicros(prediction.generatedAt()));
  }

  /** Binds an anomaly to an INSERT of every Anomalies column in table order, timestamps as µs. */
  public static void bindAnomaly(PreparedStatement insert, Anomaly anomaly) throws SQLException {
    insert.setString(1, anomaly.source());
    insert.setString(2, anomaly.kind().id());
    insert.setString(3, anomaly.hostname());
    insert.setString(4, anomaly.user());
    insert.setString(5, anomaly.srcIpAddr());
    insert.setString(6, anomaly.activity());
    insert.setLong(7, toMicros(anomaly.timeBin()));
    insert.setString(8, anomaly.metric());
    insert.setDouble(9, anomaly.actual());
    insert.setDouble(10, anomaly.expected());
    insert.setDouble(11, anomaly.lower());
    insert.setDouble(12, anomaly.upper());
    setNullableDouble(insert, 13, anomaly.score());
    insert.setString(14, anomaly.severity().label());
    insert.setString(15, anomaly.alertName());
    insert.setString(16, anomaly.alertSeverity().label());
    insert.setDouble(17, anomaly.weight());
    insert.setBoolean(18, anomaly.excepted());
    insert.setString(19, anomaly.evidence());
    insert.setLong(20, toMicros(anomaly.detectedAt()));
  }

  /** Binds an incident to an INSERT of every Incidents column in table order, timestamps as µs. */
  public static void bindIncident(PreparedStatement insert, Incident incident) throws SQLException {
    insert.setString(1, incident.source());
    insert.setString(2, incident.hostname());
    insert.setString(3, incident.user());
    insert.setString(4, incident.srcIpAddr());
    insert.setString(5, incident.activity());
    insert.setLong(6, toMicros(incident.firstBin()));
    insert.setLong(7, toMicros(incident.lastBin()));
    insert.setDouble(8, incident.weight());
    insert.setInt(9, incident.anomalies());
    insert.setString(10, incident.kinds());
    insert.setString(11, incident.alertName());
    insert.setString(12, incident.severity().label());
    insert.setLong(13, toMicros(incident.detectedAt()));
  }

  private static void setNullableDouble(PreparedStatement statement, int index, Double value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, value);
    }
  }

  /** The anomaly kind a Vigil table stores by its id. */
  public static AnomalyKind kindOf(String id) {
    return Arrays.stream(AnomalyKind.values()).filter(kind -> kind.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown anomaly kind '" + id + "' in the Anomalies table"));
  }

  /** The severity a Vigil table stores by its label. */
  public static Severity severityOf(String label) {
    return Severity.byLabel(label)
        .orElseThrow(() -> new IllegalStateException("unknown severity '" + label + "' in the anomaly tables"));
  }
}
