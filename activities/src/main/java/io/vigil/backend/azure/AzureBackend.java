package io.vigil.backend.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.monitor.ingestion.LogsIngestionClient;
import com.azure.monitor.ingestion.LogsIngestionClientBuilder;
import com.azure.monitor.query.LogsQueryClientBuilder;
import io.vigil.backend.AnomalyProgress;
import io.vigil.backend.Backend;
import io.vigil.backend.ConfigurationException;
import io.vigil.backend.SeriesExtent;
import io.vigil.backend.SourceEvents;
import io.vigil.backend.SourceFields;
import io.vigil.backend.VigilRows;
import io.vigil.backend.WriteChecks;
import io.vigil.config.CsvTable;
import io.vigil.model.Dimension;
import io.vigil.model.Identifier;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.forecast.Prediction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Azure Log Analytics (the Microsoft Sentinel workspace) as a Vigil backend: sources are read with KQL through the
 * query API, the aggregation pushed into the workspace; Vigil's tables are custom {@code _CL} tables written
 * through the Logs Ingestion API and read back with KQL.
 *
 * <p>Log Analytics cannot delete or update rows, so the Backend contract's "replace" is met on reads: every Vigil
 * table is read through {@code arg_max(TimeGenerated, *)} per natural key, so the newest write of a key wins and a
 * repeated write changes nothing. Uploads are exactly-once in effect by deterministic write ids ({@link
 * LogsUploader}). A replacement cannot remove a key that an earlier write had and the new one lacks; Vigil's
 * closed bins do not change once generated, so this only shows when events arrive later than
 * TimeSeriesGenerationDelay (docs/azure.md).
 */
public final class AzureBackend implements Backend {

  private static final String SOURCE = "Source";
  private static final List<String> KEY = List.of("Hostname", "User", "SrcIpAddr", "Activity");
  private static final Set<String> NUMERIC_TYPES = Set.of("int", "long", "real", "decimal", "double");

