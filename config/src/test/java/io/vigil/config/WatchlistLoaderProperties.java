package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.BackendKind;
import io.vigil.model.Identifier;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.AlertRule;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.forecast.ForecastMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Watchlists are typed by people and exported by tools, and their names end up in queries. Whatever text a
 * watchlist holds, loading it either fails naming the file and line (it is not CSV at all) or collects one
 * {@link ConfigError} per bad value naming its row, line and column; only valid identifiers come out.
 */
class WatchlistLoaderProperties {

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

  // ---- valid rows round-trip ----------------------------------------------------------------------------------

  @Property(tries = 200)
  void validRowsLoadAsWrittenWithTheDefaultsForEmptyCells(@ForAll("validRows") List<SourceRow> rows,
      @ForAll("layouts") Layout layout) {
    Written written = layout.write(WatchlistLoader.SOURCE_COLUMNS, rows.stream().map(SourceRow::cells).toList());

    Map<String, BackendKind> backends = new HashMap<>();
    List<ConfigError> errors = new ArrayList<>();
    List<SourceConfig> sources = WatchlistLoader.loadSources(CsvTable.parse(FILE, written.text()),
        GlobalConfig.BUILT_IN, backends, errors);

    assertEquals(List.of(), errors, written::text);
    List<SourceConfig> expected = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      expected.add(rows.get(i).expected(i + 1));
    }
    assertEquals(expected, sources, written::text);
    for (SourceRow row : rows) {
      assertEquals(row.backend() == null ? BackendKind.DUCKDB : row.backend(), backends.get(row.source()));
    }
  }

  // ---- every bad cell is named ------------------------------------------------------------------------------

  @Property(tries = 300)
  void everyBadCellIsReportedWithItsRowLineColumnAndValueAndOnlyItsRowIsLeftOut(
      @ForAll("validRows") List<SourceRow> rows, @ForAll("layouts") Layout layout,
      @ForAll @Size(max = 8) List<@From("badCells") BadCell> badCells) {
    Map<Integer, BadCell> corrupted = new TreeMap<>();
    List<List<String>> cells = new ArrayList<>();
    for (SourceRow row : rows) {
      cells.add(new ArrayList<>(row.cells()));
    }
    for (int i = 0; i < badCells.size() && i < rows.size(); i++) {
      BadCell bad = badCells.get(i);
      corrupted.put(i, bad);
      cells.get(i).set(WatchlistLoader.SOURCE_COLUMNS.indexOf(bad.column()), bad.value());
    }
    Written written = layout.write(WatchlistLoader.SOURCE_COLUMNS, cells);

    List<ConfigError> errors = new ArrayList<>();
    List<SourceConfig> sources = WatchlistLoader.loadSources(CsvTable.parse(FILE, written.text()),
        GlobalConfig.BUILT_IN, errors);

    Set<String> loaded = sources.stream().map(SourceConfig::source).collect(Collectors.toSet());
    for (int i = 0; i < rows.size(); i++) {
      int number = i + 1;
      List<ConfigError> rowErrors = errors.stream().filter(error -> error.row() == number).toList();
      BadCell bad = corrupted.get(i);
      if (bad == null) {
        assertEquals(List.of(), rowErrors, written::text);
        assertTrue(loaded.contains(rows.get(i).source()), written::text);
      } else {
        assertEquals(1, rowErrors.size(), () -> rowErrors + " in\n" + written.text());
        ConfigError error = rowErrors.get(0);
        assertEquals(FILE, error.file());
        assertEquals(written.lines().get(i), error.line(), error::toString);
        assertEquals(bad.column(), error.column(), error::toString);
        assertEquals(bad.value(), error.value(), error::toString);
        assertFalse(loaded.contains(bad.column().equals("Source") ? bad.value() : rows.get(i).source()),
            error::toString);
      }
    }
    assertEquals(corrupted.size(), errors.size(), () -> errors + " in\n" + written.text());
  }

  @Property(tries = 300)
  void everyBadGlobalValueIsReportedWithItsRowAndKeyAndTheDefaultKept(
      @ForAll("globalRows") List<GlobalRow> rows) {
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
    assertEquals(expected, errors.stream().map(error -> new ConfigError(error.file(), error.row(), error.line(),
        error.column(), error.value(), "")).toList(), written::text);
  }

  @Property(tries = 300)
  void alertRowsLoadAsWrittenAndEveryBadCellIsReportedWithItsRowAndColumn(
      @ForAll("alertRows") List<AlertRow> rows) {
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
    assertEquals(expectedErrors, errors.stream().map(error -> new ConfigError(error.file(), error.row(),
        error.line(), error.column(), error.value(), "")).toList(), written::text);
  }

  // ---- arbitrary text -----------------------------------------------------------------------------------------

  @Property(tries = 1000)
  void anyTextLoadsIntoNamedErrorsAndValidNamesOrFailsNamingTheLine(@ForAll("watchlistText") String text) {
    CsvTable table;
    try {
      table = CsvTable.parse(FILE, text);
    } catch (CsvTable.CsvFormatException notCsv) {
      Statistics.label("outcome").collect("not CSV");
      assertTrue(notCsv.getMessage().matches("(?s)" + FILE + "( line \\d+)?: .+"), notCsv.getMessage());
      return;
    }

    // The same table stands for every watchlist, so that each loader meets every column name and value.
    Watchlists watchlists = WatchlistLoader.load(table, table, table, table);
    Statistics.label("outcome").collect(watchlists.sources().isEmpty() ? "no source loaded" : "sources loaded");
    Statistics.label("outcome").coverage(coverage -> {
      coverage.check("not CSV").count(count -> count > 0);
      coverage.check("sources loaded").count(count -> count > 0);
    });

    for (ConfigError error : watchlists.errors()) {
      String shown = error.toString();
      assertEquals(FILE, error.file(), shown);
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

  @Property(tries = 100)
  void anyBytesInAFileLoadOrFailNamingTheFile(@ForAll("watchlistBytes") byte[] bytes) throws Exception {
    Path file = Files.createTempFile("watchlist", ".csv");
    try {
      Files.write(file, bytes);
      CsvTable table = WatchlistLoader.read(file);
      WatchlistLoader.load(table, table, table, table);
    } catch (CsvTable.CsvFormatException | java.io.UncheckedIOException unreadable) {
      assertTrue(unreadable.getMessage().contains(file.getFileName().toString()), unreadable.getMessage());
      assertTrue(unreadable.getMessage().matches("(?s).*(line \\d+|no header line).*"), unreadable.getMessage());
    } finally {
      Files.delete(file);
    }
  }

  // ---- generated rows -----------------------------------------------------------------------------------------

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

  /** Names of the identifier grammar, mostly short enough to read in a shrunk sample. */
  @Provide
  static Arbitrary<String> names() {
    String first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    return Combinators.combine(Arbitraries.strings().withChars(first).ofLength(1),
            Arbitraries.strings().withChars(first + "0123456789").ofMaxLength(Identifier.MAX_LENGTH - 1)
                .withLengthDistribution(RandomDistribution.biased()))
        .as(String::concat);
  }

  @Provide
  static Arbitrary<List<SourceRow>> validRows() {
    Arbitrary<String> optionalName = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")),
        Tuple.of(2, Arbitraries.of(GOOD_NAMES)), Tuple.of(2, names()));
    Arbitrary<SourceRow> row = Combinators.combine(
        names(),
        optionalName.list().ofSize(6),
        Arbitraries.of(1, 2, 3, 5, 10, 15, 20, 30, 60, 120, 240, 360, 720).injectNull(0.2),
        Arbitraries.integers().between(0, 120).injectNull(0.2),
        Arbitraries.integers().between(2, 3650).injectNull(0.2),
        Arbitraries.integers().between(0, 3).injectNull(0.2),
        Arbitraries.integers().between(3, 3650).injectNull(0.2),
        Combinators.combine(
            Arbitraries.integers().between(1, 100_000).injectNull(0.2),
            Arbitraries.of(ForecastMethod.class).injectNull(0.2),
            Arbitraries.of(BackendKind.class).injectNull(0.2),
            Arbitraries.of("N", " N ", "+N", "0N", "N.0", "N.000").list().ofSize(6)).as(Tuple::of))
        .as((source, fields, bin, delay, maxPeriod, minLookback, maxLookback, rest) -> new SourceRow(source, fields,
            bin, delay, maxPeriod, minLookback, maxLookback, rest.get1(), rest.get2(), rest.get3(), rest.get4()));
    return row.list().ofMinSize(1).ofMaxSize(12).uniqueElements(r -> r.source().toLowerCase(Locale.ROOT));
  }

  /** A value that is wrong for its column, whatever the rest of the row holds. */
  record BadCell(String column, String value) {}

  @Provide
  static Arbitrary<BadCell> badCells() {
    Arbitrary<String> badName = Arbitraries.oneOf(Arbitraries.of(HOSTILE_NAMES),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(name -> Identifier.problem(name).isPresent()));
    Arbitrary<BadCell> badNames = Combinators.combine(
        Arbitraries.of("Source", "HostnameField", "UserField", "ActivityField", "SrcIpAddrField", "SizeField",
            "TimeField"), badName).as(BadCell::new);
    return Arbitraries.oneOf(badNames,
        numberCell("TimeSeriesBinSize", "0", "-1", "10081", "1.5", "-0", "99999999999999999999999"),
        numberCell("TimeSeriesGenerationDelay", "-1", "10081", "0.5", "-99999999999999999999999"),
        numberCell("MaxTimeSeriesGenerationPeriod", "0", "0.000001", "-1", "3650.0001", "1" + "0".repeat(40)),
        numberCell("MinForecastLookbackPeriod", "-0.5", "3650.1", "-1"),
        numberCell("MaxForecastLookbackPeriod", "0", "-3", "3651"),
        numberCell("ForecastGenerationPeriod", "0", "100001", "2.5", "-3", "2147483648"),
        Combinators.combine(Arbitraries.of("ForecastModel", "Backend"),
            Arbitraries.of("prophet", "oracle", "kql;", "duck db", "snaive|x", "\u0000")).as(BadCell::new));
  }

  private static Arbitrary<BadCell> numberCell(String column, String... outOfRange) {
    List<String> values = new ArrayList<>(List.of(outOfRange));
    values.addAll(BAD_NUMBERS);
    return Arbitraries.of(values).map(value -> new BadCell(column, value));
  }

  /** A Key/Value row of the global configuration, with a value that is valid for its key or, when bad, not. */
  record GlobalRow(String key, String value, boolean bad) {}

  /** A valid value of each kind of setting. */
  static final Map<Setting, String> GOOD_SETTINGS = Map.ofEntries(Map.entry(Setting.MINUTES_POSITIVE, "5"),
      Map.entry(Setting.MINUTES_OR_ZERO, "0"), Map.entry(Setting.DAYS_POSITIVE, "1.5"),
      Map.entry(Setting.DAYS_OR_ZERO, "0"), Map.entry(Setting.BINS, "10"), Map.entry(Setting.NUMBER_POSITIVE, "2.5"),
      Map.entry(Setting.NUMBER_OR_ZERO, "0"), Map.entry(Setting.PERCENT, "5"), Map.entry(Setting.TEXT, "An alert"),
      Map.entry(Setting.SEVERITY, "high"), Map.entry(Setting.FENCES, "ctukey"), Map.entry(Setting.BACKEND, "Azure"));

  @Provide
  static Arbitrary<List<GlobalRow>> globalRows() {
    List<String> keys = new ArrayList<>(WatchlistLoader.GLOBAL_KEYS.keySet());
    Arbitrary<GlobalRow> row = Combinators.combine(Arbitraries.of(keys), Arbitraries.of(true, false),
        Arbitraries.of(true, false), Arbitraries.of(BAD_NUMBERS), Arbitraries.of(HOSTILE_NAMES))
        .as((key, upperCase, bad, badNumber, hostile) -> {
          Setting setting = WatchlistLoader.GLOBAL_KEYS.get(key);
          String value = !bad ? GOOD_SETTINGS.get(setting)
              : setting == Setting.TEXT ? "x".repeat(257)
              : List.of(Setting.SEVERITY, Setting.FENCES, Setting.BACKEND).contains(setting) ? hostile
              : badNumber;
          return new GlobalRow(upperCase ? key.toUpperCase(Locale.ROOT) : key, value, bad);
        });
    return row.list().ofMaxSize(WatchlistLoader.GLOBAL_KEYS.size())
        .uniqueElements(r -> r.key().toLowerCase(Locale.ROOT));
  }

  private static String canonical(String key) {
    return WatchlistLoader.GLOBAL_KEYS.keySet().stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()
        .orElseThrow();
  }

  static final AlertRule ALERT_DEFAULTS = new AlertRule(0, "", "", "Default alert", Severity.LOW, 2);

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

  @Provide
  static Arbitrary<List<AlertRow>> alertRows() {
    Arbitrary<String> badName = Arbitraries.of(HOSTILE_NAMES)
        .filter(name -> !name.isBlank() && Identifier.problem(name.strip()).isPresent());
    Arbitrary<BadCell> bad = Arbitraries.oneOf(
        badName.map(name -> new BadCell("Source", name)),
        Arbitraries.just(new BadCell("AlertName", "x".repeat(257))),
        Arbitraries.of("Critical", "urgent", "3", "High;").map(name -> new BadCell("Severity", name)),
        Arbitraries.of(BAD_NUMBERS).map(weight -> new BadCell("Weight", weight)),
        Arbitraries.of("-1", "1000001", "-0.5").map(weight -> new BadCell("Weight", weight)));
    Arbitrary<AlertRow> row = Combinators.combine(names(), Arbitraries.strings().ofMaxLength(20),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(256).filter(name -> name.equals(name.strip())
            && !name.isEmpty()).injectNull(0.3),
        Arbitraries.of(Severity.class).injectNull(0.3),
        Arbitraries.integers().between(0, 1_000_000).injectNull(0.3), bad.injectNull(0.6)).as(AlertRow::new);
    return row.list().ofMaxSize(10).uniqueElements(r -> r.source().toLowerCase(Locale.ROOT));
  }

  /** A table with every cell quoted, so that each reaches the loader exactly as written. */
  private static Written writeQuoted(List<String> header, List<List<String>> rows) {
    List<Integer> everyColumn = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      everyColumn.add(i);
    }
    return new Layout(false, false, everyColumn, false, true, List.of(0)).write(header, rows);
  }

  // ---- layouts ------------------------------------------------------------------------------------------------

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

  @Provide
  static Arbitrary<Layout> layouts() {
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < WatchlistLoader.SOURCE_COLUMNS.size(); i++) {
      columns.add(i);
    }
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.shuffle(columns), Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(5)).as(Layout::new);
  }

  // ---- fuzzed text --------------------------------------------------------------------------------------------

  /**
   * Text built from the pieces of real watchlists (every loader's column names, keys and values) mixed with hostile
   * names, bad numbers, quotes, separators, line breaks and arbitrary Unicode: either tables of such cells with a few
   * stray characters put in, or the pieces strung together at random.
   */
  @Provide
  static Arbitrary<String> watchlistText() {
    List<String> names = new ArrayList<>(WatchlistLoader.SOURCE_COLUMNS);
    names.addAll(WatchlistLoader.GLOBAL_COLUMNS);
    names.addAll(AnomalyWatchlistLoader.ALERT_COLUMNS);
    names.addAll(AnomalyWatchlistLoader.EXCEPTION_COLUMNS);
    names.addAll(WatchlistLoader.GLOBAL_KEYS.keySet());
    Arbitrary<String> value = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(names)),
        Tuple.of(6, Arbitraries.of(GOOD_NAMES)),
        Tuple.of(3, Arbitraries.of(HOSTILE_NAMES)),
        Tuple.of(2, Arbitraries.of(BAD_NUMBERS)),
        Tuple.of(4, Arbitraries.of("0", "1", "-1", "5", "60", "0.5", "3650", "10081", "99999999999", "kql", "snaive",
            "duckdb", "azure", "High", "tukey", "*", "-", "")),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(8)));
    Arbitrary<String> stray = Arbitraries.of(",", "\n", "\r\n", "\"", "\"\"", " ", "#", "\uFEFF", "\r");
    Arbitrary<String> cell = Arbitraries.oneOf(value,
        value.map(text -> '"' + text.replace("\"", "\"\"") + '"'));
    Arbitrary<String> header = Arbitraries.oneOf(Arbitraries.of(names), Arbitraries.just("Source"), value)
        .list().ofMinSize(1).ofMaxSize(8).map(cells -> String.join(",", cells));
    Arbitrary<String> row = cell.list().ofMaxSize(10).map(cells -> String.join(",", cells));
    Arbitrary<String> table = Combinators.combine(header, row.list().ofMaxSize(6), Arbitraries.of("\n", "\r\n"),
            Combinators.combine(stray, Arbitraries.integers().between(0, 2000)).as(Tuple::of).list().ofMaxSize(3))
        .as((first, rows, newline, strays) -> {
          StringBuilder text = new StringBuilder(first);
          rows.forEach(line -> text.append(newline).append(line));
          for (Tuple.Tuple2<String, Integer> put : strays) {
            text.insert(Math.min(put.get2(), text.length()), put.get1());
          }
          return text.toString();
        });
    Arbitrary<String> soup = Arbitraries.oneOf(value, stray).list().ofMaxSize(120)
        .map(pieces -> String.join("", pieces));
    return Arbitraries.frequencyOf(Tuple.of(3, table), Tuple.of(1, soup));
  }

  @Provide
  static Arbitrary<byte[]> watchlistBytes() {
    Arbitrary<byte[]> text = watchlistText().map(value -> value.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> broken = Combinators.combine(text, Arbitraries.bytes().array(byte[].class).ofMinSize(1)
        .ofMaxSize(4), Arbitraries.integers().between(0, 1000)).as((valid, junk, at) -> {
          int cut = Math.min(at, valid.length);
          byte[] out = new byte[valid.length + junk.length];
          System.arraycopy(valid, 0, out, 0, cut);
          System.arraycopy(junk, 0, out, cut, junk.length);
          System.arraycopy(valid, cut, out, cut + junk.length, valid.length - cut);
          return out;
        });
    return Arbitraries.oneOf(text, broken, Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
  }
}
