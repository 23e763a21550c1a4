package io.vigil.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.Identifier;
import io.vigil.model.flows.Flow;
import io.vigil.model.flows.FlowBatch;
import io.vigil.model.flows.FlowRejection;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Flow files come from sensors and exports that may be truncated, corrupted or hostile. Whatever the data lines of a
 * file with a valid header hold, reading it never throws: every valid line becomes exactly its flow, and every other
 * line is rejected once, naming its row, line, column, value and reason.
 */
class FlowReaderProperties {

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

  @Property(tries = 200)
  void everyCsvLineIsReadAsItsFlowOrRejectedNamingRowLineColumnAndValue(@ForAll("dataLines") List<DataLine> lines,
      @ForAll("csvLayouts") CsvLayout layout) throws IOException {
    Written written = layout.write(lines);
    assertReadAsWritten(written, lines, read(written.text(), ".csv"));
  }

  @Property(tries = 200)
  void everyZeekLineIsReadAsItsFlowOrRejectedNamingRowLineColumnAndValue(@ForAll("dataLines") List<DataLine> lines,
      @ForAll("zeekLayouts") ZeekLayout layout) throws IOException {
    Written written = layout.write(lines);
    assertReadAsWritten(written, lines, read(written.text(), ".log"));
  }

  @Property(tries = 200)
  void anyTextUnderAValidHeaderIsReadOrFailsNamingTheFileAndLine(@ForAll("junkText") String junk,
      @ForAll boolean zeek) throws IOException {
    String header = zeek ? "#separator \\x09\n#fields\t" + String.join("\t", ZEEK_NAMES) + "\n"
        : String.join(",", FEATURES) + "\n";
    FlowBatch batch;
    try {
      batch = read(header + junk, zeek ? ".log" : ".csv");
    } catch (IllegalArgumentException unreadable) {
      // Only a quote that never closes, or text after a closing quote, makes a CSV unreadable past its header.
      assertTrue(!zeek && unreadable.getMessage().matches("(?s)flows\\.csv line \\d+: .+"), unreadable::getMessage);
      return;
    }
    for (FlowRejection rejection : batch.rejected()) {
      assertNamed(rejection);
    }
    assertTrue(batch.flows().size() + batch.rejected().size() <= junk.split("\n", -1).length, junk);
  }

