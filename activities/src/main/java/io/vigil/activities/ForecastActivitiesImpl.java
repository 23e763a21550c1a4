package io.vigil.activities;

import io.vigil.backend.Backend;
import io.vigil.forecast.Forecast;
import io.vigil.forecast.ForecastModel;
import io.vigil.forecast.ForecastModels;
import io.vigil.model.BinGrid;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.VigilFailure;
import io.vigil.model.forecast.ForecastActivities;
import io.vigil.model.forecast.ForecastRequest;
import io.vigil.model.forecast.ForecastResult;
import io.vigil.model.forecast.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Forecasting over a {@link Backend}; see {@link ForecastActivities} for the contract. */
public final class ForecastActivitiesImpl implements ForecastActivities {

  private static final Comparator<SeriesBin> BY_KEY_THEN_TIME = Comparator.comparing(SeriesBin::hostname)
      .thenComparing(SeriesBin::user).thenComparing(SeriesBin::srcIpAddr).thenComparing(SeriesBin::activity)
      .thenComparing(SeriesBin::timeBin);

  private final Backend backend;
  private final VigilMetrics metrics;

  public ForecastActivitiesImpl(Backend backend, VigilMetrics metrics) {
    this.backend = backend;
    this.metrics = metrics;
  }

  @Override
  public ForecastResult forecastSource(ForecastRequest request) {
    SourceConfig config = request.config();
    ForecastModel model;
    try {
      model = ForecastModels.create(config.forecastMethod(), config.binSize());
    } catch (IllegalArgumentException e) {
      throw VigilFailure.CONFIGURATION_ERROR.failure("watchlist row " + config.row() + ", column ForecastModel: "
          + e.getMessage());
    }
    return BackendFailures.translated(() -> LivenessHeartbeat.during(() -> forecastWith(model, request)));
  }

  /** What one forecast, as of one time, made. */
  private record Made(int keysForecast, int keysSkipped) {}

  private ForecastResult forecastWith(ForecastModel model, ForecastRequest request) {
    SourceConfig config = request.config();
    Optional<Instant> watermark = backend.seriesWatermark(config.source());
    if (watermark.isEmpty()) {
      return new ForecastResult(config.source(), request.runTime(), model.name(), null, 0, 0, 0, null, 0);
    }
    BinGrid grid = config.grid();
    Instant end = watermark.get();
    Duration horizonLength = config.binSize().multipliedBy(config.forecastBins());
    // The warm-up forecasts as of every horizon step before the watermark, so each warm-up bin has exactly one
    // forecast, made from the history before its step. It runs only while the source has no predictions at all;
    // it is written in the same transaction as the run's own forecast, so a retry finds all of it or none.
    List<Instant> warmUpTimes = new ArrayList<>();
    Duration warmUp = request.warmUp() == null ? Duration.ZERO : request.warmUp();
    if (!warmUp.isZero() && backend.lastPredictionRun(config.source()).isEmpty()) {
      for (Instant asOf = grid.ceil(end.minus(warmUp)); asOf.isBefore(end); asOf = asOf.plus(horizonLength)) {
        warmUpTimes.add(asOf);
      }
    }
    Instant historyStart = warmUpTimes.isEmpty() ? end : warmUpTimes.get(0);
    TimeRange history = new TimeRange(grid.ceil(historyStart.minus(config.maxForecastLookback())), end);
    List<List<SeriesBin>> keys = byKey(backend.readSeriesBins(config.source(), history));

    List<Prediction> predictions = new ArrayList<>();
    List<Instant> runs = new ArrayList<>(warmUpTimes);
    int warmUpForecasts = 0;
    for (Instant asOf : warmUpTimes) {
      warmUpForecasts += forecastAsOf(config, model, keys, asOf, asOf, predictions).keysForecast();
    }
    runs.add(request.runTime());
    Made made = forecastAsOf(config, model, keys, end, request.runTime(), predictions);
    backend.replacePredictions(config.source(), runs, predictions);
    metrics.forecastsMade(config.source(), model.name(), made.keysForecast(), made.keysSkipped());
    return new ForecastResult(config.source(), request.runTime(), model.name(), end, made.keysForecast(),
        made.keysSkipped(), predictions.size(), made.keysForecast() == 0 ? null
            : new TimeRange(end, end.plus(horizonLength)), warmUpForecasts);
  }

