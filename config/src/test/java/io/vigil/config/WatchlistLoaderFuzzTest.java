package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.model.BackendKind;
import io.vigil.model.Identifier;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.AlertRule;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.forecast.ForecastMethod;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;

/**
 * Watchlists are typed by people and exported by tools, and their names end up in queries. Whatever text a
 * watchlist holds, loading it either fails naming the file and line (it is not CSV at all) or collects one
 * {@link ConfigError} per bad value naming its row, line and column; only valid identifiers come out. Under plain
 * {@code mvn test} each target runs on its inputs in {@code WatchlistLoaderFuzzTestInputs}; with
 * {@code JAZZER_FUZZ=1} Jazzer searches for new ones.
 */
@Tag("fuzz")
class WatchlistLoaderFuzzTest {

  static final String FILE = "watchlist.csv";

  /** Names that are valid identifiers, so any of them may stand in a name column. */
  static final List<String> GOOD_NAMES = List.of("SigninLogs", "Computer", "_x", "Account", "ip_1", "T");

  /** Names a fuzzer of SQL and KQL would try, each invalid as an identifier. */
  static final List<String> HOSTILE_NAMES = List.of("x; DROP TABLE y", "`t`", "t | take 1", "a'b", "\"q\"",
      "1abc", "a b", " SigninLogs", "t--", "a/*b*/", "a\nb", "a\r\nb", "T\u0430ble", "a\u200bb", "a".repeat(129),
      "db.t", "['t']", "t;", "\u0000", "$t", "a\\b", "#t", "\uFEFFt");

  /** Numbers that are bad for every numeric column, whatever its range. */
  static final List<String> BAD_NUMBERS = List.of("abc", "1e3", "NaN", "Infinity", "0x10", "1.", ".5", "1,5", "\u0663",
      "1".repeat(400), "--1", "1 2", "ten", "\uff11");

  // ---- source rows ------------------------------------------------------------------------------------------

  @FuzzTest(maxDuration = "60s")
  void everySourceRowLoadsAsWrittenOrIsReportedWithItsRowLineColumnAndValue(FuzzedDataProvider data) {
    List<SourceRow> rows = sourceRows(data);
    Layout layout = layout(data);
    Map<Integer, BadCell> corrupted = new HashMap<>();
    List<List<String>> cells = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      cells.add(new ArrayList<>(rows.get(i).cells()));
      if (data.consumeInt(0, 2) == 0) {
        BadCell bad = sourceBadCell(data);
        corrupted.put(i, bad);
        cells.get(i).set(WatchlistLoader.SOURCE_COLUMNS.indexOf(bad.column()), bad.value());
      }
    }
    Written written = layout.write(WatchlistLoader.SOURCE_COLUMNS, cells);

    Map<String, BackendKind> backends = new HashMap<>();
    List<ConfigError> errors = new ArrayList<>();
    List<SourceConfig> sources = WatchlistLoader.loadSources(CsvTable.parse(FILE, written.text()),
        GlobalConfig.BUILT_IN, backends, errors);

