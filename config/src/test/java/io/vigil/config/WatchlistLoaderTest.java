package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.Identifier;
import io.vigil.model.BackendKind;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.forecast.ForecastMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WatchlistLoaderTest {

  private static final String SOURCES_FILE = "watchlist.csv";
  private static final String GLOBAL_FILE = "global.csv";
  private static final String HEADER = String.join(",", WatchlistLoader.SOURCE_COLUMNS);
  private static final int COLUMNS = WatchlistLoader.SOURCE_COLUMNS.size();

  private static final String MINUTES_POSITIVE = "a whole number of minutes from 1 to 10080 (one week)";
  private static final String MINUTES_OR_ZERO = "a whole number of minutes from 0 to 10080 (one week)";
  private static final String DAYS_POSITIVE = "a number of days greater than 0 and at most 3650 (decimals allowed, e.g. 0.5)";
  private static final String DAYS_OR_ZERO = "a number of days from 0 to 3650 (decimals allowed, e.g. 0.5)";
  private static final String BINS = "a whole number of bins from 1 to 100000";

  /** Global defaults that differ from the built-in ones, so a test can tell which were applied. */
  private static final GlobalConfig CUSTOM_GLOBAL = new GlobalConfig(Duration.ofMinutes(10), Duration.ofMinutes(120),
      Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofDays(1), Duration.ofDays(21), 48,
      BackendKind.DUCKDB, AnomalySettings.BUILT_IN);

  private record Loaded<T>(T value, List<ConfigError> errors) {}

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** One CSV cell, quoted when it holds anything the reader would otherwise split, trim or unescape. */
  private static String cell(String value) {
    boolean needsQuotes = value.contains(",") || value.contains("\"") || value.contains("\n")
        || value.contains("\r") || !value.equals(value.strip()) || value.startsWith("#");
    return needsQuotes ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  /** A watchlist line with {@code source} in the Source column, every other cell empty except the given pairs. */
  private static String row(String source, String... columnValuePairs) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < COLUMNS; i++) {
      cells.add("");
    }
    cells.set(0, source);
    for (int i = 0; i < columnValuePairs.length; i += 2) {
      int index = WatchlistLoader.SOURCE_COLUMNS.indexOf(columnValuePairs[i]);
      if (index < 0) {
        throw new IllegalArgumentException("no column " + columnValuePairs[i]);
      }
      cells.set(index, columnValuePairs[i + 1]);
    }
    return cells.stream().map(WatchlistLoaderTest::cell).collect(Collectors.joining(","));
  }

  private static Loaded<List<SourceConfig>> sources(GlobalConfig global, String... lines) {
    CsvTable table = CsvTable.parse(SOURCES_FILE, HEADER + "\n" + String.join("\n", lines) + "\n");
    List<ConfigError> errors = new ArrayList<>();
    List<SourceConfig> sources = WatchlistLoader.loadSources(table, global, errors);
    return new Loaded<>(sources, errors);
  }

  private static Loaded<List<SourceConfig>> sources(String... lines) {
    return sources(GlobalConfig.BUILT_IN, lines);
  }

  private static Loaded<List<SourceConfig>> sourcesFromText(String text) {
    List<ConfigError> errors = new ArrayList<>();
    List<SourceConfig> sources =
        WatchlistLoader.loadSources(CsvTable.parse(SOURCES_FILE, text), GlobalConfig.BUILT_IN, errors);
    return new Loaded<>(sources, errors);
  }

  private static Loaded<GlobalConfig> global(String... lines) {
    CsvTable table = CsvTable.parse(GLOBAL_FILE, "Key,Value\n" + String.join("\n", lines) + "\n");
    List<ConfigError> errors = new ArrayList<>();
    GlobalConfig global = WatchlistLoader.loadGlobal(table, errors);
    return new Loaded<>(global, errors);
  }

  private static List<String> names(List<SourceConfig> sources) {
    return sources.stream().map(SourceConfig::source).toList();
  }

  private static void assertError(ConfigError error, String file, int row, int line, String column, String value,
      String messageStart) {
    String where = error.toString();
    assertEquals(file, error.file(), where);
    assertEquals(row, error.row(), where);
    assertEquals(line, error.line(), where);
    assertEquals(column, error.column(), where);
    assertEquals(value, error.value(), where);
    assertTrue(error.message().startsWith(messageStart), () -> "message of " + where);
  }

  // ---- global configuration ---------------------------------------------------------------------------------

  @Test
  void loadGlobalReadsEveryKey() {
    Loaded<GlobalConfig> loaded = global(
        "SeriesGenerationFrequency,10",
        "ForecastGenerationFrequency,120",
        "DefaultTimeSeriesBinSize,15",
        "DefaultTimeSeriesGenerationDelay,0",
        "DefaultMaxTimeSeriesGenerationPeriod,7",
        "DefaultMinForecastLookbackPeriod,0.5",
        "DefaultMaxForecastLookbackPeriod,21",
        "DefaultForecastGenerationPeriod,48");
    assertEquals(List.of(), loaded.errors());
    assertEquals(new GlobalConfig(Duration.ofMinutes(10), Duration.ofMinutes(120), Duration.ofMinutes(15),
        Duration.ZERO, Duration.ofDays(7), Duration.ofHours(12), Duration.ofDays(21), 48, BackendKind.DUCKDB,
        AnomalySettings.BUILT_IN),
        loaded.value());
  }

  @Test
  void loadGlobalMatchesKeysAndColumnsIgnoringCase() {
    CsvTable table = CsvTable.parse(GLOBAL_FILE, "key,VALUE\ndefaulttimeseriesbinsize, 20 \n");
    List<ConfigError> errors = new ArrayList<>();
    GlobalConfig global = WatchlistLoader.loadGlobal(table, errors);
    assertEquals(List.of(), errors);
    assertEquals(Duration.ofMinutes(20), global.binSize());
  }

  @Test
  void loadGlobalKeepsBuiltInDefaultsForKeysTheFileDoesNotSet() {
    Loaded<GlobalConfig> loaded = global("DefaultTimeSeriesBinSize,15");
    GlobalConfig d = GlobalConfig.BUILT_IN;
    assertEquals(List.of(), loaded.errors());
    assertEquals(new GlobalConfig(d.seriesGenerationFrequency(), d.forecastGenerationFrequency(),
        Duration.ofMinutes(15), d.generationDelay(), d.maxGenerationPeriod(), d.minForecastLookback(),
        d.maxForecastLookback(), d.forecastBins(), d.defaultBackend(), d.anomalies()), loaded.value());
  }

  @Test
  void anEmptyGlobalConfigurationIsTheBuiltInOne() {
    Loaded<GlobalConfig> loaded = global();
    assertEquals(List.of(), loaded.errors());
    assertEquals(GlobalConfig.BUILT_IN, loaded.value());
  }

  @Test
  void builtInDefaultsAreTheDocumentedOnes() {
    GlobalConfig d = GlobalConfig.BUILT_IN;
    assertEquals(Duration.ofMinutes(5), d.seriesGenerationFrequency());
    assertEquals(Duration.ofMinutes(60), d.forecastGenerationFrequency());
    assertEquals(Duration.ofMinutes(60), d.binSize());
    assertEquals(Duration.ofMinutes(30), d.generationDelay());
    assertEquals(Duration.ofDays(14), d.maxGenerationPeriod());
    assertEquals(Duration.ofDays(3), d.minForecastLookback());
    assertEquals(Duration.ofDays(28), d.maxForecastLookback());
    assertEquals(24, d.forecastBins());
    // The built-in defaults must themselves pass the cross-field rules a row is checked against.
    assertTrue(d.maxGenerationPeriod().compareTo(d.binSize().plus(d.generationDelay())) >= 0);
    assertTrue(d.minForecastLookback().compareTo(d.maxForecastLookback()) <= 0);
  }

  @Test
  void anUnknownGlobalKeyIsReportedAndTheOtherKeysStillApply() {
    Loaded<GlobalConfig> loaded = global("DefaultBinSize,15", "DefaultForecastGenerationPeriod,12");
    assertEquals(1, loaded.errors().size());
    ConfigError error = loaded.errors().get(0);
    assertError(error, GLOBAL_FILE, 1, 2, "Key", "DefaultBinSize", "unknown key; allowed keys are ");
    assertEquals("global.csv row 1 (line 2), column Key, value 'DefaultBinSize': unknown key; allowed keys are "
        + "SeriesGenerationFrequency, ForecastGenerationFrequency, DefaultTimeSeriesBinSize, "
        + "DefaultTimeSeriesGenerationDelay, DefaultMaxTimeSeriesGenerationPeriod, DefaultMinForecastLookbackPeriod, "
        + "DefaultMaxForecastLookbackPeriod, DefaultForecastGenerationPeriod, AnomalyFences, AnomalyFenceK, "
        + "AnomalyResidualWindow, AnomalyMinimumResiduals, ForecastWarmUpPeriod, BaselineLookbackPeriod, "
        + "BaselineMinimumBins, AbnormalUseShare, IncidentWeightThreshold, IncidentWindow, DefaultAnomalyAlertName, "
        + "DefaultAnomalySeverity, DefaultAnomalyWeight, DefaultBackend", error.toString());
    assertEquals(12, loaded.value().forecastBins());
    assertEquals(GlobalConfig.BUILT_IN.binSize(), loaded.value().binSize());
  }

  @Test
  void anEmptyGlobalKeyIsUnknown() {
    Loaded<GlobalConfig> loaded = global(",15");
    assertEquals(1, loaded.errors().size());
    assertError(loaded.errors().get(0), GLOBAL_FILE, 1, 2, "Key", "", "unknown key");
  }

  @Test
  void aGlobalKeySetTwiceIsReportedAndTheFirstValueKept() {
    Loaded<GlobalConfig> loaded = global("DefaultTimeSeriesBinSize,15", "# override", "defaulttimeseriesbinsize,20");
    assertEquals(1, loaded.errors().size());
    assertError(loaded.errors().get(0), GLOBAL_FILE, 2, 4, "Key", "defaulttimeseriesbinsize",
        "set again; row 1 already sets it");
    assertEquals(Duration.ofMinutes(15), loaded.value().binSize());
  }

  static Stream<Arguments> badGlobalValues() {
    return Stream.of(
        Arguments.of("SeriesGenerationFrequency", "abc", "not a number; expected " + MINUTES_POSITIVE),
        Arguments.of("SeriesGenerationFrequency", "0", "out of range; expected " + MINUTES_POSITIVE),
        Arguments.of("ForecastGenerationFrequency", "-5", "out of range; expected " + MINUTES_POSITIVE),
        Arguments.of("DefaultTimeSeriesBinSize", "1.5", "not a whole number; expected " + MINUTES_POSITIVE),
        Arguments.of("DefaultTimeSeriesBinSize", "10081", "out of range; expected " + MINUTES_POSITIVE),
        Arguments.of("DefaultTimeSeriesBinSize", "", "not a number; expected " + MINUTES_POSITIVE),
        Arguments.of("DefaultTimeSeriesBinSize", "60m", "not a number; expected " + MINUTES_POSITIVE),
        Arguments.of("DefaultTimeSeriesGenerationDelay", "-1", "out of range; expected " + MINUTES_OR_ZERO),
        Arguments.of("DefaultMaxTimeSeriesGenerationPeriod", "0", "out of range; expected " + DAYS_POSITIVE),
        Arguments.of("DefaultMaxTimeSeriesGenerationPeriod", "3651", "out of range; expected " + DAYS_POSITIVE),
        Arguments.of("DefaultMaxTimeSeriesGenerationPeriod", "0.000001", "out of range; expected " + DAYS_POSITIVE),
        Arguments.of("DefaultMinForecastLookbackPeriod", "-0.5", "out of range; expected " + DAYS_OR_ZERO),
        Arguments.of("DefaultMaxForecastLookbackPeriod", "ten", "not a number; expected " + DAYS_POSITIVE),
        Arguments.of("DefaultForecastGenerationPeriod", "0", "out of range; expected " + BINS),
        Arguments.of("DefaultForecastGenerationPeriod", "2.5", "not a whole number; expected " + BINS),
        Arguments.of("DefaultForecastGenerationPeriod", "100001", "out of range; expected " + BINS));
  }

  @ParameterizedTest(name = "{0} = ''{1}''")
  @MethodSource("badGlobalValues")
  void aBadGlobalValueIsReportedAndTheBuiltInDefaultUsed(String key, String value, String message) {
    Loaded<GlobalConfig> loaded = global(key + "," + cell(value));
    assertEquals(1, loaded.errors().size(), () -> loaded.errors().toString());
    ConfigError error = loaded.errors().get(0);
    assertError(error, GLOBAL_FILE, 1, 2, key, value, message);
    assertEquals(message + "; the built-in default is used instead", error.message());
    assertEquals("global.csv row 1 (line 2), column " + key + ", value '" + value + "': " + message
        + "; the built-in default is used instead", error.toString());
    assertEquals(GlobalConfig.BUILT_IN, loaded.value());
  }

  @Test
  void aGlobalConfigurationWithoutAValueColumnIsReportedAndBuiltInUsed() {
    CsvTable table = CsvTable.parse(GLOBAL_FILE, "Key,Setting\nDefaultTimeSeriesBinSize,15\n");
    List<ConfigError> errors = new ArrayList<>();
    GlobalConfig global = WatchlistLoader.loadGlobal(table, errors);
    assertEquals(GlobalConfig.BUILT_IN, global);
    assertEquals(1, errors.size());
    assertError(errors.get(0), GLOBAL_FILE, 0, 1, "Value", null, "missing column");
    assertEquals("global.csv header (line 1), column Value: missing column; the global configuration needs the columns "
        + "Key and Value", errors.get(0).toString());
  }

  @Test
  void aGlobalConfigurationWithoutAKeyColumnIsReported() {
    CsvTable table = CsvTable.parse(GLOBAL_FILE, "Name,Value\nDefaultTimeSeriesBinSize,15\n");
    List<ConfigError> errors = new ArrayList<>();
    assertEquals(GlobalConfig.BUILT_IN, WatchlistLoader.loadGlobal(table, errors));
    assertError(errors.get(0), GLOBAL_FILE, 0, 1, "Key", null, "missing column");
  }

  @Test
  void goodGlobalValuesApplyBesideBadOnes() {
    Loaded<GlobalConfig> loaded = global("DefaultTimeSeriesBinSize,0", "DefaultTimeSeriesGenerationDelay,10",
        "Nonsense,1", "DefaultForecastGenerationPeriod,2.5", "DefaultMaxForecastLookbackPeriod,0.25");
    assertEquals(List.of(1, 3, 4), loaded.errors().stream().map(ConfigError::row).toList());
    assertEquals(GlobalConfig.BUILT_IN.binSize(), loaded.value().binSize());
    assertEquals(Duration.ofMinutes(10), loaded.value().generationDelay());
    assertEquals(GlobalConfig.BUILT_IN.forecastBins(), loaded.value().forecastBins());
    assertEquals(Duration.ofHours(6), loaded.value().maxForecastLookback());
  }

  // ---- source watchlist: valid rows -------------------------------------------------------------------------

  @Test
  void aFullRowIsReadAsWritten() {
    Loaded<List<SourceConfig>> loaded = sources(
        "SigninLogs,Computer,UserPrincipalName,OperationName,IPAddress,DurationMs,EventTime,10,15,2,1,7,36,"
            + "multiseasonal,duckdb");
    assertEquals(List.of(), loaded.errors());
    assertEquals(List.of(new SourceConfig(1, "SigninLogs", "Computer", "UserPrincipalName", "OperationName",
        "IPAddress", "DurationMs", "EventTime", Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofDays(2),
        Duration.ofDays(1), Duration.ofDays(7), 36, ForecastMethod.MULTISEASONAL)), loaded.value());
  }

  @Test
  void anUnknownForecastModelOrADailyModelOnBinsThatDoNotDivideADayIsReported() {
    Loaded<List<SourceConfig>> loaded = sources(
        row("SigninLogs", "ForecastModel", "prophet"),
        row("Syslog", "ForecastModel", "snaive", "TimeSeriesBinSize", "7"),
        row("AuditLogs", "ForecastModel", "KQL-Linefit", "TimeSeriesBinSize", "7"));
    assertEquals(List.of("AuditLogs"), names(loaded.value()));
    assertEquals(ForecastMethod.KQL_LINEFIT, loaded.value().get(0).forecastMethod());
    assertEquals(2, loaded.errors().size());
    assertError(loaded.errors().get(0), SOURCES_FILE, 1, 2, "ForecastModel", "prophet",
        "unknown model; allowed models are kql, kql-linefit, multiseasonal, snaive");
    assertError(loaded.errors().get(1), SOURCES_FILE, 2, 3, "ForecastModel", "snaive",
        "this model works in days and weeks");
  }

  @Test
  void eachRowChoosesItsBackendOrTakesTheDefaultAndAnUnknownOneIsReported() {
    CsvTable table = CsvTable.parse(SOURCES_FILE, HEADER + "\n" + String.join("\n",
        row("SigninLogs", "Backend", "Azure"), row("Syslog"), row("AuditLogs", "Backend", "bigquery")) + "\n");
    List<ConfigError> errors = new ArrayList<>();
    Map<String, BackendKind> backends = new java.util.HashMap<>();
    List<SourceConfig> sources = WatchlistLoader.loadSources(table, GlobalConfig.BUILT_IN, backends, errors);
    assertEquals(List.of("SigninLogs", "Syslog"), names(sources));
    assertEquals(Map.of("SigninLogs", BackendKind.AZURE, "Syslog", BackendKind.DUCKDB), backends);
    assertEquals(1, errors.size());
    assertError(errors.get(0), SOURCES_FILE, 3, 4, "Backend", "bigquery",
        "not a backend; expected one of duckdb, azure, snowflake");
  }

  @Test
  void emptyCellsTakeTheGlobalDefaults() {
    Loaded<List<SourceConfig>> loaded = sources(CUSTOM_GLOBAL, row("SigninLogs"));
    assertEquals(List.of(), loaded.errors());
    assertEquals(List.of(new SourceConfig(1, "SigninLogs", "", "", "", "", "", "TimeGenerated",
        Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofDays(1), Duration.ofDays(21),
        48, null)), loaded.value());
  }

  @Test
  void emptyCellsWithTheBuiltInGlobalTakeTheBuiltInDefaults() {
    SourceConfig config = sources(row("SigninLogs")).value().get(0);
    GlobalConfig d = GlobalConfig.BUILT_IN;
    assertEquals(d.binSize(), config.binSize());
    assertEquals(d.generationDelay(), config.generationDelay());
    assertEquals(d.maxGenerationPeriod(), config.maxGenerationPeriod());
    assertEquals(d.minForecastLookback(), config.minForecastLookback());
    assertEquals(d.maxForecastLookback(), config.maxForecastLookback());
    assertEquals(d.forecastBins(), config.forecastBins());
    assertEquals(WatchlistLoader.DEFAULT_TIME_FIELD, config.timeField());
  }

  @Test
  void aSetCellOverridesOnlyItsOwnDefault() {
    SourceConfig config = sources(CUSTOM_GLOBAL, row("SigninLogs", "TimeSeriesBinSize", "60",
        "ForecastGenerationPeriod", "12")).value().get(0);
    assertEquals(Duration.ofMinutes(60), config.binSize());
    assertEquals(12, config.forecastBins());
    assertEquals(CUSTOM_GLOBAL.generationDelay(), config.generationDelay());
    assertEquals(CUSTOM_GLOBAL.maxGenerationPeriod(), config.maxGenerationPeriod());
  }

  @Test
  void aWatchlistWithOnlyASourceColumnUsesDefaultsEverywhere() {
    List<ConfigError> errors = new ArrayList<>();
    List<SourceConfig> sources = WatchlistLoader.loadSources(
        CsvTable.parse(SOURCES_FILE, "Source\nSigninLogs\nSyslog\n"), CUSTOM_GLOBAL, errors);
    assertEquals(List.of(), errors);
    assertEquals(List.of("SigninLogs", "Syslog"), names(sources));
    assertEquals(Duration.ofMinutes(15), sources.get(1).binSize());
    assertEquals("TimeGenerated", sources.get(1).timeField());
    assertEquals("", sources.get(1).userField());
  }

  @Test
  void columnsAreMatchedIgnoringCaseAndInAnyOrder() {
    List<ConfigError> errors = new ArrayList<>();
    List<SourceConfig> sources = WatchlistLoader.loadSources(CsvTable.parse(SOURCES_FILE,
        "timeseriesbinsize,USERFIELD,source\n5,UserPrincipalName,SigninLogs\n"), GlobalConfig.BUILT_IN, errors);
    assertEquals(List.of(), errors);
    assertEquals(Duration.ofMinutes(5), sources.get(0).binSize());
    assertEquals("UserPrincipalName", sources.get(0).userField());
    assertEquals("SigninLogs", sources.get(0).source());
  }

  @Test
  void zeroDelayAndZeroMinimumLookbackAreAllowed() {
    Loaded<List<SourceConfig>> loaded = sources(row("SigninLogs", "TimeSeriesGenerationDelay", "0",
        "MinForecastLookbackPeriod", "0"));
    assertEquals(List.of(), loaded.errors());
    assertEquals(Duration.ZERO, loaded.value().get(0).generationDelay());
    assertEquals(Duration.ZERO, loaded.value().get(0).minForecastLookback());
  }

  @Test
  void dayPeriodsMayBeDecimalAndBecomeWholeSeconds() {
    Loaded<List<SourceConfig>> loaded = sources(row("SigninLogs", "MaxTimeSeriesGenerationPeriod", "0.5",
        "MinForecastLookbackPeriod", "1.25", "MaxForecastLookbackPeriod", "2.00001"));
    assertEquals(List.of(), loaded.errors());
    SourceConfig config = loaded.value().get(0);
    assertEquals(Duration.ofHours(12), config.maxGenerationPeriod());
    assertEquals(Duration.ofHours(30), config.minForecastLookback());
    // 2.00001 days is 172800.864 s, rounded to the nearest whole second.
    assertEquals(Duration.ofSeconds(172_801), config.maxForecastLookback());
  }

  @Test
  void theLargestAllowedValuesAreAccepted() {
    Loaded<List<SourceConfig>> loaded = sources(row("SigninLogs", "TimeSeriesBinSize", "10080",
        "TimeSeriesGenerationDelay", "10080", "MaxTimeSeriesGenerationPeriod", "3650", "MinForecastLookbackPeriod",
        "3650", "MaxForecastLookbackPeriod", "3650", "ForecastGenerationPeriod", "100000"));
    assertEquals(List.of(), loaded.errors());
    assertEquals(100_000, loaded.value().get(0).forecastBins());
  }

  @Test
  void spacesAroundAnUnquotedNameAreTrimmed() {
    Loaded<List<SourceConfig>> loaded = sourcesFromText("Source,UserField\n  SigninLogs  , UserPrincipalName\n");
    assertEquals(List.of(), loaded.errors());
    assertEquals("SigninLogs", loaded.value().get(0).source());
    assertEquals("UserPrincipalName", loaded.value().get(0).userField());
  }

  // ---- source watchlist: header problems --------------------------------------------------------------------

  @Test
  void anUnknownColumnIsReportedAndIgnoredWhileTheRowsStillLoad() {
    Loaded<List<SourceConfig>> loaded = sourcesFromText("Source,Colour,TimeSeriesBinSize\nSigninLogs,red,10\n");
    assertEquals(List.of("SigninLogs"), names(loaded.value()));
    assertEquals(Duration.ofMinutes(10), loaded.value().get(0).binSize());
    assertEquals(1, loaded.errors().size());
    ConfigError error = loaded.errors().get(0);
    assertError(error, SOURCES_FILE, 0, 1, "Colour", null, "unknown column, ignored; allowed columns are Source, ");
    assertEquals("watchlist.csv header (line 1), column Colour: unknown column, ignored; allowed columns are "
        + String.join(", ", WatchlistLoader.SOURCE_COLUMNS), error.toString());
  }

  @Test
  void aColumnNamedTwiceIsReportedAndTheFirstUsed() {
    Loaded<List<SourceConfig>> loaded =
        sourcesFromText("Source,TimeSeriesBinSize,timeseriesbinsize\nSigninLogs,10,20\n");
    assertEquals(1, loaded.errors().size());
    assertError(loaded.errors().get(0), SOURCES_FILE, 0, 1, "timeseriesbinsize", null, "column appears twice");
    assertEquals(Duration.ofMinutes(10), loaded.value().get(0).binSize());
  }

  @Test
  void aWatchlistWithoutASourceColumnLoadsNothing() {
    Loaded<List<SourceConfig>> loaded = sourcesFromText("Table,TimeSeriesBinSize\nSigninLogs,10\n");
    assertEquals(List.of(), loaded.value());
    assertTrue(loaded.errors().stream().anyMatch(e -> e.column().equals("Source") && e.row() == 0
        && e.message().startsWith("missing column")), loaded.errors()::toString);
  }

  @Test
  void headerErrorsPointAtTheHeaderLineAfterLeadingComments() {
    // ConfigError.line is documented as the file line; here the header is on line 3, not line 1.
    Loaded<List<SourceConfig>> loaded =
        sourcesFromText("# Source watchlist\n\nSource,Colour\nSigninLogs,red\n");
    assertEquals(1, loaded.errors().size());
    assertEquals(3, loaded.errors().get(0).line(), loaded.errors().get(0)::toString);
  }

  // ---- source watchlist: bad values -------------------------------------------------------------------------

  static Stream<Arguments> badBinSizes() {
    return Stream.of(
        Arguments.of("abc", "not a number; expected " + MINUTES_POSITIVE),
        Arguments.of("10 minutes", "not a number; expected " + MINUTES_POSITIVE),
        Arguments.of("0", "out of range; expected " + MINUTES_POSITIVE),
        Arguments.of("-10", "out of range; expected " + MINUTES_POSITIVE),
        Arguments.of("1.5", "not a whole number; expected " + MINUTES_POSITIVE),
        Arguments.of("0.5", "not a whole number; expected " + MINUTES_POSITIVE),
        Arguments.of("10081", "out of range; expected " + MINUTES_POSITIVE),
        Arguments.of("99999999999999999999999", "out of range; expected " + MINUTES_POSITIVE));
  }

  @ParameterizedTest(name = "TimeSeriesBinSize ''{0}''")
  @MethodSource("badBinSizes")
  void aBadBinSizeIsReportedAndTheOtherRowsStillLoad(String value, String message) {
    Loaded<List<SourceConfig>> loaded = sources(
        row("SigninLogs"),
        row("Syslog", "TimeSeriesBinSize", value),
        row("AuditLogs", "TimeSeriesBinSize", "10"));
    assertEquals(List.of("SigninLogs", "AuditLogs"), names(loaded.value()));
    assertEquals(List.of(1, 3), loaded.value().stream().map(SourceConfig::row).toList());
    assertEquals(1, loaded.errors().size(), loaded.errors()::toString);
    ConfigError error = loaded.errors().get(0);
    assertError(error, SOURCES_FILE, 2, 3, "TimeSeriesBinSize", value, message);
    assertEquals("watchlist.csv row 2 (line 3), column TimeSeriesBinSize, value '" + value + "': " + message,
        error.toString());
  }

  static Stream<Arguments> otherBadNumbers() {
    return Stream.of(
        Arguments.of("TimeSeriesGenerationDelay", "-1", "out of range; expected " + MINUTES_OR_ZERO),
        Arguments.of("TimeSeriesGenerationDelay", "2.5", "not a whole number; expected " + MINUTES_OR_ZERO),
        Arguments.of("TimeSeriesGenerationDelay", "soon", "not a number; expected " + MINUTES_OR_ZERO),
        Arguments.of("MaxTimeSeriesGenerationPeriod", "0", "out of range; expected " + DAYS_POSITIVE),
        Arguments.of("MaxTimeSeriesGenerationPeriod", "-1", "out of range; expected " + DAYS_POSITIVE),
        Arguments.of("MaxTimeSeriesGenerationPeriod", "3651", "out of range; expected " + DAYS_POSITIVE),
        Arguments.of("MaxTimeSeriesGenerationPeriod", "P14D", "not a number; expected " + DAYS_POSITIVE),
        Arguments.of("MinForecastLookbackPeriod", "-0.1", "out of range; expected " + DAYS_OR_ZERO),
        Arguments.of("MaxForecastLookbackPeriod", "0", "out of range; expected " + DAYS_POSITIVE),
        Arguments.of("ForecastGenerationPeriod", "0", "out of range; expected " + BINS),
        Arguments.of("ForecastGenerationPeriod", "-3", "out of range; expected " + BINS),
        Arguments.of("ForecastGenerationPeriod", "1.5", "not a whole number; expected " + BINS),
        Arguments.of("ForecastGenerationPeriod", "100001", "out of range; expected " + BINS));
  }

  @ParameterizedTest(name = "{0} ''{1}''")
  @MethodSource("otherBadNumbers")
  void aBadNumberIsReportedWithItsColumnValueAndWhatIsAllowed(String column, String value, String message) {
    Loaded<List<SourceConfig>> loaded = sources(row("Syslog", column, value), row("SigninLogs"));
    assertEquals(List.of("SigninLogs"), names(loaded.value()));
    assertEquals(1, loaded.errors().size(), loaded.errors()::toString);
    assertError(loaded.errors().get(0), SOURCES_FILE, 1, 2, column, value, message);
    assertEquals(message, loaded.errors().get(0).message());
  }

  @Test
  void aMissingSourceIsReported() {
    Loaded<List<SourceConfig>> loaded = sources(row("", "TimeSeriesBinSize", "10"), row("SigninLogs"));
    assertEquals(List.of("SigninLogs"), names(loaded.value()));
    assertEquals(1, loaded.errors().size());
    assertError(loaded.errors().get(0), SOURCES_FILE, 1, 2, "Source", "", "required");
    assertTrue(loaded.errors().get(0).toString().startsWith("watchlist.csv row 1 (line 2), column Source, value '': "));
  }

  static Stream<Arguments> badNames() {
    return Stream.of(
        Arguments.of("single quote", "Signin'Logs"),
        Arguments.of("double quote", "Signin\"Logs"),
        Arguments.of("statement separator", "SigninLogs; DROP TABLE x"),
        Arguments.of("semicolon", "SigninLogs;"),
        Arguments.of("inner space", "Signin Logs"),
        Arguments.of("quoted surrounding spaces", " SigninLogs "),
        Arguments.of("line comment", "SigninLogs--x"),
        Arguments.of("block comment", "SigninLogs/*x*/"),
        Arguments.of("backtick", "`SigninLogs`"),
        Arguments.of("brackets", "[SigninLogs]"),
        Arguments.of("dot", "db.SigninLogs"),
        Arguments.of("comma", "a,b"),
        Arguments.of("pipe", "SigninLogs | where 1 == 1"),
        Arguments.of("leading digit", "1Logs"),
        Arguments.of("unicode letter", "Signín"),
        Arguments.of("newline", "Signin\nLogs"),
        Arguments.of("too long", "a".repeat(Identifier.MAX_LENGTH + 1)));
  }

  @ParameterizedTest(name = "Source with {0}")
  @MethodSource("badNames")
  void anUnsafeSourceNameIsReportedAndTheRowLeftOut(String why, String name) {
    Loaded<List<SourceConfig>> loaded = sources(row(name), row("SigninLogs"));
    assertEquals(List.of("SigninLogs"), names(loaded.value()));
    assertEquals(1, loaded.errors().size(), loaded.errors()::toString);
    ConfigError error = loaded.errors().get(0);
    assertError(error, SOURCES_FILE, 1, 2, "Source", name, "is ");
    assertEquals(Identifier.problem(name).orElseThrow(), error.message());
    assertTrue(error.message().contains(Identifier.RULE), error.message());
  }

  static Stream<Arguments> badFieldNames() {
    List<String> fieldColumns = List.of("HostnameField", "UserField", "ActivityField", "SrcIpAddrField",
        "SizeField", "TimeField");
    return badNames().flatMap(a -> fieldColumns.stream().map(c -> Arguments.of(c, a.get()[0], a.get()[1])));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("badFieldNames")
  void anUnsafeFieldNameIsReportedAndTheRowLeftOut(String column, String why, String name) {
    Loaded<List<SourceConfig>> loaded = sources(row("Syslog", column, name), row("SigninLogs", column, "Good_1"));
    assertEquals(List.of("SigninLogs"), names(loaded.value()));
    assertEquals(1, loaded.errors().size(), loaded.errors()::toString);
    assertError(loaded.errors().get(0), SOURCES_FILE, 1, 2, column, name, "is ");
  }

  @Test
  void aSourceConfiguredTwiceIgnoringCaseIsReportedOnTheLaterRow() {
    Loaded<List<SourceConfig>> loaded = sources(row("SigninLogs"), row("Syslog"), row("signinlogs"));
    assertEquals(List.of("SigninLogs", "Syslog"), names(loaded.value()));
    assertEquals(1, loaded.errors().size());
    ConfigError error = loaded.errors().get(0);
    assertError(error, SOURCES_FILE, 3, 4, "Source", "signinlogs", "the same source is already configured by row 1");
  }

  @Test
  void aRowWithTooFewCellsIsReported() {
    Loaded<List<SourceConfig>> loaded = sources("Syslog,Computer", row("SigninLogs"));
    assertEquals(List.of("SigninLogs"), names(loaded.value()));
    assertEquals(1, loaded.errors().size());
    ConfigError error = loaded.errors().get(0);
    assertError(error, SOURCES_FILE, 1, 2, "", null, "the row has 2 cells but the header has " + COLUMNS);
    assertEquals("watchlist.csv row 1 (line 2): the row has 2 cells but the header has " + COLUMNS
        + "; quote values that contain commas", error.toString());
  }

  @Test
  void aRowWithTooManyCellsIsReported() {
    // An unquoted comma inside a value shifts every later cell; the count catches it.
    Loaded<List<SourceConfig>> loaded = sources(row("SigninLogs") + ",extra", row("Syslog"));
    assertEquals(List.of("Syslog"), names(loaded.value()));
    assertEquals(1, loaded.errors().size());
    assertError(loaded.errors().get(0), SOURCES_FILE, 1, 2, "", null,
        "the row has " + (COLUMNS + 1) + " cells but the header has " + COLUMNS);
  }

  @Test
  void aMinimumForecastLookbackAboveTheMaximumIsReported() {
    Loaded<List<SourceConfig>> loaded = sources(
        row("Syslog", "MinForecastLookbackPeriod", "10", "MaxForecastLookbackPeriod", "7"),
        row("SigninLogs", "MinForecastLookbackPeriod", "7", "MaxForecastLookbackPeriod", "7"));
    assertEquals(List.of("SigninLogs"), names(loaded.value()));
    assertEquals(1, loaded.errors().size());
    ConfigError error = loaded.errors().get(0);
    assertError(error, SOURCES_FILE, 1, 2, "MinForecastLookbackPeriod", "10", "the minimum forecast lookback");
    assertEquals("the minimum forecast lookback (10 days) is longer than the maximum (7 days)", error.message());
  }

  @Test
  void aMinimumForecastLookbackAboveAMaximumFromTheDefaultsIsReported() {
    // The global minimum is 1 day; this row lowers the maximum below it.
    Loaded<List<SourceConfig>> loaded = sources(CUSTOM_GLOBAL, row("Syslog", "MaxForecastLookbackPeriod", "0.5"));
    assertEquals(List.of(), loaded.value());
    assertEquals(1, loaded.errors().size());
    assertEquals("MinForecastLookbackPeriod", loaded.errors().get(0).column());
    assertNull(loaded.errors().get(0).value(), "the value came from the global default, not from a cell");
    assertTrue(loaded.errors().get(0).message().endsWith("is longer than the maximum (720 minutes)"),
        loaded.errors().get(0).message());
  }

  @Test
  void aCatchUpBoundShorterThanTwoBinsPlusTheDelayIsReported() {
    // 0.05 days is 72 minutes, less than two 60-minute bins plus a 30-minute delay; 0.125 days is 180 minutes.
    Loaded<List<SourceConfig>> loaded = sources(
        row("Syslog", "TimeSeriesBinSize", "60", "TimeSeriesGenerationDelay", "30",
            "MaxTimeSeriesGenerationPeriod", "0.05"),
        row("SigninLogs", "TimeSeriesBinSize", "60", "TimeSeriesGenerationDelay", "30",
            "MaxTimeSeriesGenerationPeriod", "0.125"));
    assertEquals(List.of("SigninLogs"), names(loaded.value()));
    assertEquals(Duration.ofMinutes(180), loaded.value().get(0).maxGenerationPeriod());
    assertEquals(1, loaded.errors().size());
    ConfigError error = loaded.errors().get(0);
    assertError(error, SOURCES_FILE, 1, 2, "MaxTimeSeriesGenerationPeriod", "0.05", "a catch-up bound of 72 minutes");
    assertTrue(error.message().contains("shorter than two bins (120 minutes) plus the generation delay (30 minutes)"),
        error.message());
  }

  @Test
  void aCatchUpBoundJustShortOfTwoWeekLongBinsPlusAWeekOfDelayIsReported() {
    // A one-week bin and a one-week delay are each allowed, but together need a bound of at least 21 days.
    Loaded<List<SourceConfig>> loaded = sources(row("Syslog", "TimeSeriesBinSize", "10080",
        "TimeSeriesGenerationDelay", "10080", "MaxTimeSeriesGenerationPeriod", "20.99"));
    assertEquals(List.of(), loaded.value());
    assertEquals(1, loaded.errors().size());
    assertEquals("MaxTimeSeriesGenerationPeriod", loaded.errors().get(0).column());
  }

  @Test
  void everyBadCellOfARowIsReported() {
    Loaded<List<SourceConfig>> loaded = sources(row("Sys log", "UserField", "user;name",
        "TimeSeriesBinSize", "0", "ForecastGenerationPeriod", "x"));
    assertEquals(List.of(), loaded.value());
    assertEquals(List.of("Source", "UserField", "TimeSeriesBinSize", "ForecastGenerationPeriod"),
        loaded.errors().stream().map(ConfigError::column).toList());
    loaded.errors().forEach(e -> {
      assertEquals(1, e.row());
      assertEquals(2, e.line());
    });
  }

  @Test
  void rowAndLineNumbersStayRightAfterCommentsAndMultiLineCells() {
    String text = String.join("\n",
        "# Vigil source watchlist",                          // line 1
        HEADER,                                               // line 2
        "",                                                   // line 3
        row("SigninLogs"),                                    // line 4: row 1
        "# disabled: " + row("Old"),                          // line 5
        row("Bad\nName"),                                     // lines 6-7: row 2
        row("Syslog", "TimeSeriesBinSize", "0"),              // line 8: row 3
        row("AuditLogs"),                                     // line 9: row 4
        "");
    Loaded<List<SourceConfig>> loaded = sourcesFromText(text);
    assertEquals(List.of("SigninLogs", "AuditLogs"), names(loaded.value()));
    assertEquals(List.of(1, 4), loaded.value().stream().map(SourceConfig::row).toList());
    assertEquals(2, loaded.errors().size(), loaded.errors()::toString);
    assertError(loaded.errors().get(0), SOURCES_FILE, 2, 6, "Source", "Bad\nName", "is not ");
    assertTrue(loaded.errors().get(0).toString().startsWith(
        "watchlist.csv row 2 (line 6), column Source, value 'Bad\\u000aName': is not "),
        loaded.errors().get(0)::toString);
    assertError(loaded.errors().get(1), SOURCES_FILE, 3, 8, "TimeSeriesBinSize", "0", "out of range");
  }

  @Test
  void theReturnedSourcesCannotBeModified() {
    List<SourceConfig> sources = sources(row("SigninLogs")).value();
    assertThrows(UnsupportedOperationException.class, () -> sources.remove(0));
  }

  // ---- load(Path, Path) -------------------------------------------------------------------------------------

  @Test
  void loadReadsBothFilesAndAppliesBuiltInDefaultsForKeysTheGlobalFileLacks(@TempDir Path dir) throws IOException {
    Path watchlist = dir.resolve("SourceConfiguration.csv");
    Path globalFile = dir.resolve("GlobalConfiguration.csv");
    Files.writeString(globalFile, "Key,Value\nDefaultTimeSeriesBinSize,15\nDefaultForecastGenerationPeriod,12\n",
        StandardCharsets.UTF_8);
    Files.writeString(watchlist, HEADER + "\n" + row("SigninLogs") + "\n"
        + row("Syslog", "TimeSeriesBinSize", "5") + "\n", StandardCharsets.UTF_8);
    Watchlists watchlists = WatchlistLoader.load(watchlist, globalFile);
    assertFalse(watchlists.hasErrors(), watchlists.errors()::toString);
    assertEquals(Duration.ofMinutes(15), watchlists.global().binSize());
    assertEquals(GlobalConfig.BUILT_IN.generationDelay(), watchlists.global().generationDelay());
    SourceConfig signin = watchlists.sources().get(0);
    assertEquals(Duration.ofMinutes(15), signin.binSize());
    assertEquals(12, signin.forecastBins());
    assertEquals(GlobalConfig.BUILT_IN.generationDelay(), signin.generationDelay());
    assertEquals(GlobalConfig.BUILT_IN.maxGenerationPeriod(), signin.maxGenerationPeriod());
    assertEquals(GlobalConfig.BUILT_IN.minForecastLookback(), signin.minForecastLookback());
    assertEquals(GlobalConfig.BUILT_IN.maxForecastLookback(), signin.maxForecastLookback());
    assertEquals(Duration.ofMinutes(5), watchlists.sources().get(1).binSize());
  }

  @Test
  void loadCollectsTheErrorsOfBothFilesNamedByFile(@TempDir Path dir) throws IOException {
    Path watchlist = dir.resolve("SourceConfiguration.csv");
    Path globalFile = dir.resolve("GlobalConfiguration.csv");
    Files.writeString(globalFile, "Key,Value\nDefaultTimeSeriesBinSize,fifteen\n", StandardCharsets.UTF_8);
    Files.writeString(watchlist, HEADER + "\n" + row("Sign;in") + "\n" + row("Syslog") + "\n",
        StandardCharsets.UTF_8);
    Watchlists watchlists = WatchlistLoader.load(watchlist, globalFile);
    assertTrue(watchlists.hasErrors());
    assertEquals(List.of("Syslog"), names(watchlists.sources()));
    assertEquals(GlobalConfig.BUILT_IN.binSize(), watchlists.sources().get(0).binSize());
    assertEquals(2, watchlists.errors().size());
    assertTrue(watchlists.errors().get(0).toString().startsWith(
        "GlobalConfiguration.csv row 1 (line 2), column DefaultTimeSeriesBinSize, value 'fifteen': not a number"),
        watchlists.errors().get(0)::toString);
    assertTrue(watchlists.errors().get(1).toString().startsWith(
        "SourceConfiguration.csv row 1 (line 2), column Source, value 'Sign;in': is not"),
        watchlists.errors().get(1)::toString);
  }

  @Test
  void loadFailsNamingAMissingFile(@TempDir Path dir) throws IOException {
    Path watchlist = dir.resolve("SourceConfiguration.csv");
    Files.writeString(watchlist, HEADER + "\n" + row("SigninLogs") + "\n", StandardCharsets.UTF_8);
    Path missing = dir.resolve("NoSuchGlobal.csv");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> WatchlistLoader.load(watchlist, missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    UncheckedIOException directory =
        assertThrows(UncheckedIOException.class, () -> WatchlistLoader.load(dir, watchlist));
    assertTrue(directory.getMessage().contains(dir.toString()), directory.getMessage());
  }
}
