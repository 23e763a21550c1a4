package io.vigil.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.model.Identifier;
import io.vigil.model.flows.Flow;
import io.vigil.model.flows.FlowBatch;
import io.vigil.model.flows.FlowRejection;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;

/**
 * Flow files come from sensors and exports that may be truncated, corrupted or hostile. Whatever the data lines of a
 * file with a valid header hold, reading it never throws: every valid line becomes exactly its flow, and every other
 * line is rejected once, naming its row, line, column, value and reason. Under plain {@code mvn test} each target
 * runs on its inputs in {@code FlowReaderFuzzTestInputs}; with {@code JAZZER_FUZZ=1} Jazzer searches for new ones.
 */
@Tag("fuzz")
class FlowReaderFuzzTest {

  /** The features of a flow in the reader's order, then the label. */
  static final List<String> FEATURES = features();

  private static List<String> features() {
    List<String> features = new ArrayList<>(FlowReader.COLUMNS.keySet());
    features.add("label");
    return List.copyOf(features);
  }

  static final int LABEL = FEATURES.indexOf("label");

  /** Zeek's conn.log names of the features, in FEATURES' order. */
  static final List<String> ZEEK_NAMES = List.of("ts", "duration", "id.orig_h", "id.orig_p", "id.resp_h",
      "id.resp_p", "orig_bytes", "resp_bytes", "orig_pkts", "resp_pkts", "label");

  static final String ZEEK_HEADER = "#separator \\x09\n#fields\t" + String.join("\t", ZEEK_NAMES) + "\n";
  static final String CSV_HEADER = String.join(",", FEATURES) + "\n";

