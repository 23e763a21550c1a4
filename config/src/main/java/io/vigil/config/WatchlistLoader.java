package io.vigil.config;

import io.vigil.model.BackendKind;
import io.vigil.model.Dimension;
import io.vigil.model.Identifier;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.AlertRule;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.anomaly.FenceKind;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.forecast.ForecastMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the source watchlist ({@code SentinelCustomAnalytics_SourceConfiguration}) and the global configuration
 * ({@code SentinelCustomAnalytics_GlobalConfiguration}) from CSV, validates every value, and applies the global
 * defaults to empty per-row values. Every bad value becomes a {@link ConfigError}; a row with any error is left
 * out and the others still run.
 */
public final class WatchlistLoader {

  /** The source watchlist's columns, in the order the design lists them. */
  public static final List<String> SOURCE_COLUMNS = List.of(
      "Source", "HostnameField", "UserField", "ActivityField", "SrcIpAddrField", "SizeField", "TimeField",
      "TimeSeriesBinSize", "TimeSeriesGenerationDelay", "MaxTimeSeriesGenerationPeriod",
      "MinForecastLookbackPeriod", "MaxForecastLookbackPeriod", "ForecastGenerationPeriod", "ForecastModel",
      "Backend");

  /** The global configuration's columns. */
  public static final List<String> GLOBAL_COLUMNS = List.of("Key", "Value");

  public static final String DEFAULT_TIME_FIELD = "TimeGenerated";

  /** The keys of the global configuration and the kind of value each holds. */
  static final Map<String, Setting> GLOBAL_KEYS = orderedMap(
      "SeriesGenerationFrequency", Setting.MINUTES_POSITIVE,
      "ForecastGenerationFrequency", Setting.MINUTES_POSITIVE,
      "DefaultTimeSeriesBinSize", Setting.MINUTES_POSITIVE,
      "DefaultTimeSeriesGenerationDelay", Setting.MINUTES_OR_ZERO,
      "DefaultMaxTimeSeriesGenerationPeriod", Setting.DAYS_POSITIVE,
      "DefaultMinForecastLookbackPeriod", Setting.DAYS_OR_ZERO,
      "DefaultMaxForecastLookbackPeriod", Setting.DAYS_POSITIVE,
      "DefaultForecastGenerationPeriod", Setting.BINS,
      "AnomalyFences", Setting.FENCES,
      "AnomalyFenceK", Setting.NUMBER_POSITIVE,
      "AnomalyResidualWindow", Setting.DAYS_POSITIVE,
      "AnomalyMinimumResiduals", Setting.BINS,
      "ForecastWarmUpPeriod", Setting.DAYS_OR_ZERO,
      "BaselineLookbackPeriod", Setting.DAYS_POSITIVE,
      "BaselineMinimumBins", Setting.BINS,
      "AbnormalUseShare", Setting.PERCENT,
      "IncidentWeightThreshold", Setting.NUMBER_POSITIVE,
      "IncidentWindow", Setting.MINUTES_POSITIVE,
      "DefaultAnomalyAlertName", Setting.TEXT,
      "DefaultAnomalySeverity", Setting.SEVERITY,
      "DefaultAnomalyWeight", Setting.NUMBER_OR_ZERO,
      "DefaultBackend", Setting.BACKEND);

  private WatchlistLoader() {}

  /** Loads both files; a missing or unreadable file is fatal and named, bad values are collected. */
  public static Watchlists load(Path sourceWatchlist, Path globalConfig) {
    return load(sourceWatchlist, globalConfig, null, null);
  }

  /**
   * Loads the source watchlist, the global configuration and, where given (not null), the AnomaliesConfiguration
   * and AnomaliesExceptions watchlists; a missing or unreadable file is fatal and named, bad values are collected.
   */
  public static Watchlists load(Path sourceWatchlist, Path globalConfig, Path anomaliesConfiguration,
      Path anomaliesExceptions) {
    return load(read(sourceWatchlist), read(globalConfig),
        anomaliesConfiguration == null ? null : read(anomaliesConfiguration),
        anomaliesExceptions == null ? null : read(anomaliesExceptions));
  }