  static {
    // The clients set Content-Length themselves, which the JDK's HTTP client refuses (and the SDK logs a warning for
    // on every request) unless the header is allowed before the client's classes load.
    if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
      System.setProperty("jdk.httpclient.allowRestrictedHeaders", "content-length");
    }
  }

  private final AzureSettings settings;
  private final LogAnalytics workspace;
  private final LogsUploader uploader;
  private final LogsIngestionClient ingestion;

  private AzureBackend(AzureSettings settings, LogAnalytics workspace, LogsIngestionClient ingestion, Clock clock) {
    this.settings = settings;
    this.workspace = workspace;
    this.ingestion = ingestion;
    this.uploader = new LogsUploader(ingestion, settings.ruleId(), workspace, clock);
  }

  /** The backend for a real workspace: azure-identity's credential and the JDK's HTTP client. */
  public static AzureBackend open(AzureSettings settings) {
    return open(settings, settings.credential(), new JdkHttpClientBuilder().build(),
        new ExponentialBackoffOptions().setMaxRetries(6).setBaseDelay(Duration.ofSeconds(1))
            .setMaxDelay(Duration.ofSeconds(60)), Clock.systemUTC());
  }

  /**
   * The backend with the given credential, HTTP client and backoff. Throttling (429), server errors (5xx) and broken
   * connections are retried by the clients' pipeline with exponential backoff, honouring Retry-After; what is still
   * failing after that surfaces to the activity, whose own retry policy takes over.
   *
   * <p>A credential the identity platform refuses is not retried by the pipeline: a wrong or expired client secret
   * stays wrong, and the pipeline's six retries would spend a minute on it in every activity attempt. The activity's
   * retries still cover a passing outage of the identity platform, and the last attempt's failure names the cause.
   */
  public static AzureBackend open(AzureSettings settings, TokenCredential credential, HttpClient httpClient,
      ExponentialBackoffOptions backoff, Clock clock) {
    ExponentialBackoff strategy = new ExponentialBackoff(backoff);
    RetryOptions retry = new RetryOptions(backoff).setShouldRetryCondition(condition ->
        !(condition.getThrowable() instanceof ClientAuthenticationException)
            && strategy.shouldRetryCondition(condition));
    LogAnalytics workspace = new LogAnalytics(new LogsQueryClientBuilder().endpoint(
        settings.queryEndpoint().toString()).credential(credential).httpClient(httpClient).retryOptions(retry)
        .buildClient(), settings.workspaceId(), settings.queryTimeout(), settings.maxRowsPerQuery());
    LogsIngestionClient ingestion = new LogsIngestionClientBuilder().endpoint(
        settings.ingestionEndpoint().toString()).credential(credential).httpClient(httpClient).retryOptions(retry)
        .buildClient();
    return new AzureBackend(settings, workspace, ingestion, clock);
  }

  @Override
  public String name() {
    return "azure";
  }

  /**
   * Every name the row gives, validated before any request: a watchlist row is the one input here that an attacker
   * with write access to the watchlist controls.
   */
  private static void requireIdentifiers(SourceConfig config) {
    String where = "watchlist row " + config.row() + ", column ";
    check(where + "Source", config.source());
    check(where + "TimeField", config.timeField());
    for (Dimension dimension : Dimension.values()) {
      if (!config.fieldFor(dimension).isEmpty()) {
        check(where + dimension.watchlistField(), config.fieldFor(dimension));
      }
    }
    if (config.hasSize()) {
      check(where + "SizeField", config.sizeField());
    }
  }

  private static void check(String where, String name) {
    Identifier.problem(name).ifPresent(reason -> {
      throw new ConfigurationException(where + ", value '" + Identifier.printable(name) + "' " + reason);
    });
  }

  @Override
  public void checkSource(SourceConfig config) {
    requireIdentifiers(config);
    Map<String, String> columns = new HashMap<>();
    try {
      for (LogAnalytics.Row row : workspace.query(Kql.from(config.source()).then("getschema")
          .project("ColumnName, ColumnType"))) {
        columns.put(row.string("ColumnName").toLowerCase(Locale.ROOT), row.string("ColumnType"));
      }
    } catch (LogAnalytics.QueryRejectedException e) {
      throw new ConfigurationException("watchlist row " + config.row() + ", column Source, value '" + config.source()
          + "': Log Analytics workspace " + settings.workspaceId() + " has no table or function of that name ("
          + e.getMessage() + ")");
    }
    SourceFields.check(config, (watchlistColumn, field) -> typeOf(columns, config, watchlistColumn, field),
        "datetime"::equals, "a datetime", NUMERIC_TYPES::contains);
  }

  private static String typeOf(Map<String, String> columns, SourceConfig config, String watchlistColumn,
      String field) {
    String type = columns.get(field.toLowerCase(Locale.ROOT));
    if (type == null) {
      throw new ConfigurationException("watchlist row " + config.row() + ", column " + watchlistColumn + ", value '"
          + field + "': source " + config.source() + " has no such column; its columns are "
          + String.join(", ", columns.keySet().stream().sorted().toList()));
    }
    return type;
  }

  @Override
  public Optional<Instant> earliestEvent(SourceConfig config) {
    requireIdentifiers(config);
    return single(Kql.from(config.source()).summarize("Earliest = min(" + Kql.column(config.timeField()) + ")"), "Earliest")
        .map(row -> row.instant("Earliest"));
  }

  @Override
  public Optional<Instant> seriesWatermark(String source) {
    return single(Kql.from(AzureTable.SERIES_WATERMARK.tableName()).where(ofSource(source))
        .summarize("GeneratedUntil = max(['GeneratedUntil'])"), "GeneratedUntil").map(row -> row.instant("GeneratedUntil"));
  }

  /**
   * The one row a summarising query returns, empty when it returns none or its {@code column} is null: summarising
   * an empty table gives one row of nulls, and {@code arg_max} gives no row at all.
   */
  private Optional<LogAnalytics.Row> single(Kql query, String column) {
    return workspace.query(query).stream().findFirst().filter(row -> row.instant(column) != null);
  }

  /**
   * The aggregation of one source over one range, pushed into the workspace: one row per key and non-empty bin.
   * Bins start at multiples of the bin size from the Unix epoch ({@code bin_at}, as DuckDB's {@code time_bucket}),
   * not from KQL's own origin, which differs for weekly bins. {@code tostring} turns empty dimension values into
   * the empty string, as the series generation stores them.
   */
  static Kql aggregateQuery(SourceConfig config, TimeRange range) {
    List<String> keys = new ArrayList<>();
    for (Dimension dimension : Dimension.values()) {
      String field = config.fieldFor(dimension);
      keys.add(Kql.column(dimension.column()) + " = " + (field.isEmpty() ? "''" : "tostring(" + Kql.column(field)
          + ")"));
    }
    Kql query = Kql.from(config.source()).where(Kql.inRange(config.timeField(), range))
        .extend(String.join(", ", keys));
    String bin = "['TimeBin'] = bin_at(" + Kql.column(config.timeField()) + ", " + Kql.seconds(config.binSize())
        + ", datetime(1970-01-01T00:00:00Z))";
    String by = " by " + bin + ", " + Kql.columns(KEY);
    if (config.hasSize()) {
      String size = "todouble(" + Kql.column(config.sizeField()) + ")";
      query.summarize("['Count'] = count(), ['Max'] = max(" + size + "), ['Min'] = min(" + size + "), ['Sum'] = sum("
          + size + "), ['Avg'] = avg(" + size + ")" + by);
    } else {
      query.summarize("['Count'] = count()" + by)
          .extend("['Max'] = real(null), ['Min'] = real(null), ['Sum'] = real(null), ['Avg'] = real(null)");
    }
    return query.project(Kql.columns(seriesColumns())).orderBy(Kql.ascending(binOrder()));
  }

  private static List<String> seriesColumns() {
    List<String> columns = new ArrayList<>(KEY);
    columns.addAll(List.of("TimeBin", "Count", "Max", "Min", "Sum", "Avg"));
    return columns;
  }

  private static List<String> binOrder() {
    List<String> order = new ArrayList<>(List.of("TimeBin"));
    order.addAll(KEY);
    return order;
  }

  @Override
  public List<SeriesBin> readSourceAggregates(SourceConfig config, TimeRange range) {
    requireIdentifiers(config);
    try {
      return workspace.query(aggregateQuery(config, range)).stream().map(row -> bin(config.source(), row)).toList();
    } catch (LogAnalytics.TruncatedResultException e) {
      long bins = range.length().dividedBy(config.binSize());
      if (bins < 2) {
        throw new IllegalStateException("source " + config.source() + " has more events in the one bin " + range
            + " than one Log Analytics query may return (" + e.getMessage() + "); use a smaller TimeSeriesBinSize "
            + "or fewer dimensions", e);
      }
      // Halving on the bin grid keeps every piece whole bins, and each piece's result is exact on its own.
      Instant middle = range.start().plus(config.binSize().multipliedBy(bins / 2));
      List<SeriesBin> bins1 = new ArrayList<>(readSourceAggregates(config, new TimeRange(range.start(), middle)));
      bins1.addAll(readSourceAggregates(config, new TimeRange(middle, range.end())));
      return bins1;
    }
  }

  private static SeriesBin bin(String source, LogAnalytics.Row row) {
    return new SeriesBin(source, row.string("Hostname"), row.string("User"), row.string("SrcIpAddr"),
        row.string("Activity"), row.instant("TimeBin"), row.count("Count"), row.nullableDouble("Max"),
        row.nullableDouble("Min"), row.nullableDouble("Sum"), row.nullableDouble("Avg"));
  }

  @Override
  public void replaceSeriesBins(SourceConfig config, TimeRange range, List<SeriesBin> bins) {
    requireIdentifiers(config);
    WriteChecks.requireWholeBins(config, range);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SeriesBin bin : bins) {
      WriteChecks.requireBin(config, range, bin);
      rows.add(row(AzureTable.TIME_SERIES, bin.source(), bin.hostname(), bin.user(), bin.srcIpAddr(), bin.activity(), bin.timeBin(),
          bin.count(), bin.max(), bin.min(), bin.sum(), bin.avg()));
    }
    String scope = config.source() + " " + range;
    // The bins first, the watermark after: a crash between them leaves the range to be generated again, and the
    // repeated write of the same bins sends nothing.
    uploader.write(AzureTable.TIME_SERIES, scope, rows);
    uploader.write(AzureTable.SERIES_WATERMARK, scope, List.of(row(AzureTable.SERIES_WATERMARK, config.source(), range.end())));
  }

  /** A row of a Vigil table, by column name, from values in the table's data column order. */
  private static Map<String, Object> row(AzureTable table, Object... values) {
    List<AzureTable.Column> columns = table.dataColumns();
    if (columns.size() != values.length) {
      throw new IllegalArgumentException(table.tableName() + " has " + columns.size() + " data columns, not "
          + values.length);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      row.put(columns.get(i).name(), values[i]);
    }
    return row;
  }

  @Override
  public List<SeriesBin> readSeriesBins(String source, TimeRange range) {
    return workspace.query(latest(AzureTable.TIME_SERIES, source, Kql.inRange("TimeBin", range))
        .project(Kql.columns(seriesColumns())).orderBy(Kql.ascending(binOrder())))
        .stream().map(row -> bin(source, row)).toList();
  }

  /**
   * The source's rows of a Vigil table that satisfy {@code condition}, the newest per natural key: how every
   * append-only table is read (see the class comment).
   */
  private static Kql latest(AzureTable table, String source, String condition) {
    return Kql.from(table.tableName()).where(ofSource(source) + " and " + condition)
        .summarize("arg_max(" + Kql.column(AzureTable.TIME_GENERATED) + ", *) by " + Kql.columns(table.naturalKey()));
  }

  private static String ofSource(String source) {
    return Kql.column(SOURCE) + " == " + Kql.string(source);
  }

  @Override
  public SeriesExtent seriesExtent(String source, TimeRange range) {
    LogAnalytics.Row row = workspace.query(latest(AzureTable.TIME_SERIES, source, Kql.inRange("TimeBin", range))
        .summarize("['Rows'] = count(), ['FirstBin'] = min(['TimeBin']), ['LastBin'] = max(['TimeBin'])")).get(0);
    long rows = row.count("Rows");
    return rows == 0 ? new SeriesExtent(0, null, null)
        : new SeriesExtent(rows, row.instant("FirstBin"), row.instant("LastBin"));
  }

  @Override
  public void replacePredictions(String source, List<Instant> runs, List<Prediction> predictions) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Prediction p : predictions) {
      WriteChecks.requirePrediction(source, runs, p);
      rows.add(row(AzureTable.PREDICTION, source, p.hostname(), p.user(), p.srcIpAddr(), p.activity(), p.timeBin(), p.metric(),
          p.forecast(), p.lower(), p.upper(), p.model(), p.generatedAt()));
    }
    uploader.write(AzureTable.PREDICTION, source + " " + runs, rows);
  }

  @Override
  public List<Prediction> readPredictions(String source, Instant generatedAt) {
    return predictions(source, latest(AzureTable.PREDICTION, source, "['GeneratedAt'] == "
        + Kql.datetime(generatedAt)));
  }

  @Override
  public List<Prediction> readLatestPredictions(String source, TimeRange bins) {
    return predictions(source, latest(AzureTable.PREDICTION, source, Kql.inRange("TimeBin", bins))
        .summarize("arg_max(['GeneratedAt'], *) by " + Kql.columns(KEY) + ", ['Metric'], ['TimeBin']"));
  }

  private List<Prediction> predictions(String source, Kql query) {
    List<String> order = new ArrayList<>(KEY);
    order.addAll(List.of("Metric", "TimeBin"));
    return workspace.query(query.project(Kql.columns(dataColumnNames(AzureTable.PREDICTION)))
        .orderBy(Kql.ascending(order))).stream().map(row -> new Prediction(source, row.string("Hostname"),
            row.string("User"), row.string("SrcIpAddr"), row.string("Activity"), row.instant("TimeBin"),
            row.string("Metric"), row.number("Forecast"), row.number("Lower"), row.number("Upper"),
            row.string("Model"), row.instant("GeneratedAt"))).toList();
  }

  private static List<String> dataColumnNames(AzureTable table) {
    return table.dataColumns().stream().map(AzureTable.Column::name).toList();
  }

  @Override
  public Optional<Instant> lastPredictionRun(String source) {
    return single(Kql.from(AzureTable.PREDICTION.tableName()).where(ofSource(source))
        .summarize("LastRun = max(['GeneratedAt'])"), "LastRun").map(row -> row.instant("LastRun"));
  }

  @Override
  public Optional<AnomalyProgress> anomalyProgress(String source) {
    return single(Kql.from(AzureTable.ANOMALY_WATERMARK.tableName()).where(ofSource(source))
        .summarize("arg_max(" + Kql.column(AzureTable.TIME_GENERATED) + ", *)")
        .project("['JudgedUntil'], ['LastFrom'], ['LastUntil'], ['LastRunTime']"), "JudgedUntil")
        .map(row -> new AnomalyProgress(row.instant("JudgedUntil"),
            new TimeRange(row.instant("LastFrom"), row.instant("LastUntil")), row.instant("LastRunTime")));
  }

  @Override
  public void replaceAnomalies(String source, TimeRange range, Instant runTime, List<Anomaly> anomalies,
      List<Incident> incidents) {
    List<Map<String, Object>> anomalyRows = new ArrayList<>();
    for (Anomaly a : anomalies) {
      WriteChecks.requireAnomaly(source, range, a);
      anomalyRows.add(row(AzureTable.ANOMALIES, source, a.kind().id(), a.hostname(), a.user(), a.srcIpAddr(), a.activity(), a.timeBin(),
          a.metric(), a.actual(), a.expected(), a.lower(), a.upper(), a.score(), a.severity().label(),
          a.alertName(), a.alertSeverity().label(), a.weight(), a.excepted(), a.evidence(), a.detectedAt()));
    }
    List<Map<String, Object>> incidentRows = new ArrayList<>();
    for (Incident i : incidents) {
      WriteChecks.requireIncident(source, range, i);
      incidentRows.add(row(AzureTable.INCIDENTS, source, i.hostname(), i.user(), i.srcIpAddr(), i.activity(), i.firstBin(), i.lastBin(),
          i.weight(), i.anomalies(), i.kinds(), i.alertName(), i.severity().label(), i.detectedAt()));
    }
    Instant judgedUntil = anomalyProgress(source).map(AnomalyProgress::judgedUntil)
        .filter(until -> until.isAfter(range.end())).orElse(range.end());
    String scope = source + " " + range + " at " + runTime;
    uploader.write(AzureTable.ANOMALIES, scope, anomalyRows);
    uploader.write(AzureTable.INCIDENTS, scope, incidentRows);
    uploader.write(AzureTable.ANOMALY_WATERMARK, scope,
        List.of(row(AzureTable.ANOMALY_WATERMARK, source, judgedUntil, range.start(), range.end(), runTime)));
  }

  @Override
  public List<Anomaly> readAnomalies(String source, TimeRange range) {
    List<String> order = List.of("TimeBin", "Kind", "Hostname", "User", "SrcIpAddr", "Activity", "Metric");
    return workspace.query(latest(AzureTable.ANOMALIES, source, Kql.inRange("TimeBin", range))
        .project(Kql.columns(dataColumnNames(AzureTable.ANOMALIES))).orderBy(Kql.ascending(order))).stream()
        .map(row -> new Anomaly(source, VigilRows.kindOf(row.string("Kind")), row.string("Hostname"), row.string("User"),
            row.string("SrcIpAddr"), row.string("Activity"), row.instant("TimeBin"), row.string("Metric"),
            row.number("Actual"), row.number("Expected"), row.number("Lower"), row.number("Upper"),
            row.nullableDouble("Score"), VigilRows.severityOf(row.string("Severity")), row.string("AlertName"),
            VigilRows.severityOf(row.string("AlertSeverity")), row.number("Weight"), row.flag("Excepted"),
            row.string("Evidence"), row.instant("DetectedAt"))).toList();
  }

  @Override
  public List<Incident> readIncidents(String source, TimeRange range) {
    List<String> order = new ArrayList<>(List.of("LastBin"));
    order.addAll(KEY);
    return workspace.query(latest(AzureTable.INCIDENTS, source, Kql.inRange("LastBin", range))
        .project(Kql.columns(dataColumnNames(AzureTable.INCIDENTS))).orderBy(Kql.ascending(order))).stream()
        .map(row -> new Incident(source, row.string("Hostname"), row.string("User"), row.string("SrcIpAddr"),
            row.string("Activity"), row.instant("FirstBin"), row.instant("LastBin"), row.number("Weight"),
            (int) row.count("Anomalies"), row.string("Kinds"), row.string("AlertName"),
            VigilRows.severityOf(row.string("Severity")), row.instant("DetectedAt"))).toList();
  }

  /** A KQL query for the raw events, with every key value compared as the series generation wrote it. */
  @Override
  public String evidenceQuery(SourceConfig config, Map<Dimension, String> key, TimeRange range) {
    return evidence(config, key, range).text();
  }

  private static Kql evidence(SourceConfig config, Map<Dimension, String> key, TimeRange range) {
    requireIdentifiers(config);
    StringBuilder condition = new StringBuilder(Kql.inRange(config.timeField(), range));
    for (Dimension dimension : Dimension.values()) {
      String field = config.fieldFor(dimension);
      String value = key.get(dimension);
      if (value != null && !field.isEmpty()) {
        condition.append(" and tostring(").append(Kql.column(field)).append(") == ").append(Kql.string(value));
      }
    }
    return Kql.from(config.source()).where(condition.toString())
        .orderBy(Kql.column(config.timeField()) + " asc");
  }

  /** The evidence query's events, one more than asked for to tell whether there are more. */
  @Override
  public SourceEvents readSourceEvents(SourceConfig config, Map<Dimension, String> key, TimeRange range, int limit) {
    LogAnalytics.Table table = workspace.table(evidence(config, key, range).then("take " + (limit + 1)));
    List<List<String>> rows = new ArrayList<>();
    for (LogAnalytics.Row row : table.rows().subList(0, Math.min(limit, table.rows().size()))) {
      List<String> values = new ArrayList<>();
      row.cells().values().forEach(cell -> values.add(cell.getValueAsString()));
      rows.add(values);
    }
    return new SourceEvents(table.columns(), rows, table.rows().size() > limit);
  }

  /**
   * A Sentinel watchlist ({@code _GetWatchlist}) as a table of {@code columns}, for the watchlist loader, which
   * validates it as it validates a CSV file. A column the watchlist lacks reads as empty cells, as an absent CSV
   * column does; the watchlist's own bookkeeping columns (SearchKey, _DTItemId and the others) are left out.
   *
   * @throws ConfigurationException when the workspace has no watchlist of that alias
   */
  public CsvTable watchlist(String alias, List<String> columns) {
    String origin = "_GetWatchlist('" + alias + "')";
    check("watchlist alias", alias);
    Kql query = Kql.watchlist(alias).project(String.join(", ", columns.stream().map(column -> Kql.column(column)
        + " = tostring(column_ifexists(" + Kql.string(column) + ", ''))").toList()));
    List<LogAnalytics.Row> rows;
    try {
      rows = workspace.query(query);
    } catch (LogAnalytics.QueryRejectedException e) {
      throw new ConfigurationException(origin + ": Log Analytics workspace " + settings.workspaceId()
          + " has no such watchlist (" + e.getMessage() + ")");
    }
    List<CsvTable.Row> table = new ArrayList<>();
    for (LogAnalytics.Row row : rows) {
      int number = table.size() + 1;
      table.add(new CsvTable.Row(number, number + 1, columns.stream().map(row::string).toList()));
    }
    return new CsvTable(origin, 1, columns, List.copyOf(table));
  }

  @Override
  public void close() {
    ingestion.close();
  }

  @Override
  public String toString() {
    return "Azure Log Analytics workspace " + settings.workspaceId();
  }
}
