package io.vigil.forecast;

import java.util.Arrays;

/**
 * A forecast for hourly series with a daily and a weekly cycle, built to beat the seasonal naive forecast and R's
 * {@code stlf} on M4 Hourly:
 *
 * <ol>
 *   <li>strictly positive series are modelled in logs, so that seasonal swings scale with the level, as they do in
 *       traffic and log volumes;
 *   <li>a robust decomposition: the daily profile is the per-phase median, over the most recent days, of the series
 *       minus its one-day centred moving average; the weekly profile the per-phase median, over the most recent
 *       weeks, of the series minus its one-week centred moving average and the daily profile, shrunk towards 0
 *       because a few weeks give a noisy estimate; the weekly cycle is used only when the history holds enough whole
 *       weeks;
 *   <li>the seasonally adjusted series is smoothed by additive damped-trend exponential smoothing (ETS(A,Ad,N) with
 *       fixed parameters), whose level and damped trend carry the forecast, and the seasonal profiles are added back;
 *   <li>that forecast is combined with the daily seasonal naive forecast, which follows the most recent day's shape
 *       more closely than any median over past cycles can.
 * </ol>
 *
 * <p>The default settings were chosen on the M4 Hourly training series only, holding out their last 48 points as
 * validation (docs/forecasting.md); the M4 test set played no part.
 *
 * <p>Bounds: normal 95% bounds on the modelled (log or raw) scale with the standard error of simple exponential
 * smoothing, {@code sigma * sqrt(1 + (h - 1) * alpha^2)}, {@code sigma} the root mean square of the one-step
 * smoothing errors; in logs they are transformed back, which makes them asymmetric.
 */
public final class MultiSeasonalForecast implements ForecastModel {

  /**
   * The hyper-parameters.
   *
   * @param dailyPeriod points per day
   * @param weeklyPeriod points per week
   * @param minWeeks whole weeks of history needed before the weekly profile is used
   * @param dailyCycles how many of the most recent days the daily profile is estimated on
   * @param weeklyCycles how many of the most recent weeks the weekly profile is estimated on
   * @param weeklyShrink the factor (0 to 1) the weekly profile is multiplied by
   * @param alpha the level smoothing parameter
   * @param beta the trend smoothing parameter
   * @param phi the trend damping factor
   * @param logTransform whether strictly positive series are modelled in logs
   * @param naiveWeight the weight (0 to 1) of the daily seasonal naive forecast in the final combination
   */
  public record Settings(int dailyPeriod, int weeklyPeriod, int minWeeks, int dailyCycles, int weeklyCycles,
      double weeklyShrink, double alpha, double beta, double phi, boolean logTransform, double naiveWeight) {

    /** The defaults for hourly data, chosen on the M4 Hourly training series (docs/forecasting.md). */
    public static final Settings HOURLY = new Settings(24, 168, 3, 5, 3, 0.7, 0.01, 0.01, 0.9, true, 0.4);
  }

  private final Settings settings;

  public MultiSeasonalForecast(Settings settings) {
    this.settings = settings;
  }

  /** The model with {@link Settings#HOURLY}. */
  public static MultiSeasonalForecast hourly() {
    return new MultiSeasonalForecast(Settings.HOURLY);
  }

  @Override
  public String name() {
    return "multiseasonal";
  }

