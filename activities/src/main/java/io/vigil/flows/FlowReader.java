package io.vigil.flows;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.config.CsvTable;
import io.vigil.model.Identifier;
import io.vigil.model.flows.Flow;
import io.vigil.model.flows.FlowBatch;
import io.vigil.model.flows.FlowRejection;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads flows from a CSV file, a Zeek {@code conn.log}, a Parquet file or a DuckDB table, and validates every row:
 * a row with a missing column or a bad number, port or timestamp is rejected with its row, column, value and reason,
 * and the other rows are read. Columns are matched by DESIGN section 5's names or their common aliases (Vigil's
 * normalised CSV, Zeek's {@code conn.log} fields), without regard to case.
 */
public final class FlowReader {

  /** Each required feature with the column names that may hold it, DESIGN's name first. */
  static final Map<String, List<String>> COLUMNS = orderedColumns();

  private static Map<String, List<String>> orderedColumns() {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    columns.put("timestamp", List.of("timestamp", "ts"));
    columns.put("flow_dur", List.of("flow_dur", "duration"));
    columns.put("src_ip", List.of("src_ip", "id.orig_h"));
    columns.put("src_port", List.of("src_port", "id.orig_p"));
    columns.put("dest_ip", List.of("dest_ip", "dst_ip", "id.resp_h"));
    columns.put("dest_port", List.of("dest_port", "dst_port", "id.resp_p"));
    columns.put("fwd_bytes", List.of("fwd_bytes", "orig_bytes"));
    columns.put("bwd_bytes", List.of("bwd_bytes", "resp_bytes"));
    columns.put("total_fwd_pkts", List.of("total_fwd_pkts", "fwd_pkts", "orig_pkts"));
    columns.put("total_bwd_pkts", List.of("total_bwd_pkts", "bwd_pkts", "resp_pkts"));
    return columns;
  }

  private static final List<String> LABEL_COLUMNS = List.of("label");

  /** Digits with an optional decimal part and exponent, in ASCII only. */
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private FlowReader() {}

