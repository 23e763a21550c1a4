package io.vigil.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
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

  /** Keys forecast between heartbeats. */
  private static final int HEARTBEAT_EVERY_KEYS = 500;

  private static final Comparator<SeriesBin> BY_KEY_THEN_TIME = Comparator.comparing(SeriesBin::hostname)
      .thenComparing(SeriesBin::user).thenComparing(SeriesBin::srcIpAddr).thenComparing(SeriesBin::activity)
      .thenComparing(SeriesBin::timeBin);

  private final Backend backend;

  public ForecastActivitiesImpl(Backend backend) {
    this.backend = backend;
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
    return BackendFailures.translated(() -> forecastWith(model, request));
  }

  private ForecastResult forecastWith(ForecastModel model, ForecastRequest request) {
    SourceConfig config = request.config();
    Optional<Instant> watermark = backend.seriesWatermark(config.source());
    if (watermark.isEmpty()) {
      return new ForecastResult(config.source(), request.runTime(), model.name(), null, 0, 0, 0, null);
    }
    BinGrid grid = config.grid();
    Instant end = watermark.get();
    TimeRange history = new TimeRange(grid.ceil(end.minus(config.maxForecastLookback())), end);
    TimeRange horizon = new TimeRange(end, end.plus(config.binSize().multipliedBy(config.forecastBins())));
    List<SeriesBin> bins = new ArrayList<>(backend.readSeriesBins(config.source(), history));
    bins.sort(BY_KEY_THEN_TIME);

    ActivityExecutionContext context = Activity.getExecutionContext();
    List<Prediction> predictions = new ArrayList<>();
    int forecast = 0;
    int skipped = 0;
    int from = 0;
    while (from < bins.size()) {
      int to = from;
      while (to < bins.size() && sameKey(bins.get(from), bins.get(to))) {
        to++;
      }
      List<SeriesBin> key = bins.subList(from, to);
      from = to;
      // A key's history runs from its first bin with events to the watermark; empty bins in it count as 0.
      Instant first = key.get(0).timeBin();
      if (Duration.between(first, end).compareTo(config.minForecastLookback()) < 0) {
        skipped++;
        continue;
      }
      forecastKey(config, model, key, new TimeRange(first, end), horizon, request.runTime(), predictions);
      if (++forecast % HEARTBEAT_EVERY_KEYS == 0) {
        context.heartbeat(forecast);
      }
    }
    backend.replacePredictions(config.source(), request.runTime(), predictions);
    return new ForecastResult(config.source(), request.runTime(), model.name(), end, forecast, skipped,
        predictions.size(), forecast == 0 ? null : horizon);
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