  @Override
  public Forecast forecast(double[] history, int horizon) {
    ForecastModel.checkArguments(history, horizon);
    int n = history.length;
    boolean inLogs = settings.logTransform() && Arrays.stream(history).allMatch(value -> value > 0);
    double[] z = inLogs ? Arrays.stream(history).map(Math::log).toArray() : history.clone();

    double[] seasonal = seasonal(z, n + horizon);
    double[] adjusted = new double[n];
    for (int t = 0; t < n; t++) {
      adjusted[t] = z[t] - seasonal[t];
    }
    DampedTrend smoothed = DampedTrend.fit(adjusted, settings.alpha(), settings.beta(), settings.phi());

    double[] mean = new double[horizon];
    double[] standardError = new double[horizon];
    double trendSum = 0;
    double damping = 1;
    for (int h = 1; h <= horizon; h++) {
      damping *= settings.phi();
      trendSum += damping;
      mean[h - 1] = smoothed.level() + trendSum * smoothed.trend() + seasonal[n + h - 1];
      standardError[h - 1] = smoothed.sigma() * Math.sqrt(1 + (h - 1) * settings.alpha() * settings.alpha());
    }
    double[] seasonalNaive = new SeasonalNaive(settings.dailyPeriod()).forecast(z, horizon).mean();
    for (int h = 0; h < horizon; h++) {
      mean[h] = (1 - settings.naiveWeight()) * mean[h] + settings.naiveWeight() * seasonalNaive[h];
    }
    Forecast onModelScale = Forecast.withNormalBounds(mean, standardError);
    if (!inLogs) {
      return onModelScale;
    }
    return new Forecast(exp(onModelScale.mean()), exp(onModelScale.lower()), exp(onModelScale.upper()));
  }

  /** The seasonal component at positions {@code 0 .. length - 1}, phases counted from the first history point. */
  private double[] seasonal(double[] z, int length) {
    int n = z.length;
    int daily = settings.dailyPeriod();
    int weekly = settings.weeklyPeriod();
    double[] result = new double[length];
    if (n < 2 * daily) {
      // Under two days there is no cycle to estimate, and the smoothing alone forecasts.
      return result;
    }
    double[] dailyProfile = profile(z, new double[daily], daily, settings.dailyCycles());
    double[] weeklyProfile = new double[weekly];
    if (n >= settings.minWeeks() * weekly) {
      weeklyProfile = profile(z, dailyProfile, weekly, settings.weeklyCycles());
    }
    for (int t = 0; t < length; t++) {
      result[t] = dailyProfile[t % daily] + settings.weeklyShrink() * weeklyProfile[t % weekly];
    }
    return result;
  }

  /**
   * The centred per-phase median, over the last {@code cycles} cycles, of {@code z} minus its centred moving average
   * over {@code period} and minus the already estimated shorter profile {@code known}.
   */
  private static double[] profile(double[] z, double[] known, int period, int cycles) {
    int n = z.length;
    double[] trend = ClassicalDecomposition.centredMovingAverage(z, period);
    int firstUsed = Math.max(0, n - cycles * period);
    double[] detrended = new double[n];
    for (int t = 0; t < n; t++) {
      // Points before the recent window are masked, not dropped, so that phases stay counted from the first point.
      detrended[t] = t < firstUsed ? Double.NaN : z[t] - trend[t] - known[t % known.length];
    }
    return centred(SeriesMath.perPhase(detrended, period, SeriesMath.PhaseStatistic.MEDIAN));
  }

  /** The profile minus its mean, so that the seasonal component carries no level; NaN phases become 0. */
  private static double[] centred(double[] profile) {
    double sum = 0;
    int count = 0;
    for (double value : profile) {
      if (!Double.isNaN(value)) {
        sum += value;
        count++;
      }
    }
    double mean = count == 0 ? 0 : sum / count;
    double[] result = new double[profile.length];
    for (int i = 0; i < profile.length; i++) {
      result[i] = Double.isNaN(profile[i]) ? 0 : profile[i] - mean;
    }
    return result;
  }

  private static double[] exp(double[] values) {
    return Arrays.stream(values).map(Math::exp).toArray();
  }

  /**
   * Additive damped-trend exponential smoothing in error-correction form:
   * {@code l_t = l_{t-1} + phi b_{t-1} + alpha e_t}, {@code b_t = phi b_{t-1} + beta e_t}, started from the first
   * point with no trend.
   */
  private record DampedTrend(double level, double trend, double sigma) {

    static DampedTrend fit(double[] series, double alpha, double beta, double phi) {
      double level = series[0];
      double trend = 0;
      double squaredErrors = 0;
      for (int t = 1; t < series.length; t++) {
        double error = series[t] - (level + phi * trend);
        level += phi * trend + alpha * error;
        trend = phi * trend + beta * error;
        squaredErrors += error * error;
      }
      double sigma = series.length > 1 ? Math.sqrt(squaredErrors / (series.length - 1)) : 0;
      return new DampedTrend(level, trend, sigma);
    }
  }
}