  /**
   * Loads the watchlists from tables read elsewhere (CSV files, or Sentinel watchlists through a backend); the
   * anomaly tables may be null. Bad values are collected as with files.
   */
  public static Watchlists load(CsvTable sourceWatchlist, CsvTable globalConfig, CsvTable anomaliesConfiguration,
      CsvTable anomaliesExceptions) {
    List<ConfigError> errors = new ArrayList<>();
    GlobalConfig global = loadGlobal(globalConfig, errors);
    Map<String, BackendKind> backends = new HashMap<>();
    List<SourceConfig> sources = loadSources(sourceWatchlist, global, backends, errors);
    AnomalySettings anomalies = global.anomalies().withRules(
        anomaliesConfiguration == null ? List.of()
            : AnomalyWatchlistLoader.loadAlerts(anomaliesConfiguration, global.anomalies().defaultAlert(), errors),
        anomaliesExceptions == null ? List.of()
            : AnomalyWatchlistLoader.loadExceptions(anomaliesExceptions, errors));
    return new Watchlists(global, sources, Map.copyOf(backends), anomalies, List.copyOf(errors));
  }

  /** Reads a watchlist file; a missing or unreadable file is named. */
  public static CsvTable read(Path path) {
    try {
      if (!Files.isRegularFile(path)) {
        throw new NoSuchFileException(path.toString(), null, "no such file");
      }
      return CsvTable.read(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read watchlist " + path + ": " + e.getMessage(), e);
    }
  }

  /** Reads the Key/Value global configuration; keys it does not set keep {@link GlobalConfig#BUILT_IN}. */
  public static GlobalConfig loadGlobal(CsvTable table, List<ConfigError> errors) {
    int keyColumn = indexOf(table.header(), "Key");
    int valueColumn = indexOf(table.header(), "Value");
    if (keyColumn < 0 || valueColumn < 0) {
      errors.add(new ConfigError(table.file(), 0, table.headerLine(), keyColumn < 0 ? "Key" : "Value", null,
          "missing column; the global configuration needs the columns Key and Value"));
      return GlobalConfig.BUILT_IN;
    }
    Map<String, Setting.Parsed> values = new HashMap<>();
    Map<String, Integer> seenAt = new HashMap<>();
    for (CsvTable.Row row : table.rows()) {
      String key = cell(row, keyColumn);
      String value = cell(row, valueColumn);
      String canonical = canonicalKey(key);
      if (canonical == null) {
        errors.add(new ConfigError(table.file(), row.number(), row.line(), "Key", key,
            "unknown key; allowed keys are " + String.join(", ", GLOBAL_KEYS.keySet())));
        continue;
      }
      if (seenAt.containsKey(canonical)) {
        errors.add(new ConfigError(table.file(), row.number(), row.line(), "Key", key,
            "set again; row " + seenAt.get(canonical) + " already sets it"));
        continue;
      }
      seenAt.put(canonical, row.number());
      Setting setting = GLOBAL_KEYS.get(canonical);
      Setting.Parsed parsed = setting.parse(value);
      if (!parsed.ok()) {
        errors.add(new ConfigError(table.file(), row.number(), row.line(), canonical, value,
            parsed.error() + "; the built-in default is used instead"));
        continue;
      }
      values.put(canonical, parsed);
    }
    GlobalConfig d = GlobalConfig.BUILT_IN;
    return new GlobalConfig(
        duration(values, "SeriesGenerationFrequency", d.seriesGenerationFrequency()),
        duration(values, "ForecastGenerationFrequency", d.forecastGenerationFrequency()),
        duration(values, "DefaultTimeSeriesBinSize", d.binSize()),
        duration(values, "DefaultTimeSeriesGenerationDelay", d.generationDelay()),
        duration(values, "DefaultMaxTimeSeriesGenerationPeriod", d.maxGenerationPeriod()),
        duration(values, "DefaultMinForecastLookbackPeriod", d.minForecastLookback()),
        duration(values, "DefaultMaxForecastLookbackPeriod", d.maxForecastLookback()),
        count(values, "DefaultForecastGenerationPeriod", d.forecastBins()),
        values.containsKey("DefaultBackend") ? BackendKind.byId(values.get("DefaultBackend").text()).orElseThrow()
            : d.defaultBackend(),
        anomalySettings(values, d.anomalies()));
  }

  private static AnomalySettings anomalySettings(Map<String, Setting.Parsed> values, AnomalySettings d) {
    AlertRule alert = d.defaultAlert();
    return new AnomalySettings(
        values.containsKey("AnomalyFences") ? FenceKind.byId(values.get("AnomalyFences").text()).orElseThrow()
            : d.fences(),
        number(values, "AnomalyFenceK", d.fenceK()),
        duration(values, "AnomalyResidualWindow", d.residualWindow()),
        count(values, "AnomalyMinimumResiduals", d.minimumResiduals()),
        duration(values, "ForecastWarmUpPeriod", d.forecastWarmUp()),
        duration(values, "BaselineLookbackPeriod", d.baselineLookback()),
        count(values, "BaselineMinimumBins", d.baselineMinimumBins()),
        number(values, "AbnormalUseShare", d.rareShare()),
        number(values, "IncidentWeightThreshold", d.incidentThreshold()),
        duration(values, "IncidentWindow", d.incidentWindow()),
        new AlertRule(0, "", "",
            values.containsKey("DefaultAnomalyAlertName") ? values.get("DefaultAnomalyAlertName").text()
                : alert.alertName(),
            values.containsKey("DefaultAnomalySeverity")
                ? Severity.byLabel(values.get("DefaultAnomalySeverity").text()).orElseThrow() : alert.severity(),
            number(values, "DefaultAnomalyWeight", alert.weight())),
        List.of(), List.of());
  }

  private static double number(Map<String, Setting.Parsed> values, String key, double fallback) {
    Setting.Parsed parsed = values.get(key);
    return parsed == null ? fallback : parsed.number();
  }

  private static int count(Map<String, Setting.Parsed> values, String key, int fallback) {
    Setting.Parsed parsed = values.get(key);
    return parsed == null ? fallback : parsed.count();
  }

  /** Reads the source watchlist, one {@link SourceConfig} per valid row. */
  public static List<SourceConfig> loadSources(CsvTable table, GlobalConfig global, List<ConfigError> errors) {
    return loadSources(table, global, new HashMap<>(), errors);
  }

  /**
   * Reads the source watchlist, one {@link SourceConfig} per valid row, and puts the backend of each valid row with a
   * Backend cell into {@code backends}, by source.
   */
  public static List<SourceConfig> loadSources(CsvTable table, GlobalConfig global, Map<String, BackendKind> backends,
      List<ConfigError> errors) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < table.header().size(); i++) {
      String name = table.header().get(i);
      String canonical = SOURCE_COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
      if (canonical == null) {
        errors.add(new ConfigError(table.file(), 0, table.headerLine(), name, null,
            "unknown column, ignored; allowed columns are " + String.join(", ", SOURCE_COLUMNS)));
      } else if (columns.putIfAbsent(canonical, i) != null) {
        errors.add(new ConfigError(table.file(), 0, table.headerLine(), name, null, "column appears twice; the first is used"));
      }
    }
    if (!columns.containsKey("Source")) {
      errors.add(new ConfigError(table.file(), 0, table.headerLine(), "Source", null,
          "missing column; every row needs a Source (the table or function to analyse)"));
      return List.of();
    }
    List<SourceConfig> sources = new ArrayList<>();
    Map<String, Integer> sourceRows = new HashMap<>();
    for (CsvTable.Row row : table.rows()) {
      RowReader reader = new RowReader(table, row, columns, errors);
      String source = reader.identifier("Source", true, "");
      if (!source.isEmpty()) {
        Integer earlier = sourceRows.putIfAbsent(source.toLowerCase(Locale.ROOT), row.number());
        if (earlier != null) {
          reader.error("Source", source, "the same source is already configured by row " + earlier
              + "; each source has one row, so that its runs never overlap");
        }
      }
      Map<Dimension, String> fields = new LinkedHashMap<>();
      for (Dimension dimension : Dimension.values()) {
        fields.put(dimension, reader.identifier(dimension.watchlistField(), false, ""));
      }
      String sizeField = reader.identifier("SizeField", false, "");
      String timeField = reader.identifier("TimeField", false, DEFAULT_TIME_FIELD);
      Duration binSize = reader.duration("TimeSeriesBinSize", Setting.MINUTES_POSITIVE, global.binSize());
      Duration delay = reader.duration("TimeSeriesGenerationDelay", Setting.MINUTES_OR_ZERO,
          global.generationDelay());
      Duration maxPeriod = reader.duration("MaxTimeSeriesGenerationPeriod", Setting.DAYS_POSITIVE,
          global.maxGenerationPeriod());
      Duration minLookback = reader.duration("MinForecastLookbackPeriod", Setting.DAYS_OR_ZERO,
          global.minForecastLookback());
      Duration maxLookback = reader.duration("MaxForecastLookbackPeriod", Setting.DAYS_POSITIVE,
          global.maxForecastLookback());
      int forecastBins = reader.count("ForecastGenerationPeriod", Setting.BINS, global.forecastBins());
      ForecastMethod forecastMethod = reader.forecastMethod();
      BackendKind backend = reader.backend(global.defaultBackend());
      if (reader.valid()) {
        // Cross-field rules: each value may be fine alone and still leave the row unable to produce anything.
        // A run covers [ceil(now - bound), floor(now - delay)); only a bound of two bins plus the delay leaves
        // at least one whole bin in it whatever the time of the run.
        if (maxPeriod.compareTo(binSize.multipliedBy(2).plus(delay)) < 0) {
          reader.error("MaxTimeSeriesGenerationPeriod", reader.rawOrNull("MaxTimeSeriesGenerationPeriod"),
              "a catch-up bound of " + Setting.describe(maxPeriod) + " is shorter than two bins ("
                  + Setting.describe(binSize.multipliedBy(2)) + ") plus the generation delay ("
                  + Setting.describe(delay) + "), so runs could generate nothing and skip every bin; raise it or "
                  + "lower the others");
        }
        if (forecastMethod.daily() && Duration.ofDays(1).toSeconds() % binSize.toSeconds() != 0) {
          reader.error("ForecastModel", forecastMethod.id(), "this model works in days and weeks, and a bin of "
              + Setting.describe(binSize) + " does not divide a day; choose another bin size or model");
        }
        if (minLookback.compareTo(maxLookback) > 0) {
          reader.error("MinForecastLookbackPeriod", reader.rawOrNull("MinForecastLookbackPeriod"),
              "the minimum forecast lookback (" + Setting.describe(minLookback)
                  + ") is longer than the maximum (" + Setting.describe(maxLookback) + ")");
        }
      }
      if (reader.valid()) {
        sources.add(new SourceConfig(row.number(), source, fields.get(Dimension.HOSTNAME),
            fields.get(Dimension.USER), fields.get(Dimension.ACTIVITY), fields.get(Dimension.SRC_IP_ADDR),
            sizeField, timeField, binSize, delay, maxPeriod, minLookback, maxLookback, forecastBins, forecastMethod));
        backends.put(source, backend);
      }
    }
    return List.copyOf(sources);
  }

  /** Reads the cells of one row, recording an error for each bad one. */
  private static final class RowReader extends RowCells {

    RowReader(CsvTable table, CsvTable.Row row, Map<String, Integer> columns, List<ConfigError> errors) {
      super(table, row, columns, errors);
    }

    /** The cell's text, or null when the cell is empty and the value came from a default. */
    String rawOrNull(String column) {
      String value = raw(column);
      return value.isEmpty() ? null : value;
    }

    /** The ForecastModel cell: empty means the default model. */
    ForecastMethod forecastMethod() {
      String value = raw("ForecastModel");
      if (value.isEmpty()) {
        return ForecastMethod.KQL;
      }
      return ForecastMethod.byId(value).orElseGet(() -> {
        error("ForecastModel", value, "unknown model; allowed models are " + ForecastMethod.ids());
        return ForecastMethod.KQL;
      });
    }

    /** The Backend cell: empty means DefaultBackend. */
    BackendKind backend(BackendKind defaultBackend) {
      Setting.Parsed parsed = parse("Backend", Setting.BACKEND);
      return parsed == null ? defaultBackend : BackendKind.byId(parsed.text()).orElseThrow();
    }

    String identifier(String column, boolean required, String defaultValue) {
      String value = raw(column);
      if (value.isEmpty()) {
        if (required) {
          error(column, value, "required; name the table or function to analyse");
        }
        return defaultValue;
      }
      String problem = Identifier.problem(value).orElse(null);
      if (problem != null) {
        error(column, value, problem);
        return defaultValue;
      }
      return value;
    }

    Duration duration(String column, Setting setting, Duration defaultValue) {
      Setting.Parsed parsed = parse(column, setting);
      return parsed == null ? defaultValue : parsed.duration();
    }

    int count(String column, Setting setting, int defaultValue) {
      Setting.Parsed parsed = parse(column, setting);
      return parsed == null ? defaultValue : parsed.count();
    }

    private Setting.Parsed parse(String column, Setting setting) {
      String value = raw(column);
      if (value.isEmpty()) {
        return null;
      }
      Setting.Parsed parsed = setting.parse(value);
      if (!parsed.ok()) {
        error(column, value, parsed.error());
        return null;
      }
      return parsed;
    }
  }

  static String cell(CsvTable.Row row, int index) {
    return index < row.cells().size() ? row.cells().get(index) : "";
  }

  static int indexOf(List<String> header, String column) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }

  private static String canonicalKey(String key) {
    return GLOBAL_KEYS.keySet().stream().filter(k -> k.equalsIgnoreCase(key)).findFirst().orElse(null);
  }

  private static Duration duration(Map<String, Setting.Parsed> values, String key, Duration fallback) {
    Setting.Parsed parsed = values.get(key);
    return parsed == null ? fallback : parsed.duration();
  }

  private static Map<String, Setting> orderedMap(Object... keysAndValues) {
    Map<String, Setting> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (Setting) keysAndValues[i + 1]);
    }
    return map;
  }
}