  @FuzzTest(maxDuration = "60s")
  void everyLineIsReadAsItsFlowOrRejectedNamingRowLineColumnAndValue(FuzzedDataProvider data) throws IOException {
    boolean zeek = data.consumeBoolean();
    List<DataLine> lines = dataLines(data);
    Written written = zeek ? zeekLayout(data).write(lines) : csvLayout(data).write(lines);
    FlowBatch batch = read(written.text().getBytes(StandardCharsets.UTF_8), zeek ? ".log" : ".csv");

    List<Flow> flows = new ArrayList<>();
    List<FlowRejection> rejected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      DataLine line = lines.get(i);
      long row = i + 1;
      long fileLine = written.lines().get(i);
      if (line.junk() != null) {
        rejected.add(new FlowRejection("flows", row, fileLine, "", null, ""));
      } else if (line.badFeature() < 0 || line.badFeature() == LABEL && !written.labelled()) {
        flows.add(line.flow().expected(row, written.labelled()));
      } else {
        rejected.add(new FlowRejection("flows", row, fileLine, written.columns().get(line.badFeature()),
            line.badValue().strip(), ""));
      }
    }
    assertEquals(flows, batch.flows(), written::text);
    assertEquals(rejected, batch.rejected().stream().map(rejection -> new FlowRejection("flows", rejection.row(),
        rejection.line(), rejection.column(), rejection.value(), "")).toList(), written::text);
    batch.rejected().forEach(FlowReaderFuzzTest::assertNamed);
  }

  // Jazzer writes line breaks into its dictionary file unescaped, which breaks the file, so CR and LF are left out.
  @FuzzTest(maxDuration = "60s")
  @DictionaryEntries({",", "\t", "   ", "\"", "-", "(empty)", "#", "#fields", "\uFEFF", "1655935176.5", "10.0.0.1",
      "443", "-1", "NaN", "1e9", "99999999999999999", "Malicious", "2022-06-22T21:59:36Z", "\u202e"})
  void anyBytesUnderAValidHeaderAreReadOrFailNamingTheFileAndLine(FuzzedDataProvider data) throws IOException {
    boolean zeek = data.consumeBoolean();
    byte[] header = (zeek ? ZEEK_HEADER : CSV_HEADER).getBytes(StandardCharsets.UTF_8);
    byte[] junk = data.consumeRemainingAsBytes();
    byte[] file = new byte[header.length + junk.length];
    System.arraycopy(header, 0, file, 0, header.length);
    System.arraycopy(junk, 0, file, header.length, junk.length);
    String suffix = zeek ? ".log" : ".csv";
    FlowBatch batch;
    try {
      batch = read(file, suffix);
    } catch (IllegalArgumentException unreadable) {
      // Past a valid header only bytes that are not UTF-8, or a CSV quote that never closes, make a file unreadable.
      assertTrue(!zeek || !isUtf8(junk), unreadable::getMessage);
      assertTrue(unreadable.getMessage().matches("(?s).*flows\\" + suffix + " line \\d+: .+"),
          unreadable::getMessage);
      return;
    }
    batch.rejected().forEach(FlowReaderFuzzTest::assertNamed);
    int lines = new String(junk, StandardCharsets.UTF_8).split("\n", -1).length;
    assertTrue(batch.flows().size() + batch.rejected().size() <= lines, batch::toString);
  }

  @FuzzTest(maxDuration = "60s")
  void aBrokenHeaderFailsOrRejectsEveryRowNamingTheFileAndTheMissingColumn(FuzzedDataProvider data)
      throws IOException {
    BrokenHeader header = brokenHeader(data);
    List<DataLine> lines = dataLines(data);
    StringBuilder text = new StringBuilder(header.text());
    for (DataLine line : lines) {
      text.append(String.join(header.zeek() ? "\t" : ",", line.cells(FEATURES.size()))).append('\n');
    }
    String suffix = header.zeek() ? ".log" : ".csv";
    FlowBatch batch;
    try {
      batch = read(text.toString().getBytes(StandardCharsets.UTF_8), suffix);
    } catch (IllegalArgumentException broken) {
      assertTrue(broken.getMessage().contains("flows" + suffix), broken::getMessage);
      return;
    }
    assertEquals(List.of(), batch.flows(), text::toString);
    assertEquals(lines.size(), batch.rejected().size(), text::toString);
    for (FlowRejection rejection : batch.rejected()) {
      assertNamed(rejection);
      assertTrue(rejection.reason().startsWith("missing column(s): " + header.missing()), rejection::toString);
    }
  }

  // ---- checks -------------------------------------------------------------------------------------------------

  /** A rejection names its row and line, says why, and shows nothing a log would hide or break on. */
  private static void assertNamed(FlowRejection rejection) {
    String shown = rejection.toString();
    assertTrue(rejection.row() > 0 && rejection.line() > 0 && !rejection.reason().isBlank(), shown);
    assertTrue(shown.matches("(?s)flows\\.(csv|log) row \\d+ \\(line \\d+\\).*"), shown);
    assertTrue(shown.codePoints().noneMatch(Identifier::hidden), shown);
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException notUtf8) {
      return false;
    }
  }

  private static FlowBatch read(byte[] bytes, String suffix) throws IOException {
    Path dir = Files.createTempDirectory("flows");
    Path file = dir.resolve("flows" + suffix);
    try {
      Files.write(file, bytes);
      return FlowReader.read(file.toString(), null);
    } finally {
      Files.deleteIfExists(file);
      Files.delete(dir);
    }
  }

  // ---- flows and lines ----------------------------------------------------------------------------------------

  /** A cell as written and the value it must read as. */
  record Value(String text, Object read) {}

  /** A valid flow: its cells in FEATURES' order. */
  record GoodFlow(List<Value> values) {

    Flow expected(long row, boolean labelled) {
      return new Flow(row, (Instant) read(0), (Double) read(1), (String) read(2), (Integer) read(3),
          (String) read(4), (Integer) read(5), (Long) read(6), (Long) read(7), (Long) read(8), (Long) read(9),
          labelled ? (Integer) read(LABEL) : null);
    }

    private Object read(int feature) {
      return values.get(feature).read();
    }
  }

  /**
   * One data line: a valid flow; a valid flow with one bad cell (badFeature, badValue); or junk, cells that are not
   * as many as the header's.
   */
  record DataLine(GoodFlow flow, int badFeature, String badValue, List<String> junk) {

    /** The cells in FEATURES' order, the first {@code features} of them. */
    List<String> cells(int features) {
      if (junk != null) {
        return junk;
      }
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < features; i++) {
        cells.add(i == badFeature ? badValue : flow.values().get(i).text());
      }
      return cells;
    }
  }

  /** Characters of a junk cell: no spaces, so that no cell splits at IoT-23's three-space separator. */
  static final String JUNK_CHARACTERS = "abcxyzABZ0123456789.:-_()+/;'`|$";

  /** Up to 15 lines, each valid, valid but for one bad cell, or junk, in about the proportions 5:4:1. */
  static List<DataLine> dataLines(FuzzedDataProvider data) {
    List<DataLine> lines = new ArrayList<>();
    for (int count = data.consumeInt(0, 15); lines.size() < count; ) {
      int kind = data.consumeInt(0, 9);
      if (kind < 5) {
        lines.add(new DataLine(goodFlow(data), -1, null, null));
      } else if (kind < 9) {
        int feature = data.consumeInt(0, LABEL);
        lines.add(new DataLine(goodFlow(data), feature, data.pickValue(badValues(feature)), null));
      } else {
        List<String> junk = new ArrayList<>();
        for (int cells = data.consumeInt(1, LABEL - 1); junk.size() < cells; ) {
          StringBuilder cell = new StringBuilder();
          for (int length = data.consumeInt(1, 12); cell.length() < length; ) {
            cell.append(JUNK_CHARACTERS.charAt(data.consumeInt(0, JUNK_CHARACTERS.length() - 1)));
          }
          junk.add(cell.toString());
        }
        lines.add(new DataLine(null, -1, null, junk));
      }
    }
    return lines;
  }

  static final List<Value> LABELS = List.of(new Value("1", 1), new Value("0", 0), new Value("true", 1),
      new Value("FALSE", 0), new Value("Malicious", 1), new Value("Benign", 0), new Value("background", 0),
      new Value("Normal", 0), new Value("attack", 1), new Value("-", null), new Value("(empty)", null));

  static GoodFlow goodFlow(FuzzedDataProvider data) {
    List<Value> values = new ArrayList<>(List.of(timestamp(data), duration(data), address(data), port(data),
        address(data), port(data)));
    for (int i = 0; i < 4; i++) {
      values.add(count(data));
    }
    values.add(data.pickValue(LABELS));
    return new GoodFlow(values);
  }

  private static Value timestamp(FuzzedDataProvider data) {
    long seconds = data.consumeLong(0, 4_102_444_800L);
    int micros = data.consumeInt(0, 999_999);
    Instant instant = Instant.ofEpochSecond(seconds, micros * 1000L);
    return switch (data.consumeInt(0, 2)) {
      case 0 -> new Value(seconds + "." + String.format("%06d", micros), instant);
      case 1 -> new Value(Long.toString(seconds), Instant.ofEpochSecond(seconds));
      default -> new Value(instant.toString(), instant);
    };
  }

  private static Value duration(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return unset(data, 0.0);
    }
    BigDecimal seconds = BigDecimal.valueOf(data.consumeLong(0, 10_000_000_000L), data.consumeInt(-3, 9));
    String text = data.consumeBoolean() ? seconds.toString().toLowerCase(Locale.ROOT) : seconds.toPlainString();
    return new Value(text, Double.parseDouble(text));
  }

  private static Value address(FuzzedDataProvider data) {
    List<String> parts = new ArrayList<>();
    boolean ipv6 = data.consumeBoolean();
    for (int i = 0; i < (ipv6 ? 8 : 4); i++) {
      parts.add(ipv6 ? Integer.toHexString(data.consumeInt(0, 0xffff)) : Integer.toString(data.consumeInt(0, 255)));
    }
    String text = String.join(ipv6 ? ":" : ".", parts);
    return new Value(text, text);
  }

  private static Value port(FuzzedDataProvider data) {
    int port = data.consumeInt(0, 65_535);
    return new Value(Integer.toString(port), port);
  }

  private static Value count(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 2)) {
      case 0 -> unset(data, 0L);
      case 1 -> {
        // Any long with its sign cleared: Jazzer 0.24.0's consumeLong(0, Long.MAX_VALUE) returns negative ones too.
        long count = data.consumeLong() & Long.MAX_VALUE;
        yield new Value(Long.toString(count), count);
      }
      default -> {
        long count = data.consumeLong(0, 1_000_000);
        yield new Value(count + ".0", count);
      }
    };
  }

  /** Zeek's unset and empty markers, which read as nothing: 0 for a duration or count. */
  private static Value unset(FuzzedDataProvider data, Object zero) {
    return new Value(data.pickValue(List.of("-", "(empty)")), zero);
  }

  static final List<String> BAD_NUMBERS = List.of("abc", "NaN", "Infinity", "-5", "-0.1", "1e400", "1d", "0x1p3",
      "1,5", "--1");

  /** Values a count cannot hold: fractions, and numbers beyond a long. */
  static final List<String> BAD_COUNTS = List.of("1.5", "1e300", "9223372036854775808", "99999999999999999999",
      "1f");

  /** Values that are bad for {@code feature}, whatever the rest of the line holds. */
  static List<String> badValues(int feature) {
    return switch (feature) {
      case 0 -> List.of("yesterday", "99999999999999999", "18446744073709551617", "1655935176.5.5",
          "2022-13-01T00:00:00Z", "1e9", "-1", "NaN", "-", "(empty)");
      case 1 -> BAD_NUMBERS;
      case 2, 4 -> List.of("-", "(empty)");
      case 3, 5 -> List.of("-1", "65536", "http", "-", "80.0", "99999999999", "0x50");
      case 6, 7, 8, 9 -> {
        List<String> values = new ArrayList<>(BAD_NUMBERS);
        values.addAll(BAD_COUNTS);
        yield values;
      }
      default -> List.of("maybe", "2", "yes", "Malicious C&C");
    };
  }

  // ---- layouts ------------------------------------------------------------------------------------------------

  /** A file's text, the header's name of each feature in FEATURES' order, whether it has labels, each line's line. */
  record Written(String text, List<String> columns, boolean labelled, List<Integer> lines) {}

  /**
   * How a CSV is written: each feature's name (DESIGN's or an alias, in any case), the column order, whether it
   * has labels and an extra column, byte order mark, CRLF, and blank or comment lines between rows.
   */
  record CsvLayout(List<String> names, List<Integer> order, boolean labelled, boolean byteOrderMark, boolean crlf,
      List<Integer> linesBefore) {

    Written write(List<DataLine> lines) {
      String newline = crlf ? "\r\n" : "\n";
      StringBuilder text = new StringBuilder(byteOrderMark ? "\uFEFF" : "");
      int features = labelled ? FEATURES.size() : LABEL;
      List<Integer> columns = order.stream().filter(column -> column < features || column == FEATURES.size())
          .toList();
      List<String> header = new ArrayList<>();
      for (int column : columns) {
        header.add(column == FEATURES.size() ? "proto" : names.get(column));
      }
      text.append(String.join(",", header)).append(newline);
      int line = 2;
      List<Integer> starts = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        int skipped = linesBefore.get(i % linesBefore.size());
        for (int s = 0; s < skipped; s++) {
          text.append(s % 2 == 0 ? "" : "# a comment").append(newline);
        }
        line += skipped;
        starts.add(line);
        DataLine data = lines.get(i);
        List<String> cells = new ArrayList<>();
        if (data.junk() != null) {
          cells.addAll(data.junk());
        } else {
          List<String> values = data.cells(features);
          for (int column : columns) {
            cells.add(column == FEATURES.size() ? "tcp" : values.get(column));
          }
        }
        text.append(cells.stream().map(CsvLayout::cell).collect(Collectors.joining(","))).append(newline);
        line++;
      }
      return new Written(text.toString(), names, labelled, starts);
    }

    private static String cell(String value) {
      return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
  }

  static CsvLayout csvLayout(FuzzedDataProvider data) {
    List<String> names = new ArrayList<>();
    for (List<String> aliases : FlowReader.COLUMNS.values()) {
      String name = data.pickValue(aliases);
      names.add(data.consumeBoolean() ? name.toUpperCase(Locale.ROOT) : name);
    }
    names.add(data.pickValue(List.of("label", "Label", "LABEL")));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i <= FEATURES.size(); i++) {
      order.add(i);
    }
    // A Fisher-Yates shuffle driven by the fuzzer's bytes, so that the same input always writes the same header.
    for (int i = order.size() - 1; i > 0; i--) {
      Collections.swap(order, i, data.consumeInt(0, i));
    }
    boolean labelled = data.consumeBoolean();
    boolean byteOrderMark = data.consumeBoolean();
    boolean crlf = data.consumeBoolean();
    List<Integer> linesBefore = new ArrayList<>();
    for (int count = data.consumeInt(1, 4); linesBefore.size() < count; ) {
      linesBefore.add(data.consumeInt(0, 2));
    }
    return new CsvLayout(names, order, labelled, byteOrderMark, crlf, linesBefore);
  }

  /**
   * How a Zeek log is written: with or without labels, and split into segments, each with its own header lines, as
   * when rotated logs are concatenated.
   */
  record ZeekLayout(boolean labelled, List<Integer> segmentStarts) {

    Written write(List<DataLine> lines) {
      int features = labelled ? FEATURES.size() : LABEL;
      List<String> fields = new ArrayList<>(List.of("ts", "uid"));
      fields.addAll(ZEEK_NAMES.subList(2, 6));
      fields.add("proto");
      fields.addAll(ZEEK_NAMES.subList(1, 2));
      fields.addAll(ZEEK_NAMES.subList(6, features));
      List<String> text = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      for (int i = 0; i < lines.size() || text.isEmpty(); i++) {
        if (text.isEmpty() || segmentStarts.contains(i)) {
          if (!text.isEmpty()) {
            text.add("#close\t2022-06-23-00-00-00");
          }
          text.addAll(List.of("#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)",
              "#unset_field\t-", "#path\tconn", "#open\t2022-06-22-00-00-00", "#fields\t" + String.join("\t", fields),
              "#types\t" + "string\t".repeat(fields.size() - 1) + "string"));
        }
        if (i == lines.size()) {
          break;
        }
        DataLine data = lines.get(i);
        starts.add(text.size() + 1);
        if (data.junk() != null) {
          text.add(String.join("\t", data.junk()));
          continue;
        }
        List<String> values = data.cells(features);
        List<String> cells = new ArrayList<>(List.of(values.get(0), "C" + i));
        cells.addAll(values.subList(2, 6));
        cells.add("tcp");
        cells.add(values.get(1));
        cells.addAll(values.subList(6, features));
        text.add(String.join("\t", cells));
      }
      return new Written(String.join("\n", text) + "\n", ZEEK_NAMES, labelled, starts);
    }
  }

  static ZeekLayout zeekLayout(FuzzedDataProvider data) {
    boolean labelled = data.consumeBoolean();
    List<Integer> segmentStarts = new ArrayList<>();
    for (int count = data.consumeInt(0, 2); segmentStarts.size() < count; ) {
      segmentStarts.add(data.consumeInt(1, 14));
    }
    return new ZeekLayout(labelled, segmentStarts);
  }

  /** A header that lacks a required column, or a Zeek log whose fields line is missing or late. */
  record BrokenHeader(String text, boolean zeek, String missing) {}

  static BrokenHeader brokenHeader(FuzzedDataProvider data) {
    int dropped = data.consumeInt(0, LABEL - 1);
    return switch (data.consumeInt(0, 3)) {
      case 0 -> {
        List<String> names = new ArrayList<>(FEATURES);
        names.remove(dropped);
        yield new BrokenHeader(String.join(",", names) + "\n", false, FEATURES.get(dropped));
      }
      case 1 -> {
        List<String> names = new ArrayList<>(ZEEK_NAMES);
        names.remove(dropped);
        yield new BrokenHeader("#separator \\x09\n#fields\t" + String.join("\t", names) + "\n", true,
            FEATURES.get(dropped));
      }
      case 2 -> new BrokenHeader("#separator \\x09\n#path\tconn\n", true, null);
      default -> new BrokenHeader("\"ts,duration\n", false, null);
    };
  }
}