    List<SourceConfig> expectedSources = new ArrayList<>();
    List<ConfigError> expectedErrors = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      SourceRow row = rows.get(i);
      BadCell bad = corrupted.get(i);
      if (bad == null) {
        expectedSources.add(row.expected(i + 1));
        assertEquals(row.backend() == null ? BackendKind.DUCKDB : row.backend(), backends.get(row.source()));
      } else {
        expectedErrors.add(new ConfigError(FILE, i + 1, written.lines().get(i), bad.column(), bad.value(), ""));
      }
    }
    assertEquals(expectedSources, sources, written::text);
    assertEquals(expectedErrors, withoutMessages(errors), written::text);
  }

  /**
   * One valid source row; a null value is an empty cell. Bins divide a day (so daily models fit), the catch-up
   * bound of two days or more exceeds two bins plus the delay, and lookbacks of at most 3 and at least 3 days keep
   * the minimum below the maximum whatever the defaults.
   */
  record SourceRow(String source, List<String> fields, Integer binMinutes, Integer delayMinutes,
      Integer maxPeriodDays, Integer minLookbackDays, Integer maxLookbackDays, Integer forecastBins,
      ForecastMethod model, BackendKind backend, List<String> numberStyles) {

    List<String> cells() {
      List<String> cells = new ArrayList<>();
      cells.add(source);
      cells.addAll(fields);
      List<Integer> numbers = List.of(nullToMinus(binMinutes), nullToMinus(delayMinutes), nullToMinus(maxPeriodDays),
          nullToMinus(minLookbackDays), nullToMinus(maxLookbackDays), nullToMinus(forecastBins));
      for (int i = 0; i < numbers.size(); i++) {
        cells.add(numbers.get(i) < 0 ? "" : numberStyles.get(i).replace("N", numbers.get(i).toString()));
      }
      cells.add(model == null ? "" : model.id());
      cells.add(backend == null ? "" : backend.id());
      return cells;
    }

    SourceConfig expected(int number) {
      GlobalConfig d = GlobalConfig.BUILT_IN;
      return new SourceConfig(number, source, fields.get(0), fields.get(1), fields.get(2), fields.get(3),
          fields.get(4), fields.get(5).isEmpty() ? WatchlistLoader.DEFAULT_TIME_FIELD : fields.get(5),
          binMinutes == null ? d.binSize() : Duration.ofMinutes(binMinutes),
          delayMinutes == null ? d.generationDelay() : Duration.ofMinutes(delayMinutes),
          maxPeriodDays == null ? d.maxGenerationPeriod() : Duration.ofDays(maxPeriodDays),
          minLookbackDays == null ? d.minForecastLookback() : Duration.ofDays(minLookbackDays),
          maxLookbackDays == null ? d.maxForecastLookback() : Duration.ofDays(maxLookbackDays),
          forecastBins == null ? d.forecastBins() : forecastBins, model);
    }

    private static int nullToMinus(Integer value) {
      return value == null ? -1 : value;
    }
  }

  static final List<Integer> BIN_MINUTES = List.of(1, 2, 3, 5, 10, 15, 20, 30, 60, 120, 240, 360, 720);
  static final List<String> NUMBER_STYLES = List.of("N", " N ", "+N", "0N", "N.0", "N.000");

  /** Up to twelve valid rows whose sources differ in more than case. */
  static List<SourceRow> sourceRows(FuzzedDataProvider data) {
    List<SourceRow> rows = new ArrayList<>();
    Set<String> sources = new HashSet<>();
    for (int count = data.consumeInt(1, 12), tries = 0; rows.size() < count && tries < 2 * count; tries++) {
      String source = name(data);
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        fields.add(switch (data.consumeInt(0, 4)) {
          case 0 -> "";
          case 1, 2 -> data.pickValue(GOOD_NAMES);
          default -> name(data);
        });
      }
      List<String> numberStyles = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        numberStyles.add(data.pickValue(NUMBER_STYLES));
      }
      SourceRow row = new SourceRow(source, fields, orNull(data, d -> d.pickValue(BIN_MINUTES)),
          orNull(data, d -> d.consumeInt(0, 120)), orNull(data, d -> d.consumeInt(2, 3650)),
          orNull(data, d -> d.consumeInt(0, 3)), orNull(data, d -> d.consumeInt(3, 3650)),
          orNull(data, d -> d.consumeInt(1, 100_000)), orNull(data, d -> d.pickValue(ForecastMethod.values())),
          orNull(data, d -> d.pickValue(BackendKind.values())), numberStyles);
      if (sources.add(source.toLowerCase(Locale.ROOT))) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** A value that is wrong for its column, whatever the rest of the row holds. */
  record BadCell(String column, String value) {}

  /** Each numeric column of a source row with values out of its range. */
  static final Map<String, List<String>> OUT_OF_RANGE = Map.of(
      "TimeSeriesBinSize", List.of("0", "-1", "10081", "1.5", "-0", "99999999999999999999999"),
      "TimeSeriesGenerationDelay", List.of("-1", "10081", "0.5", "-99999999999999999999999"),
      "MaxTimeSeriesGenerationPeriod", List.of("0", "0.000001", "-1", "3650.0001", "1" + "0".repeat(40)),
      "MinForecastLookbackPeriod", List.of("-0.5", "3650.1", "-1"),
      "MaxForecastLookbackPeriod", List.of("0", "-3", "3651"),
      "ForecastGenerationPeriod", List.of("0", "100001", "2.5", "-3", "2147483648"));

  /** The numeric columns in a fixed order: Map.of's order may change between runs, and an input must not. */
  static final List<String> NUMBER_COLUMNS = OUT_OF_RANGE.keySet().stream().sorted().toList();

  static final List<String> NAME_COLUMNS = List.of("Source", "HostnameField", "UserField", "ActivityField",
      "SrcIpAddrField", "SizeField", "TimeField");

  static BadCell sourceBadCell(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 2)) {
      case 0 -> new BadCell(data.pickValue(NAME_COLUMNS), badName(data));
      case 1 -> {
        String column = data.pickValue(NUMBER_COLUMNS);
        yield new BadCell(column, data.consumeBoolean() ? data.pickValue(OUT_OF_RANGE.get(column))
            : data.pickValue(BAD_NUMBERS));
      }
      default -> new BadCell(data.pickValue(List.of("ForecastModel", "Backend")),
          data.pickValue(List.of("prophet", "oracle", "kql;", "duck db", "snaive|x", "\u0000")));
    };
  }

  /**
   * A hostile name, or any text of up to 40 characters, made invalid by a leading digit if it was valid or empty
   * (an empty cell is no bad name: it leaves an optional field unset).
   */
  static String badName(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return data.pickValue(HOSTILE_NAMES);
    }
    String text = data.consumeString(40);
    return text.isEmpty() || Identifier.problem(text).isEmpty() ? "1" + text : text;
  }

  // ---- global configuration ---------------------------------------------------------------------------------

  @FuzzTest(maxDuration = "60s")
  void everyBadGlobalValueIsReportedWithItsRowAndKeyAndTheDefaultKept(FuzzedDataProvider data) {
    List<GlobalRow> rows = globalRows(data);
    Written written = writeQuoted(WatchlistLoader.GLOBAL_COLUMNS,
        rows.stream().map(row -> List.of(row.key(), row.value())).toList());

    List<ConfigError> errors = new ArrayList<>();
    WatchlistLoader.loadGlobal(CsvTable.parse(FILE, written.text()), errors);

    List<ConfigError> expected = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      GlobalRow row = rows.get(i);
      if (row.bad()) {
        expected.add(new ConfigError(FILE, i + 1, written.lines().get(i), canonical(row.key()), row.value(), ""));
      }
    }
    assertEquals(expected, withoutMessages(errors), written::text);
  }

  /** A Key/Value row of the global configuration, with a value that is valid for its key or, when bad, not. */
  record GlobalRow(String key, String value, boolean bad) {}

  /** A valid value of each kind of setting. */
  static final Map<Setting, String> GOOD_SETTINGS = Map.ofEntries(Map.entry(Setting.MINUTES_POSITIVE, "5"),
      Map.entry(Setting.MINUTES_OR_ZERO, "0"), Map.entry(Setting.DAYS_POSITIVE, "1.5"),
      Map.entry(Setting.DAYS_OR_ZERO, "0"), Map.entry(Setting.BINS, "10"), Map.entry(Setting.NUMBER_POSITIVE, "2.5"),
      Map.entry(Setting.NUMBER_OR_ZERO, "0"), Map.entry(Setting.PERCENT, "5"), Map.entry(Setting.TEXT, "An alert"),
      Map.entry(Setting.SEVERITY, "high"), Map.entry(Setting.FENCES, "ctukey"), Map.entry(Setting.BACKEND, "Azure"));

  /** Each key at most once, in an order and case of the fuzzer's choosing, with a good or a bad value. */
  static List<GlobalRow> globalRows(FuzzedDataProvider data) {
    List<String> keys = new ArrayList<>(WatchlistLoader.GLOBAL_KEYS.keySet());
    shuffle(data, keys);
    List<GlobalRow> rows = new ArrayList<>();
    for (String key : keys.subList(0, data.consumeInt(0, keys.size()))) {
      Setting setting = WatchlistLoader.GLOBAL_KEYS.get(key);
      boolean bad = data.consumeBoolean();
      String value = !bad ? GOOD_SETTINGS.get(setting)
          : setting == Setting.TEXT ? "x".repeat(257)
          : List.of(Setting.SEVERITY, Setting.FENCES, Setting.BACKEND).contains(setting) ? data.pickValue(HOSTILE_NAMES)
          : data.pickValue(BAD_NUMBERS);
      rows.add(new GlobalRow(data.consumeBoolean() ? key.toUpperCase(Locale.ROOT) : key, value, bad));
    }
    return rows;
  }

  private static String canonical(String key) {
    return WatchlistLoader.GLOBAL_KEYS.keySet().stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()
        .orElseThrow();
  }

  // ---- anomaly alerts ---------------------------------------------------------------------------------------

  static final AlertRule ALERT_DEFAULTS = new AlertRule(0, "", "", "Default alert", Severity.LOW, 2);

  @FuzzTest(maxDuration = "60s")
  void alertRowsLoadAsWrittenAndEveryBadCellIsReportedWithItsRowAndColumn(FuzzedDataProvider data) {
    List<AlertRow> rows = alertRows(data);
    Written written = writeQuoted(AnomalyWatchlistLoader.ALERT_COLUMNS, rows.stream().map(AlertRow::cells).toList());

    List<ConfigError> errors = new ArrayList<>();
    List<AlertRule> rules = AnomalyWatchlistLoader.loadAlerts(CsvTable.parse(FILE, written.text()),
        ALERT_DEFAULTS, errors);

    List<AlertRule> expectedRules = new ArrayList<>();
    List<ConfigError> expectedErrors = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      AlertRow row = rows.get(i);
      if (row.bad() == null) {
        expectedRules.add(row.expected(i + 1));
      } else {
        expectedErrors.add(new ConfigError(FILE, i + 1, written.lines().get(i), row.bad().column(),
            row.bad().value().strip(), ""));
      }
    }
    assertEquals(expectedRules, rules, written::text);
    assertEquals(expectedErrors, withoutMessages(errors), written::text);
  }

  /** An AnomaliesConfiguration row: valid cells (null is empty), or valid cells but one. */
  record AlertRow(String source, String activity, String alertName, Severity severity,
      Integer weight, BadCell bad) {

    List<String> cells() {
      List<String> cells = new ArrayList<>(List.of(source, activity, alertName == null ? "" : alertName,
          severity == null ? "" : severity.label(), weight == null ? "" : weight.toString()));
      if (bad != null) {
        cells.set(AnomalyWatchlistLoader.ALERT_COLUMNS.indexOf(bad.column()), bad.value());
      }
      return cells;
    }

    AlertRule expected(int number) {
      return new AlertRule(number, source, activity.strip(), alertName == null ? ALERT_DEFAULTS.alertName() : alertName,
          severity == null ? ALERT_DEFAULTS.severity() : severity,
          weight == null ? ALERT_DEFAULTS.weight() : weight);
    }
  }

  /** Hostile names that stay invalid once the alert loader strips them. */
  static final List<String> BAD_ALERT_SOURCES = HOSTILE_NAMES.stream()
      .filter(name -> !name.isBlank() && Identifier.problem(name.strip()).isPresent()).toList();

  /** Up to ten rows whose sources differ in more than case, about two in five with one bad cell. */
  static List<AlertRow> alertRows(FuzzedDataProvider data) {
    List<AlertRow> rows = new ArrayList<>();
    Set<String> sources = new HashSet<>();
    for (int count = data.consumeInt(0, 10), tries = 0; rows.size() < count && tries < 2 * count; tries++) {
      String source = name(data);
      String activity = data.consumeString(20);
      String alertName = orNull(data, d -> {
        String name = d.consumeString(256).strip();
        return name.isEmpty() ? "An alert" : name;
      });
      AlertRow row = new AlertRow(source, activity, alertName, orNull(data, d -> d.pickValue(Severity.values())),
          orNull(data, d -> d.consumeInt(0, 1_000_000)), data.consumeInt(0, 4) < 2 ? alertBadCell(data) : null);
      if (sources.add(source.toLowerCase(Locale.ROOT))) {
        rows.add(row);
      }
    }
    return rows;
  }

  static BadCell alertBadCell(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 4)) {
      case 0 -> new BadCell("Source", data.pickValue(BAD_ALERT_SOURCES));
      case 1 -> new BadCell("AlertName", "x".repeat(257));
      case 2 -> new BadCell("Severity", data.pickValue(List.of("Critical", "urgent", "3", "High;")));
      case 3 -> new BadCell("Weight", data.pickValue(BAD_NUMBERS));
      default -> new BadCell("Weight", data.pickValue(List.of("-1", "1000001", "-0.5")));
    };
  }

  // ---- any file ---------------------------------------------------------------------------------------------

  @FuzzTest(maxDuration = "60s")
  void anyFileLoadsIntoNamedErrorsAndValidNamesOrFailsNamingTheFileAndLine(FuzzedDataProvider data)
      throws Exception {
    byte[] bytes = watchlistBytes(data);
    Path file = Files.createTempFile("watchlist", ".csv");
    String name = file.getFileName().toString();
    try {
      Files.write(file, bytes);
      CsvTable table;
      try {
        table = WatchlistLoader.read(file);
      } catch (CsvTable.CsvFormatException | UncheckedIOException unreadable) {
        assertTrue(unreadable.getMessage().contains(name), unreadable.getMessage());
        assertTrue(unreadable.getMessage().matches("(?s).*(line \\d+|no header line).*"), unreadable.getMessage());
        return;
      }
      // The same table stands for every watchlist, so that each loader meets every column name and value.
      assertLoadedIntoNamedErrorsAndValidNames(name, table, WatchlistLoader.load(table, table, table, table));
    } finally {
      Files.delete(file);
    }
  }

  private static void assertLoadedIntoNamedErrorsAndValidNames(String file, CsvTable table, Watchlists watchlists) {
    for (ConfigError error : watchlists.errors()) {
      String shown = error.toString();
      assertEquals(file, error.file(), shown);
      assertTrue(error.row() >= 0 && error.row() <= table.rows().size(), shown);
      assertEquals(error.row() == 0 ? table.headerLine() : table.rows().get(error.row() - 1).line(), error.line(),
          shown);
      assertTrue(error.column() != null && !error.message().isBlank(), shown);
      assertTrue(shown.codePoints().noneMatch(Identifier::hidden),
          () -> "a character of the file is hidden in or breaks the message: " + shown);
    }
    for (SourceConfig source : watchlists.sources()) {
      for (String name : List.of(source.source(), source.timeField())) {
        assertEquals(Optional.empty(), Identifier.problem(name), name);
      }
      for (String name : List.of(source.hostnameField(), source.userField(), source.activityField(),
          source.srcIpAddrField(), source.sizeField())) {
        assertTrue(name.isEmpty() || Identifier.problem(name).isEmpty(), name);
      }
    }
    for (AlertRule rule : watchlists.anomalies().alerts()) {
      assertEquals(Optional.empty(), Identifier.problem(rule.source()), rule::toString);
    }
  }

  /** Every loader's column names and keys, which the fuzzer's tables are made of. */
  static final List<String> COLUMN_NAMES = columnNames();

  private static List<String> columnNames() {
    List<String> names = new ArrayList<>(WatchlistLoader.SOURCE_COLUMNS);
    names.addAll(WatchlistLoader.GLOBAL_COLUMNS);
    names.addAll(AnomalyWatchlistLoader.ALERT_COLUMNS);
    names.addAll(AnomalyWatchlistLoader.EXCEPTION_COLUMNS);
    names.addAll(WatchlistLoader.GLOBAL_KEYS.keySet());
    return List.copyOf(names);
  }

  static final List<String> PLAIN_VALUES = List.of("0", "1", "-1", "5", "60", "0.5", "3650", "10081", "99999999999",
      "kql", "snaive", "duckdb", "azure", "High", "tukey", "*", "-", "");

  /** What breaks a CSV's rows and cells, or hides at the start of a file. */
  static final List<String> STRAYS = List.of(",", "\n", "\r\n", "\"", "\"\"", " ", "#", "\uFEFF", "\r");

  /**
   * A file's bytes: a table of watchlist pieces (column names, keys and values, hostile names, bad numbers, any
   * short text) with a few stray characters put in, the pieces strung together at random, or any bytes; the first
   * two sometimes with a few bytes that need not be UTF-8 put in.
   */
  static byte[] watchlistBytes(FuzzedDataProvider data) {
    String text;
    switch (data.consumeInt(0, 3)) {
      case 0, 1 -> text = table(data);
      case 2 -> {
        StringBuilder soup = new StringBuilder();
        for (int pieces = data.consumeInt(0, 120); pieces > 0; pieces--) {
          soup.append(data.consumeBoolean() ? value(data) : data.pickValue(STRAYS));
        }
        text = soup.toString();
      }
      default -> {
        return data.consumeRemainingAsBytes();
      }
    }
    byte[] valid = text.getBytes(StandardCharsets.UTF_8);
    if (data.consumeBoolean()) {
      return valid;
    }
    byte[] junk = data.consumeBytes(4);
    int cut = data.consumeInt(0, valid.length);
    byte[] out = new byte[valid.length + junk.length];
    System.arraycopy(valid, 0, out, 0, cut);
    System.arraycopy(junk, 0, out, cut, junk.length);
    System.arraycopy(valid, cut, out, cut + junk.length, valid.length - cut);
    return out;
  }

  private static String table(FuzzedDataProvider data) {
    List<String> header = new ArrayList<>();
    for (int cells = data.consumeInt(1, 8); header.size() < cells; ) {
      header.add(switch (data.consumeInt(0, 2)) {
        case 0 -> data.pickValue(COLUMN_NAMES);
        case 1 -> "Source";
        default -> value(data);
      });
    }
    String newline = data.consumeBoolean() ? "\n" : "\r\n";
    StringBuilder text = new StringBuilder(String.join(",", header));
    for (int rows = data.consumeInt(0, 6); rows > 0; rows--) {
      List<String> cells = new ArrayList<>();
      for (int count = data.consumeInt(0, 10); cells.size() < count; ) {
        String value = value(data);
        cells.add(data.consumeBoolean() ? value : '"' + value.replace("\"", "\"\"") + '"');
      }
      text.append(newline).append(String.join(",", cells));
    }
    for (int strays = data.consumeInt(0, 3); strays > 0; strays--) {
      text.insert(data.consumeInt(0, text.length()), data.pickValue(STRAYS));
    }
    return text.toString();
  }

  private static String value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 22)) {
      case 0, 1, 2, 3, 4, 5 -> data.pickValue(COLUMN_NAMES);
      case 6, 7, 8, 9, 10, 11 -> data.pickValue(GOOD_NAMES);
      case 12, 13, 14 -> data.pickValue(HOSTILE_NAMES);
      case 15, 16 -> data.pickValue(BAD_NUMBERS);
      case 17, 18, 19, 20 -> data.pickValue(PLAIN_VALUES);
      default -> data.consumeString(8);
    };
  }

  // ---- shared pieces ----------------------------------------------------------------------------------------

  /** A name of the identifier grammar, mostly short so that a failing input reads easily. */
  static String name(FuzzedDataProvider data) {
    String first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    String rest = first + "0123456789";
    int length = data.consumeBoolean() ? data.consumeInt(1, 12) : data.consumeInt(1, Identifier.MAX_LENGTH);
    StringBuilder name = new StringBuilder().append(first.charAt(data.consumeInt(0, first.length() - 1)));
    while (name.length() < length) {
      name.append(rest.charAt(data.consumeInt(0, rest.length() - 1)));
    }
    return name.toString();
  }

  /** A value drawn by {@code value}, or null (an empty cell) about one time in five. */
  private static <T> T orNull(FuzzedDataProvider data, Function<FuzzedDataProvider, T> value) {
    return data.consumeInt(0, 4) == 0 ? null : value.apply(data);
  }

  /** A Fisher-Yates shuffle driven by the fuzzer's bytes, so that the same input always gives the same order. */
  private static <T> void shuffle(FuzzedDataProvider data, List<T> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, data.consumeInt(0, i));
    }
  }

  /** Errors with their messages blanked, to compare with expected errors whose wording a test need not pin. */
  private static List<ConfigError> withoutMessages(List<ConfigError> errors) {
    return errors.stream().map(error -> new ConfigError(error.file(), error.row(), error.line(), error.column(),
        error.value(), "")).toList();
  }

  // ---- layouts ------------------------------------------------------------------------------------------------

  /** A table with every cell quoted, so that each reaches the loader exactly as written. */
  private static Written writeQuoted(List<String> header, List<List<String>> rows) {
    List<Integer> everyColumn = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      everyColumn.add(i);
    }
    return new Layout(false, false, everyColumn, false, true, List.of(0)).write(header, rows);
  }

  /** A CSV text and the line each data row starts on. */
  record Written(String text, List<Integer> lines) {}

  /**
   * How a table is written: byte order mark, CRLF, header order and case, quoting, and blank or comment lines
   * before the header and between rows.
   */
  record Layout(boolean byteOrderMark, boolean crlf, List<Integer> columnOrder, boolean upperCaseHeader,
      boolean quoteEverything, List<Integer> linesBefore) {

    Written write(List<String> columns, List<List<String>> rows) {
      String newline = crlf ? "\r\n" : "\n";
      StringBuilder text = new StringBuilder(byteOrderMark ? "\uFEFF" : "");
      int line = 1;
      line += skippedLines(text, 0, newline);
      List<String> header = new ArrayList<>();
      for (int column : columnOrder) {
        String name = columns.get(column);
        header.add(upperCaseHeader ? name.toUpperCase(Locale.ROOT) : name);
      }
      text.append(String.join(",", header)).append(newline);
      line++;
      List<Integer> lines = new ArrayList<>();
      for (int r = 0; r < rows.size(); r++) {
        line += skippedLines(text, r + 1, newline);
        lines.add(line);
        List<String> cells = new ArrayList<>();
        for (int column : columnOrder) {
          cells.add(cell(rows.get(r).get(column)));
        }
        String record = String.join(",", cells);
        text.append(record).append(newline);
        line += 1 + (int) record.chars().filter(c -> c == '\n').count();
      }
      return new Written(text.toString(), lines);
    }

    private int skippedLines(StringBuilder text, int position, String newline) {
      int count = linesBefore.get(position % linesBefore.size());
      for (int i = 0; i < count; i++) {
        text.append(i % 2 == 0 ? "# a comment, \"with\" quotes" : "  ").append(newline);
      }
      return count;
    }

    private String cell(String value) {
      boolean needsQuotes = value.contains(",") || value.contains("\"") || value.contains("\n")
          || value.contains("\r") || !value.equals(value.strip()) || value.startsWith("#");
      return quoteEverything || needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
  }

  static Layout layout(FuzzedDataProvider data) {
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < WatchlistLoader.SOURCE_COLUMNS.size(); i++) {
      columns.add(i);
    }
    shuffle(data, columns);
    boolean byteOrderMark = data.consumeBoolean();
    boolean crlf = data.consumeBoolean();
    boolean upperCaseHeader = data.consumeBoolean();
    boolean quoteEverything = data.consumeBoolean();
    List<Integer> linesBefore = new ArrayList<>();
    for (int count = data.consumeInt(1, 5); linesBefore.size() < count; ) {
      linesBefore.add(data.consumeInt(0, 2));
    }
    return new Layout(byteOrderMark, crlf, columns, upperCaseHeader, quoteEverything, linesBefore);
  }
}
