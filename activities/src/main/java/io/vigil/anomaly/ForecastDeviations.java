package io.vigil.anomaly;

import io.vigil.model.SeriesBin;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.forecast.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The forecast-deviation rule over stored bins and predictions: for every series key and metric with predictions,
 * each predicted bin's residual (actual minus forecast, the actual being 0 where the key had no events) is scored by
 * {@link AnomalyRule} against the residuals of the key's earlier predicted bins. Bins before the judged range only
 * feed the residual window; bins within it are judged. Bins without a prediction are not judged: a key too young to
 * forecast has no expected value yet, and the baselines cover what is new. A residual spread is never taken to be
 * less than one event (see {@link AnomalyRule#tracker}): for Count 1, for Sum the key's mean size per event.
 */
public final class ForecastDeviations {

  private record SeriesKey(String hostname, String user, String srcIpAddr, String activity, String metric) {}

  private final AnomalyRule rule;

  public ForecastDeviations(AnomalyRule rule) {
    this.rule = rule;
  }

  /** What one pass found, and how many series keys had predictions to compare with. */
  public record Outcome(List<Finding> findings, int keysScored) {}

  /**
   * Judges the bins of {@code judged}.
   *
   * @param bins the source's TimeSeries rows over the judged range and the residual window before it
   * @param predictions the latest prediction per key, metric and bin over the same span
   * @param withSum whether the source has a size field, so that Sum is judged beside Count
   */
  public Outcome judge(List<SeriesBin> bins, List<Prediction> predictions, TimeRange judged, boolean withSum) {
    Map<SeriesKey, TreeMap<Instant, Double>> forecasts = new HashMap<>();
    for (Prediction prediction : predictions) {
      forecasts.computeIfAbsent(new SeriesKey(prediction.hostname(), prediction.user(), prediction.srcIpAddr(),
          prediction.activity(), prediction.metric()), key -> new TreeMap<>())
          .put(prediction.timeBin(), prediction.forecast());
    }
    Map<SeriesKey, Map<Instant, Double>> actuals = new HashMap<>();
    Map<SeriesKey, double[]> eventsAndSums = new HashMap<>();
    for (SeriesBin bin : bins) {
      actuals.computeIfAbsent(keyOf(bin, Prediction.COUNT), key -> new HashMap<>())
          .put(bin.timeBin(), (double) bin.count());
      if (withSum) {
        double sum = bin.sum() == null ? 0 : bin.sum();
        actuals.computeIfAbsent(keyOf(bin, Prediction.SUM), key -> new HashMap<>()).put(bin.timeBin(), sum);
        double[] totals = eventsAndSums.computeIfAbsent(keyOf(bin, Prediction.SUM), key -> new double[2]);
        totals[0] += bin.count();
        totals[1] += Math.abs(sum);
      }
    }
    List<Finding> findings = new ArrayList<>();
    int keysScored = 0;
    for (Map.Entry<SeriesKey, TreeMap<Instant, Double>> entry : forecasts.entrySet()) {
      SeriesKey key = entry.getKey();
      if (!withSum && key.metric().equals(Prediction.SUM)) {
        continue;
      }
      Map<Instant, Double> actual = actuals.getOrDefault(key, Map.of());
      // The least spread is one event: 1 for Count, the key's mean absolute size per event for Sum.
      double[] totals = eventsAndSums.get(key);
      double oneEvent = key.metric().equals(Prediction.COUNT) ? 1
          : totals == null || totals[0] == 0 ? 0 : totals[1] / totals[0];
      AnomalyRule.Tracker tracker = rule.tracker(oneEvent);
      boolean judgedAny = false;
      for (Map.Entry<Instant, Double> forecast : entry.getValue().entrySet()) {
        Instant bin = forecast.getKey();
        if (!bin.isBefore(judged.end())) {
          break;
        }
        AnomalyRule.Verdict verdict = tracker.next(
            new AnomalyRule.Bin(bin, actual.getOrDefault(bin, 0.0), forecast.getValue()));
        if (!judged.contains(bin)) {
          continue;
        }
        judgedAny = true;
        if (verdict.anomaly()) {
          findings.add(new Finding(AnomalyKind.FORECAST_DEVIATION, key.hostname(), key.user(), key.srcIpAddr(),
              key.activity(), bin, key.metric(), verdict.bin().actual(), verdict.bin().forecast(), verdict.lower(),
              verdict.upper(), verdict.score(), verdict.severity()));
        }
      }
      if (judgedAny) {
        keysScored++;
      }
    }
    return new Outcome(findings, keysScored);
  }

  private static SeriesKey keyOf(SeriesBin bin, String metric) {
    return new SeriesKey(bin.hostname(), bin.user(), bin.srcIpAddr(), bin.activity(), metric);
  }
}
