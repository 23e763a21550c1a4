package io.vigil.investigation;

import io.vigil.anomaly.Baselines;
import io.vigil.model.BinGrid;
import io.vigil.model.Dimension;
import io.vigil.model.SeriesBin;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.forecast.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One metric of the TimeSeries rows behind an anomaly, bin by bin over a window, with the forecast band where one
 * exists and the anomalies of the same series marked: what an analyst looks at around an anomaly.
 *
 * <p>The rows are those {@link Anomaly#evidenceKey} selects, so a forecast deviation's series is exactly its key and
 * a baseline's is every row of its pair or entity (a first-seen user and IP summed over hosts and activities). Only
 * a whole key has forecasts: the Prediction table holds none for the sums a baseline charts.
 *
 * @param key the dimension values the series' rows hold (the others are summed over)
 * @param metric what each point's actual is: {@code Count}, {@code Sum} or a distinct count of a dimension
 * @param points every bin of the window in time order, empty bins with an actual of 0
 * @param anomalies the anomalies of this series and metric within the window, in time order
 */
public record SeriesWindow(String source, Map<Dimension, String> key, String metric, Duration binSize,
    List<Point> points, List<Anomaly> anomalies) {

  /**
   * One bin.
   *
   * @param forecast the latest forecast of the bin, or null when none was made
   * @param lower the forecast's lower 95% prediction bound, or null
   * @param upper the forecast's upper 95% prediction bound, or null
   */
  public record Point(Instant bin, double actual, Double forecast, Double lower, Double upper) {}

  public SeriesWindow {
    // In dimension order, so that the key prints and serialises the same way every time.
    Map<Dimension, String> ordered = new EnumMap<>(Dimension.class);
    ordered.putAll(key);
    key = Collections.unmodifiableMap(ordered);
    points = List.copyOf(points);
    anomalies = List.copyOf(anomalies);
  }

  /**
   * The metric an anomaly is charted by: its own, except the use share of an abnormal pair, which describes the
   * lookback rather than a bin; its pair's events per bin are charted instead.
   */
  public static String chartedMetric(Anomaly anomaly) {
    return anomaly.metric().equals(Baselines.USE_SHARE) ? Baselines.COUNT : anomaly.metric();
  }

  /** Whether the anomaly belongs to the series of {@code key} and {@code metric}. */
  public static boolean belongsTo(Anomaly anomaly, Map<Dimension, String> key, String metric) {
    return anomaly.evidenceKey().equals(key) && chartedMetric(anomaly).equals(metric);
  }

  /**
   * Builds the window from rows read for the whole source: {@code bins} and {@code predictions} may hold other keys
   * and bins, which are left out; {@code anomalies} may hold other series' anomalies, which are left out too.
   *
   * @param window whole bins of {@code grid}
   * @param predictions the latest prediction of each key, metric and bin, as {@code readLatestPredictions} gives
   */
  public static SeriesWindow of(String source, Map<Dimension, String> key, String metric, BinGrid grid,
      TimeRange window, List<SeriesBin> bins, List<Prediction> predictions, List<Anomaly> anomalies) {
    Map<Instant, List<SeriesBin>> rowsByBin = new HashMap<>();
    for (SeriesBin bin : bins) {
      if (window.contains(bin.timeBin()) && Dimension.matches(key, bin.hostname(), bin.user(), bin.srcIpAddr(),
          bin.activity())) {
        rowsByBin.computeIfAbsent(bin.timeBin(), start -> new ArrayList<>()).add(bin);
      }
    }
    Map<Instant, Prediction> forecasts = new HashMap<>();
    if (key.size() == Dimension.values().length) {
      for (Prediction prediction : predictions) {
        if (prediction.metric().equals(metric) && Dimension.matches(key, prediction.hostname(), prediction.user(),
            prediction.srcIpAddr(), prediction.activity())) {
          forecasts.put(prediction.timeBin(), prediction);
        }
      }
    }
    Function<List<SeriesBin>, Double> value = aggregate(metric);
    List<Point> points = new ArrayList<>();
    for (Instant start = grid.floor(window.start()); start.isBefore(window.end()); start = start.plus(grid.size())) {
      Prediction forecast = forecasts.get(start);
      points.add(new Point(start, value.apply(rowsByBin.getOrDefault(start, List.of())),
          forecast == null ? null : forecast.forecast(), forecast == null ? null : forecast.lower(),
          forecast == null ? null : forecast.upper()));
    }
    List<Anomaly> marked = anomalies.stream()
        .filter(anomaly -> anomaly.source().equals(source) && window.contains(anomaly.timeBin())
            && belongsTo(anomaly, key, metric))
        .sorted(Comparator.comparing(Anomaly::timeBin))
        .toList();
    return new SeriesWindow(source, key, metric, grid.size(), points, marked);
  }

  /** How one bin's rows make the metric's value: summed counts or sizes, or distinct non-empty values of a column. */
  private static Function<List<SeriesBin>, Double> aggregate(String metric) {
    return switch (metric) {
      case Prediction.COUNT -> rows -> (double) rows.stream().mapToLong(SeriesBin::count).sum();
      case Prediction.SUM -> rows -> rows.stream().mapToDouble(row -> row.sum() == null ? 0 : row.sum()).sum();
      case Baselines.DISTINCT_IPS -> distinct(SeriesBin::srcIpAddr);
      case Baselines.DISTINCT_HOSTS -> distinct(SeriesBin::hostname);
      case Baselines.DISTINCT_USERS -> distinct(SeriesBin::user);
      default -> throw new IllegalArgumentException("no series can be charted for metric '" + metric + "'");
    };
  }

  private static Function<List<SeriesBin>, Double> distinct(Function<SeriesBin, String> column) {
    return rows -> {
      Set<String> values = new HashSet<>();
      for (SeriesBin row : rows) {
        String value = column.apply(row);
        if (!value.isEmpty()) {
          values.add(value);
        }
      }
      return (double) values.size();
    };
  }
}