  @Property(tries = 100)
  void aBrokenHeaderFailsOrRejectsEveryRowNamingTheFileAndTheMissingColumn(@ForAll("dataLines") List<DataLine> lines,
      @ForAll("brokenHeaders") BrokenHeader header) throws IOException {
    StringBuilder text = new StringBuilder(header.text());
    for (DataLine line : lines) {
      text.append(String.join(header.zeek() ? "\t" : ",", line.cells(FEATURES.size()))).append('\n');
    }
    String suffix = header.zeek() ? ".log" : ".csv";
    FlowBatch batch;
    try {
      batch = read(text.toString(), suffix);
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

  @Property(tries = 100)
  void anyBytesAreReadOrFailNamingTheFile(@ForAll byte[] bytes, @ForAll boolean zeek) throws IOException {
    byte[] header = (zeek ? "#separator \\x09\n#fields\t" + String.join("\t", ZEEK_NAMES) + "\n"
        : String.join(",", FEATURES) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[header.length + bytes.length];
    System.arraycopy(header, 0, file, 0, header.length);
    System.arraycopy(bytes, 0, file, header.length, bytes.length);
    String suffix = zeek ? ".log" : ".csv";
    try {
      read(file, suffix).rejected().forEach(FlowReaderProperties::assertNamed);
    } catch (IllegalArgumentException unreadable) {
      assertTrue(unreadable.getMessage().matches("(?s).*flows\\" + suffix + " line \\d+: .+"),
          unreadable::getMessage);
    }
  }

  // ---- checks -------------------------------------------------------------------------------------------------

  private static void assertReadAsWritten(Written written, List<DataLine> lines, FlowBatch batch) {
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
    batch.rejected().forEach(FlowReaderProperties::assertNamed);
  }

  /** A rejection names its row and line, says why, and shows nothing a log would hide or break on. */
  private static void assertNamed(FlowRejection rejection) {
    String shown = rejection.toString();
    assertTrue(rejection.row() > 0 && rejection.line() > 0 && !rejection.reason().isBlank(), shown);
    assertTrue(shown.matches("(?s)flows\\.(csv|log) row \\d+ \\(line \\d+\\).*"), shown);
    assertTrue(shown.codePoints().noneMatch(Identifier::hidden), shown);
  }

  private static FlowBatch read(String text, String suffix) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8), suffix);
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

  @Provide
  static Arbitrary<List<DataLine>> dataLines() {
    Arbitrary<GoodFlow> good = goodFlows();
    Arbitrary<DataLine> valid = good.map(flow -> new DataLine(flow, -1, null, null));
    Arbitrary<DataLine> bad = Combinators.combine(good, badCells())
        .as((flow, cell) -> new DataLine(flow, cell.get1(), cell.get2(), null));
    // Fewer cells than any header here has; no spaces, so that no cell splits at IoT-23's three-space separator.
    Arbitrary<DataLine> junk = Arbitraries.strings().alpha().numeric().withChars(".:-_()+/;'`|$").ofMinLength(1)
        .ofMaxLength(12).list().ofMinSize(1).ofMaxSize(LABEL - 1).map(cells -> new DataLine(null, -1, null, cells));
    return Arbitraries.frequencyOf(Tuple.of(5, valid), Tuple.of(4, bad), Tuple.of(1, junk)).list().ofMaxSize(15);
  }

  static Arbitrary<GoodFlow> goodFlows() {
    Arbitrary<Value> timestamp = Combinators.combine(Arbitraries.longs().between(0, 4_102_444_800L),
            Arbitraries.integers().between(0, 999_999), Arbitraries.integers().between(0, 2))
        .as((seconds, micros, style) -> {
          Instant instant = Instant.ofEpochSecond(seconds, micros * 1000L);
          return switch (style) {
            case 0 -> new Value(seconds + "." + String.format("%06d", micros), instant);
            case 1 -> new Value(Long.toString(seconds), Instant.ofEpochSecond(seconds));
            default -> new Value(instant.toString(), instant);
          };
        });
    Arbitrary<Value> duration = Arbitraries.oneOf(unset(0.0),
        Combinators.combine(Arbitraries.longs().between(0, 10_000_000_000L), Arbitraries.integers().between(-3, 9),
            Arbitraries.of(true, false)).as((unscaled, scale, scientific) -> {
              BigDecimal seconds = BigDecimal.valueOf(unscaled, scale);
              String text = scientific ? seconds.toString().toLowerCase(Locale.ROOT) : seconds.toPlainString();
              return new Value(text, Double.parseDouble(text));
            }));
    Arbitrary<Value> address = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 255).list().ofSize(4).map(octets ->
            octets.stream().map(String::valueOf).reduce((a, b) -> a + "." + b).orElseThrow()),
        Arbitraries.integers().between(0, 0xffff).list().ofSize(8).map(groups ->
            groups.stream().map(Integer::toHexString).reduce((a, b) -> a + ":" + b).orElseThrow()))
        .map(text -> new Value(text, text));
    Arbitrary<Value> port = Arbitraries.integers().between(0, 65_535).map(p -> new Value(p.toString(), p));
    Arbitrary<Value> count = Arbitraries.oneOf(unset(0L),
        Arbitraries.longs().between(0, Long.MAX_VALUE).map(n -> new Value(n.toString(), n)),
        Arbitraries.longs().between(0, 1_000_000).map(n -> new Value(n + ".0", n)));
    Arbitrary<Value> label = Arbitraries.of(new Value("1", 1), new Value("0", 0), new Value("true", 1),
        new Value("FALSE", 0), new Value("Malicious", 1), new Value("Benign", 0), new Value("background", 0),
        new Value("Normal", 0), new Value("attack", 1), new Value("-", null), new Value("(empty)", null));
    return Combinators.combine(timestamp, duration, address, port, address, port, count.list().ofSize(4), label)
        .as((ts, dur, src, srcPort, dst, dstPort, counts, lbl) -> {
          List<Value> values = new ArrayList<>(List.of(ts, dur, src, srcPort, dst, dstPort));
          values.addAll(counts);
          values.add(lbl);
          return new GoodFlow(values);
        });
  }

  /** Zeek's unset and empty markers, which read as nothing: 0 for a duration or count. */
  private static Arbitrary<Value> unset(Object zero) {
    return Arbitraries.of("-", "(empty)").map(text -> new Value(text, zero));
  }

  /** A feature and a value that is bad for it whatever the rest of the line holds. */
  @Provide
  static Arbitrary<Tuple.Tuple2<Integer, String>> badCells() {
    List<String> badNumbers = List.of("abc", "NaN", "Infinity", "-5", "-0.1", "1e400", "1d", "0x1p3", "1,5", "--1");
    List<String> badCounts = List.of("1.5", "1e300", "9223372036854775808", "99999999999999999999", "1f");
    Function<List<String>, Arbitrary<String>> of = Arbitraries::of;
    List<Arbitrary<Tuple.Tuple2<Integer, String>>> choices = new ArrayList<>();
    choices.add(of.apply(List.of("yesterday", "99999999999999999", "18446744073709551617", "1655935176.5.5",
        "2022-13-01T00:00:00Z", "1e9", "-1", "NaN", "-", "(empty)")).map(value -> Tuple.of(0, value)));
    choices.add(of.apply(badNumbers).map(value -> Tuple.of(1, value)));
    for (int feature : List.of(2, 4)) {
      choices.add(Arbitraries.of("-", "(empty)").map(value -> Tuple.of(feature, value)));
    }
    for (int feature : List.of(3, 5)) {
      choices.add(Arbitraries.of("-1", "65536", "http", "-", "80.0", "99999999999", "0x50")
          .map(value -> Tuple.of(feature, value)));
    }
    for (int feature : List.of(6, 7, 8, 9)) {
      List<String> values = new ArrayList<>(badNumbers);
      values.addAll(badCounts);
      choices.add(of.apply(values).map(value -> Tuple.of(feature, value)));
    }
    choices.add(Arbitraries.of("maybe", "2", "yes", "Malicious C&C").map(value -> Tuple.of(LABEL, value)));
    return Arbitraries.oneOf(choices);
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

  @Provide
  static Arbitrary<CsvLayout> csvLayouts() {
    List<Arbitrary<String>> names = new ArrayList<>();
    for (String feature : FlowReader.COLUMNS.keySet()) {
      names.add(Combinators.combine(Arbitraries.of(FlowReader.COLUMNS.get(feature)), Arbitraries.of(true, false))
          .as((name, upper) -> upper ? name.toUpperCase(Locale.ROOT) : name));
    }
    names.add(Arbitraries.of("label", "Label", "LABEL"));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i <= FEATURES.size(); i++) {
      order.add(i);
    }
    return Combinators.combine(Combinators.combine(names).as(List::copyOf), Arbitraries.shuffle(order),
        Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(4)).as(CsvLayout::new);
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

  @Provide
  static Arbitrary<ZeekLayout> zeekLayouts() {
    return Combinators.combine(Arbitraries.of(true, false),
        Arbitraries.integers().between(1, 14).list().ofMaxSize(2)).as(ZeekLayout::new);
  }

  /** A header that lacks a required column, or a Zeek log whose fields line is missing or late. */
  record BrokenHeader(String text, boolean zeek, String missing) {}

  @Provide
  static Arbitrary<BrokenHeader> brokenHeaders() {
    Arbitrary<BrokenHeader> csvWithout = Arbitraries.integers().between(0, LABEL - 1).map(dropped -> {
      List<String> names = new ArrayList<>(FEATURES);
      names.remove((int) dropped);
      return new BrokenHeader(String.join(",", names) + "\n", false, FEATURES.get(dropped));
    });
    Arbitrary<BrokenHeader> zeekWithout = Arbitraries.integers().between(0, LABEL - 1).map(dropped -> {
      List<String> names = new ArrayList<>(ZEEK_NAMES);
      names.remove((int) dropped);
      return new BrokenHeader("#separator \\x09\n#fields\t" + String.join("\t", names) + "\n", true,
          FEATURES.get(dropped));
    });
    return Arbitraries.oneOf(csvWithout, zeekWithout,
        Arbitraries.of(new BrokenHeader("#separator \\x09\n#path\tconn\n", true, null),
            new BrokenHeader("\"ts,duration\n", false, null)));
  }

  /** Data lines of text with quotes, separators, markers and arbitrary Unicode, but no line that is a header. */
  @Provide
  static Arbitrary<String> junkText() {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(",", "\t", "   ", "\n", "\r\n", "\"", "-", "(empty)", "#", "\r", "\uFEFF")),
        Tuple.of(3, Arbitraries.of("1655935176.5", "10.0.0.1", "443", "0", "-1", "NaN", "99999999999999999",
            "Malicious", "2022-06-22T21:59:36Z", "x; DROP TABLE flows", "\u202e", "\u0000")),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(6)));
    return piece.list().ofMaxSize(80).map(pieces -> String.join("", pieces))
        .filter(text -> !text.contains("#fields"));
  }
}