  /**
   * Reads {@code source}: a path ending in {@code .csv}, {@code .parquet}, or a Zeek log (a file whose first line is
   * {@code #separator}); otherwise the name of a table in {@code database}.
   */
  public static FlowBatch read(String source, DuckDbBackend database) {
    Path path = Path.of(source);
    if (Files.isRegularFile(path)) {
      String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".parquet")) {
        return readQuery(path.getFileName().toString(), "SELECT * FROM read_parquet('"
            + path.toAbsolutePath().toString().replace("'", "''") + "')", database);
      }
      return isZeek(path) ? readZeek(path) : readCsv(path);
    }
    if (source.contains("/") || source.contains(".")) {
      throw new IllegalArgumentException("flow source " + source + ": no such file");
    }
    if (database == null) {
      throw new IllegalArgumentException("flow source " + source + " is not a file, and no DuckDB database is open");
    }
    return readQuery(source, "SELECT * FROM " + DuckDbBackend.quote(Identifier.require(source)), database);
  }

  /** Whether the file starts with Zeek's {@code #separator} line; compares bytes, so any encoding is told apart. */
  private static boolean isZeek(Path path) {
    byte[] marker = "#separator".getBytes(StandardCharsets.US_ASCII);
    try (InputStream in = Files.newInputStream(path)) {
      return Arrays.equals(in.readNBytes(marker.length), marker);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read flow file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Vigil's normalised CSV, or any CSV with DESIGN's column names. */
  public static FlowBatch readCsv(Path path) {
    CsvTable table;
    try {
      table = CsvTable.read(path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read flow file " + path + ": " + e.getMessage(), e);
    }
    Rows rows = new Rows(path.getFileName().toString(), table.header());
    for (CsvTable.Row row : table.rows()) {
      rows.add(row.number(), row.line(), row.cells());
    }
    return rows.batch();
  }

  /**
   * A Zeek {@code conn.log}: tab-separated, field names from the {@code #fields} line, {@code -} for unset values.
   * IoT-23's labelled logs separate their last three fields by three spaces instead of tabs; those are split too.
   */
  public static FlowBatch readZeek(Path path) {
    String dataset = path.getFileName().toString();
    String[] lines;
    try {
      lines = CsvTable.readUtf8(dataset, path).split("\r?\n", -1);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read Zeek log " + path + ": " + e.getMessage(), e);
    }
    Rows rows = null;
    long row = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("#fields")) {
        // Concatenated logs repeat their header lines; each #fields line names the fields of the lines after it.
        List<String> header = List.of(fields(line.substring("#fields".length())));
        if (rows == null) {
          rows = new Rows(dataset, header);
        } else {
          rows.header(header);
        }
        continue;
      }
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (rows == null) {
        throw new IllegalArgumentException("Zeek log " + path + " line " + (i + 1) + ": data before the #fields line");
      }
      rows.add(++row, i + 1, List.of(fields(line)));
    }
    if (rows == null) {
      throw new IllegalArgumentException("Zeek log " + path + " has no #fields line");
    }
    return rows.batch();
  }

  private static String[] fields(String line) {
    return line.strip().split("\t| {3}", -1);
  }

  private static FlowBatch readQuery(String dataset, String sql, DuckDbBackend database) {
    try (Connection connection = database.connection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return readRows(dataset, result);
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read flows from " + dataset + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads flows from the rows of a query over a flow table of any database, matching its columns by name as for a
   * file; timestamps may be SQL timestamps or text. Row numbers follow the order of {@code result}.
   */
  public static FlowBatch readRows(String dataset, ResultSet result) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    List<String> header = new ArrayList<>();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      header.add(meta.getColumnName(c));
    }
    Rows rows = new Rows(dataset, header);
    long row = 0;
    while (result.next()) {
      List<String> cells = new ArrayList<>(header.size());
      for (int c = 1; c <= header.size(); c++) {
        Object value = result.getObject(c);
        cells.add(value == null ? "" : value instanceof java.sql.Timestamp ts ? ts.toInstant().toString()
            : value instanceof java.time.OffsetDateTime odt ? odt.toInstant().toString()
            : value instanceof java.time.LocalDateTime ldt ? ldt.toInstant(java.time.ZoneOffset.UTC).toString()
            // Epoch seconds in a DOUBLE or FLOAT column would print as 1.7676072E9, which is no timestamp.
            : value instanceof Double || value instanceof Float
                ? BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString()
            : value.toString());
      }
      rows.add(++row, 0, cells);
    }
    return rows.batch();
  }

  /** Turns cells into flows, rejecting bad rows with their reasons. */
  private static final class Rows {
    private final String dataset;
    private final List<Flow> flows = new ArrayList<>();
    private final List<FlowRejection> rejected = new ArrayList<>();
    private int headerSize;
    private Map<String, Integer> index;
    private Map<String, String> columnName;
    private int labelColumn;
    private String missing;

    Rows(String dataset, List<String> header) {
      this.dataset = dataset;
      header(header);
    }

    /** Reads the rows that follow by {@code header}'s columns. */
    void header(List<String> header) {
      headerSize = header.size();
      index = new HashMap<>();
      columnName = new HashMap<>();
      List<String> absent = new ArrayList<>();
      for (Map.Entry<String, List<String>> feature : COLUMNS.entrySet()) {
        int found = find(header, feature.getValue());
        if (found < 0) {
          absent.add(feature.getKey() + " (or " + String.join(", ", feature.getValue().subList(1,
              feature.getValue().size())) + ")");
        } else {
          index.put(feature.getKey(), found);
          columnName.put(feature.getKey(), header.get(found));
        }
      }
      labelColumn = find(header, LABEL_COLUMNS);
      if (labelColumn >= 0) {
        columnName.put("label", header.get(labelColumn));
      }
      missing = absent.isEmpty() ? null : "missing column(s): " + String.join("; ", absent);
    }

    private static int find(List<String> header, List<String> names) {
      for (String name : names) {
        for (int i = 0; i < header.size(); i++) {
          if (header.get(i).strip().equalsIgnoreCase(name)) {
            return i;
          }
        }
      }
      return -1;
    }

    void add(long row, long line, List<String> cells) {
      if (missing != null) {
        rejected.add(new FlowRejection(dataset, row, line, "", null, missing));
        return;
      }
      if (cells.size() != headerSize) {
        rejected.add(new FlowRejection(dataset, row, line, "", null, "the row has " + cells.size()
            + " cells but the header has " + headerSize));
        return;
      }
      try {
        flows.add(new Flow(row, timestamp(cells), duration(cells), address(cells, "src_ip"),
            port(cells, "src_port"), address(cells, "dest_ip"), port(cells, "dest_port"), count(cells, "fwd_bytes"),
            count(cells, "bwd_bytes"), count(cells, "total_fwd_pkts"), count(cells, "total_bwd_pkts"),
            label(cells)));
      } catch (BadValue bad) {
        rejected.add(new FlowRejection(dataset, row, line, bad.column, bad.value, bad.getMessage()));
      }
    }

    FlowBatch batch() {
      return new FlowBatch(dataset, flows, rejected);
    }

    private String cell(List<String> cells, String feature) {
      return cells.get(index.get(feature)).strip();
    }

    private BadValue bad(String feature, String value, String reason) {
      return new BadValue(columnName.get(feature), value, reason);
    }

    /** Epoch seconds (decimals allowed) or an ISO-8601 instant. */
    private Instant timestamp(List<String> cells) throws BadValue {
      String value = cell(cells, "timestamp");
      try {
        if (value.matches("\\d+(\\.\\d+)?")) {
          BigDecimal seconds = new BigDecimal(value);
          // Exact conversions, so that seconds beyond a long or an Instant are rejected rather than wrapped.
          long whole = seconds.toBigInteger().longValueExact();
          long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
          return Instant.ofEpochSecond(whole, nanos);
        }
        return Instant.parse(value);
      } catch (DateTimeException | ArithmeticException e) {
        throw bad("timestamp", value, "not a timestamp; expected epoch seconds or an ISO-8601 instant such as "
            + "2022-06-22T21:59:36Z");
      }
    }

    /** A duration in seconds, 0 or more; empty and Zeek's unset {@code -} and empty {@code (empty)} are 0. */
    private double duration(List<String> cells) throws BadValue {
      BigDecimal seconds = amount(cells, "flow_dur");
      double value = seconds.doubleValue();
      if (Double.isInfinite(value)) {
        throw bad("flow_dur", cell(cells, "flow_dur"), "too large; expected a number of seconds");
      }
      return value;
    }

    /** A count of bytes or packets: a whole number, 0 or more; unset is 0. */
    private long count(List<String> cells, String feature) throws BadValue {
      BigDecimal count = amount(cells, feature);
      try {
        return count.longValueExact();
      } catch (ArithmeticException e) {
        throw bad(feature, cell(cells, feature), "not a whole number from 0 to " + Long.MAX_VALUE);
      }
    }

    /**
     * A decimal number of 0 or more, exponent allowed (pandas writes 1e-05); unset is 0. Parsed exactly, so that a
     * count is never rounded through a double, and without Java's own forms such as {@code 1d} or {@code 0x1p3}.
     */
    private BigDecimal amount(List<String> cells, String feature) throws BadValue {
      String value = cell(cells, feature);
      if (unset(value)) {
        return BigDecimal.ZERO;
      }
      if (!PLAIN_NUMBER.matcher(value).matches()) {
        throw bad(feature, value, "not a number");
      }
      try {
        BigDecimal number = new BigDecimal(value);
        if (number.signum() < 0) {
          throw bad(feature, value, "not a number of 0 or more");
        }
        return number;
      } catch (NumberFormatException e) {
        throw bad(feature, value, "not a number");
      }
    }

    private int port(List<String> cells, String feature) throws BadValue {
      String value = cell(cells, feature);
      try {
        int port = Integer.parseInt(value);
        if (port >= 0 && port <= 65_535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // Reported below with the allowed range.
      }
      throw bad(feature, value, "not a port; expected a whole number from 0 to 65535");
    }

    private String address(List<String> cells, String feature) throws BadValue {
      String value = cell(cells, feature);
      if (unset(value)) {
        throw bad(feature, value, "empty; every flow needs its source and destination address");
      }
      return value;
    }

    /** 1 for malicious, 0 for benign, background or normal; null where the source has no labels. */
    private Integer label(List<String> cells) throws BadValue {
      if (labelColumn < 0) {
        return null;
      }
      String value = cells.get(labelColumn).strip();
      if (unset(value)) {
        return null;
      }
      switch (value.toLowerCase(Locale.ROOT)) {
        case "1", "true", "malicious", "attack" -> {
          return 1;
        }
        case "0", "false", "benign", "background", "normal" -> {
          return 0;
        }
        default -> {
          // IoT-23's labelled Zeek logs say "Malicious" followed by nothing else, or "Benign"; anything else is
          // a file this reader does not understand, and guessing would corrupt an evaluation.
          throw bad("label", value, "not a label; expected 1/0, true/false, Malicious, Benign, Background "
              + "or Normal");
        }
      }
    }
  }

  /** Whether a cell holds nothing: empty, or Zeek's unset {@code -} or empty {@code (empty)} marker. */
  private static boolean unset(String value) {
    return value.isEmpty() || value.equals("-") || value.equals("(empty)");
  }

  /** A cell that cannot be read, with its column. */
  private static final class BadValue extends Exception {
    final String column;
    final String value;

    BadValue(String column, String value, String reason) {
      super(reason, null, false, false);
      this.column = column;
      this.value = value;
    }
  }
}
