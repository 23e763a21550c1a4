package io.vigil.tests;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.BinGrid;
import io.vigil.model.Dimension;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expected TimeSeries rows, computed without Vigil's SQL: every raw event is read and grouped in Java by key
 * and epoch-aligned bin. Tests compare Vigil's table against this.
 */
final class GroundTruth {

  private GroundTruth() {}

  /** The bins a direct GROUP BY of the raw rows gives over {@code range}, in bin then key order. */
  static List<SeriesBin> bins(DuckDbBackend backend, SourceConfig config, TimeRange range) throws SQLException {
    StringBuilder select = new StringBuilder("SELECT epoch_us(").append(config.timeField()).append(")");
    for (Dimension dimension : Dimension.values()) {
      String field = config.fieldFor(dimension);
      select.append(", ").append(field.isEmpty() ? "NULL" : "CAST(" + field + " AS VARCHAR)");
    }
    select.append(", ").append(config.hasSize() ? "CAST(" + config.sizeField() + " AS DOUBLE)" : "NULL");
    select.append(" FROM ").append(config.source());
    BinGrid grid = config.grid();
    Map<String, Accumulator> groups = new TreeMap<>();
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(select.toString())) {
      while (rows.next()) {
        Instant time = DuckDbBackend.fromMicros(rows.getLong(1));
        if (!range.contains(time)) {
          continue;
        }
        String[] key = new String[4];
        for (int i = 0; i < 4; i++) {
          String value = rows.getString(2 + i);
          key[i] = value == null ? "" : value;
        }
        Instant bin = grid.floor(time);
        double size = rows.getDouble(6);
        Double sizeValue = rows.wasNull() ? null : size;
        String id = bin + "\u0000" + String.join("\u0000", key);
        groups.computeIfAbsent(id, k -> new Accumulator(config.source(), key, bin)).add(sizeValue);
      }
    }
    List<SeriesBin> bins = new ArrayList<>();
    groups.values().forEach(group -> bins.add(group.bin()));
    bins.sort(ORDER);
    return bins;
  }

  static final Comparator<SeriesBin> ORDER = Comparator.comparing(SeriesBin::timeBin)
      .thenComparing(SeriesBin::hostname).thenComparing(SeriesBin::user).thenComparing(SeriesBin::srcIpAddr)
      .thenComparing(SeriesBin::activity);

  /** Rounds the floating aggregates so that a different summation order cannot make equal rows differ. */
  static List<SeriesBin> comparable(List<SeriesBin> bins) {
    return bins.stream().sorted(ORDER).map(bin -> new SeriesBin(bin.source(), bin.hostname(), bin.user(),
        bin.srcIpAddr(), bin.activity(), bin.timeBin(), bin.count(), round(bin.max()), round(bin.min()),
        round(bin.sum()), round(bin.avg()))).toList();
  }

  private static Double round(Double value) {
    return value == null ? null : Math.round(value * 1e6) / 1e6;
  }

  private static final class Accumulator {
    private final String source;
    private final String[] key;
    private final Instant bin;
    private long count;
    private Double max;
    private Double min;
    private double sum;
    private long sized;

    Accumulator(String source, String[] key, Instant bin) {
      this.source = source;
      this.key = key;
      this.bin = bin;
    }

    void add(Double size) {
      count++;
      if (size != null) {
        max = max == null ? size : Math.max(max, size);
        min = min == null ? size : Math.min(min, size);
        sum += size;
        sized++;
      }
    }

    SeriesBin bin() {
      return new SeriesBin(source, key[0], key[1], key[2], key[3], bin, count, max, min,
          sized == 0 ? null : sum, sized == 0 ? null : sum / sized);
    }
  }
}
