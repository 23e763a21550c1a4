package io.vigil.backend;

import io.vigil.model.Dimension;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.forecast.Prediction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where source events are read from and Vigil's tables are written to (DESIGN section 6). DuckDB is the embedded
 * implementation; Azure Log Analytics and Snowflake implement the same contract with the same semantics.
 *
 * <p>Every method is safe to call from several threads at once. Failures that a retry cannot fix are thrown as
 * {@link ConfigurationException}; conflicting concurrent writers as {@link WriteConflictException}; anything else
 * is treated as transient.
 */
public interface Backend extends AutoCloseable {

  /** A short name for messages and metrics, such as {@code duckdb}. */
  String name();

  /**
   * Checks that the row's source exists and that every field it names exists with a usable type: the time field
   * a timestamp, the size field numeric.
   *
   * @throws ConfigurationException naming the watchlist row, column and value that are wrong
   */
  void checkSource(SourceConfig config);

  /** The oldest event time in the source, or empty when the source has no events. */
  Optional<Instant> earliestEvent(SourceConfig config);

  /** The end of the range already generated for a source, or empty when nothing has been. */
  Optional<Instant> seriesWatermark(String source);

  /**
   * Aggregates the source's events with time in {@code range} into bins of the row's size, one per key and
   * non-empty bin: count, and max, min, sum and avg of the size field when the row has one.
   */
  List<SeriesBin> readSourceAggregates(SourceConfig config, TimeRange range);

  /**
   * Makes the TimeSeries table hold exactly {@code bins} for the source within {@code range}, and advances the
   * source's watermark to at least {@code range.end()}, as one atomic step: repeating it with the same bins
   * changes nothing.
   */
  void replaceSeriesBins(SourceConfig config, TimeRange range, List<SeriesBin> bins);

  /** The TimeSeries rows of a source within a range, ordered by bin and key. */
  List<SeriesBin> readSeriesBins(String source, TimeRange range);

  /**
   * The TimeSeries rows of a source within a range whose dimensions hold the values of {@code key} (dimensions not in
   * it are not filtered, as {@link Dimension#matches}), ordered by bin and key: one series, or the rows of a pair,
   * without reading the source's other keys. The default filters {@link #readSeriesBins(String, TimeRange)}; backends
   * override it to filter where the rows are.
   */
  default List<SeriesBin> readSeriesBins(String source, TimeRange range, Map<Dimension, String> key) {
    return readSeriesBins(source, range).stream()
        .filter(bin -> Dimension.matches(key, bin.hostname(), bin.user(), bin.srcIpAddr(), bin.activity()))
        .toList();
  }

  /** How many TimeSeries rows a source has within a range, and its first and last bin there. */
  SeriesExtent seriesExtent(String source, TimeRange range);

  /**
   * Makes the Prediction table hold exactly {@code predictions} for the source's runs at the times {@code runs}, as
   * one atomic step: a second call for the same run times replaces the first one's rows.
   */
  void replacePredictions(String source, List<Instant> runs, List<Prediction> predictions);

  /** The Prediction rows of a source made by its run at {@code generatedAt}, ordered by key, metric and bin. */
  List<Prediction> readPredictions(String source, Instant generatedAt);

  /** The time of the source's latest forecast run, or empty when it has none. */
  Optional<Instant> lastPredictionRun(String source);

  /**
   * For every key, metric and bin of the source within {@code bins}, the prediction of the latest run that made one,
   * ordered by key, metric and bin.
   */
  List<Prediction> readLatestPredictions(String source, TimeRange bins);

  /**
   * {@link #readLatestPredictions(String, TimeRange)} of the keys whose dimensions hold the values of {@code key}
   * only. The default filters the source's; backends override it to filter where the rows are.
   */
  default List<Prediction> readLatestPredictions(String source, TimeRange bins, Map<Dimension, String> key) {
    return readLatestPredictions(source, bins).stream().filter(prediction -> Dimension.matches(key,
        prediction.hostname(), prediction.user(), prediction.srcIpAddr(), prediction.activity())).toList();
  }

  /** How far anomaly detection of the source has come, or empty when nothing has been judged. */
  Optional<AnomalyProgress> anomalyProgress(String source);

  /**
   * Makes the Anomalies table hold exactly {@code anomalies} for the source's bins within {@code range} and the
   * Incidents table exactly {@code incidents} for the source's incidents whose last bin lies within it, advances
   * the anomaly watermark to at least {@code range.end()} and records the range and run time as the last write, as
   * one atomic step: repeating it changes nothing.
   */
  void replaceAnomalies(String source, TimeRange range, Instant runTime, List<Anomaly> anomalies,
      List<Incident> incidents);

  /** The source's anomalies with bins within {@code range}, ordered by bin, kind and key. */
  List<Anomaly> readAnomalies(String source, TimeRange range);

  /** The source's incidents whose last bin lies within {@code range}, ordered by last bin and key. */
  List<Incident> readIncidents(String source, TimeRange range);

  /**
   * How to get the raw events behind an anomaly: a query in the backend's own language that selects the source's
   * events within {@code range} whose dimension fields hold the given values. Dimensions not in {@code key} are not
   * filtered.
   */
  String evidenceQuery(SourceConfig config, Map<Dimension, String> key, TimeRange range);

  /**
   * The raw events behind an anomaly, for an analyst to read: at most {@code limit} of the source's events that
   * {@link #evidenceQuery} selects for the same key and range (time within {@code range}, each dimension field in
   * {@code key} holding its value, NULL matching the empty string; dimensions not in {@code key} not filtered), in
   * time order, with every column of the source. {@link SourceEvents#more} says whether more events match.
   *
   * @throws ConfigurationException when the source or a field the row names is not a valid name
   */
  SourceEvents readSourceEvents(SourceConfig config, Map<Dimension, String> key, TimeRange range, int limit);

  /**
   * Aggregates the source into the TimeSeries table over {@code range}, atomically and repeatably as
   * {@link #replaceSeriesBins}. Backends that hold both the source and the TimeSeries table override this to
   * aggregate where the data is instead of moving the bins through the JVM.
   */
  default void generateSeriesBins(SourceConfig config, TimeRange range) {
    replaceSeriesBins(config, range, readSourceAggregates(config, range));
  }

  /**
   * How many calls this backend serves well at once, or empty when it sets no limit of its own. A worker runs at
   * most this many activities at a time. Backends that run queries elsewhere (a cloud service) leave it empty, since
   * their callers mostly wait; one that runs them on the worker's own cores sets it, because calls beyond that only
   * queue inside the engine, and the longer each call takes the shorter series generation makes its steps.
   */
  default OptionalInt maxConcurrentCalls() {
    return OptionalInt.empty();
  }

  @Override
  void close();
}