  /**
   * Forecasts every key from its bins before {@code asOf} (at most MaxForecastLookbackPeriod of them), naming the
   * predictions by {@code runTime}.
   */
  private static Made forecastAsOf(SourceConfig config, ForecastModel model, List<List<SeriesBin>> keys,
      Instant asOf, Instant runTime, List<Prediction> predictions) {
    Instant lookbackStart = config.grid().ceil(asOf.minus(config.maxForecastLookback()));
    TimeRange horizon = new TimeRange(asOf, asOf.plus(config.binSize().multipliedBy(config.forecastBins())));
    int forecast = 0;
    int skipped = 0;
    for (List<SeriesBin> key : keys) {
      List<SeriesBin> known = within(key, lookbackStart, asOf);
      if (known.isEmpty()) {
        continue;
      }
      // A key's history runs from its first bin with events to the as-of time; empty bins in it count as 0.
      Instant first = known.get(0).timeBin();
      if (Duration.between(first, asOf).compareTo(config.minForecastLookback()) < 0) {
        skipped++;
        continue;
      }
      forecastKey(config, model, known, new TimeRange(first, asOf), horizon, runTime, predictions);
      forecast++;
    }
    return new Made(forecast, skipped);
  }

  /** The bins of one key, in time order, with start in {@code [from, to)}. */
  private static List<SeriesBin> within(List<SeriesBin> key, Instant from, Instant to) {
    return key.subList(firstAtOrAfter(key, from), firstAtOrAfter(key, to));
  }

  private static int firstAtOrAfter(List<SeriesBin> key, Instant time) {
    int low = 0;
    int high = key.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (key.get(middle).timeBin().isBefore(time)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** The bins grouped by series key, each group in time order. */
  private static List<List<SeriesBin>> byKey(List<SeriesBin> unordered) {
    List<SeriesBin> bins = new ArrayList<>(unordered);
    bins.sort(BY_KEY_THEN_TIME);
    List<List<SeriesBin>> keys = new ArrayList<>();
    int from = 0;
    while (from < bins.size()) {
      int to = from;
      while (to < bins.size() && sameKey(bins.get(from), bins.get(to))) {
        to++;
      }
      keys.add(bins.subList(from, to));
      from = to;
    }
    return keys;
  }

  private static void forecastKey(SourceConfig config, ForecastModel model, List<SeriesBin> key, TimeRange history,
      TimeRange horizon, Instant runTime, List<Prediction> predictions) {
    long binSeconds = config.binSize().getSeconds();
    int length = (int) (history.length().getSeconds() / binSeconds);
    double[] counts = new double[length];
    double[] sums = new double[length];
    for (SeriesBin bin : key) {
      int index = (int) (Duration.between(history.start(), bin.timeBin()).getSeconds() / binSeconds);
      counts[index] = bin.count();
      sums[index] = bin.sum() == null ? 0 : bin.sum();
    }
    SeriesBin sample = key.get(0);
    addPredictions(sample, Prediction.COUNT, model.forecast(counts, config.forecastBins()), model, horizon,
        config.binSize(), runTime, predictions);
    if (config.hasSize()) {
      addPredictions(sample, Prediction.SUM, model.forecast(sums, config.forecastBins()), model, horizon,
          config.binSize(), runTime, predictions);
    }
  }

  private static void addPredictions(SeriesBin key, String metric, Forecast forecast, ForecastModel model,
      TimeRange horizon, Duration binSize, Instant runTime, List<Prediction> predictions) {
    for (int h = 0; h < forecast.mean().length; h++) {
      predictions.add(new Prediction(key.source(), key.hostname(), key.user(), key.srcIpAddr(), key.activity(),
          horizon.start().plus(binSize.multipliedBy(h)), metric, forecast.mean()[h], forecast.lower()[h],
          forecast.upper()[h], model.name(), runTime));
    }
  }

  private static boolean sameKey(SeriesBin a, SeriesBin b) {
    return a.hostname().equals(b.hostname()) && a.user().equals(b.user()) && a.srcIpAddr().equals(b.srcIpAddr())
        && a.activity().equals(b.activity());
  }
}
