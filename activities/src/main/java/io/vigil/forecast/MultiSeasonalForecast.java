package io.vigil.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A forecast for hourly series with a daily and a weekly cycle, built to beat the seasonal naive forecast and R's
 * {@code stlf} on M4 Hourly. Series differ in which cycle dominates and in how steady their level is, so no single
 * method suits them all; the model runs a few simple ones ({@link Candidate}) and, for each series, combines those
 * that forecast its own recent past best:
 *
 * <ol>
 *   <li>strictly positive series are modelled in logs, so that seasonal swings scale with the level, as they do in
 *       traffic and log volumes;
 *   <li>every candidate forecasts the last {@code validationWindows} stretches of the history, each as long as the
 *       horizon, from the history before that stretch (stretches with under two weeks before them are skipped), and
 *       is scored by its mean sMAPE and MASE there, each divided by sNaive's figure so that both count alike;
 *   <li>the forecast is the mean of the {@code combined} best-scoring candidates' forecasts. Without any stretch to
 *       score (a short history), the {@link Candidate#PROFILES} candidate forecasts alone.
 * </ol>
 *
 * <p>The default settings were chosen on the M4 Hourly training series only, holding out their last 48 points (and,
 * as a check, the 48 before them) as validation (docs/forecasting.md); the M4 test set played no part.
 *
 * <p>Bounds: normal 95% bounds on the modelled (log or raw) scale around the combined forecast, with the standard
 * error of simple exponential smoothing of the seasonally adjusted series, {@code sigma * sqrt(1 + (h - 1) *
 * alpha^2)}, {@code sigma} the root mean square of its one-step errors; in logs they are transformed back, which
 * makes them asymmetric. They ignore the spread between the candidates.
 */
public final class MultiSeasonalForecast implements ForecastModel {

  /**
   * sNaive's sMAPE (as a fraction) and MASE on the M4 Hourly validation split, which put the two errors of a
   * candidate's score on a common scale, as OWA does with Naive2's.
   */
  private static final double SMAPE_SCALE = 0.145;
  private static final double MASE_SCALE = 1.2;

  /** Keeps a perfect forecast of a flat stretch from dividing 0 by 0. */
  private static final double TINY = 1e-9;

  /**
   * The hyper-parameters.
   *
   * @param dailyPeriod points per day
   * @param weeklyPeriod points per week
   * @param minWeeks whole weeks of history needed before the weekly profile is used
   * @param dailyCycles how many of the most recent days the daily profile is estimated on
   * @param weeklyCycles how many of the most recent weeks the weekly profile and the weekly median are taken over
   * @param weeklyMeanCycles how many of the most recent weeks the weekly mean is taken over
   * @param weeklyShrink the factor (0 to 1) the weekly profile is multiplied by
   * @param alpha the level smoothing parameter
   * @param beta the trend smoothing parameter
   * @param phi the trend damping factor
   * @param logTransform whether strictly positive series are modelled in logs
   * @param naiveWeight the weight (0 to 1) of the daily seasonal naive forecast in the profile candidates
   * @param validationWindows how many horizon-long stretches at the end of the history score the candidates
   * @param combined how many of the best-scoring candidates are averaged
   */
  public record Settings(int dailyPeriod, int weeklyPeriod, int minWeeks, int dailyCycles, int weeklyCycles,
      int weeklyMeanCycles, double weeklyShrink, double alpha, double beta, double phi, boolean logTransform,
      double naiveWeight, int validationWindows, int combined) {

    /** The defaults for hourly data, chosen on the M4 Hourly training series (docs/forecasting.md). */
    public static final Settings HOURLY = new Settings(24, 168, 3, 5, 3, 4, 0.7, 0.01, 0.01, 0.9, true, 0.4, 5, 2);

    /** These settings for another number of points per day, the week being seven days. */
    public Settings withPointsPerDay(int pointsPerDay) {
      return new Settings(pointsPerDay, 7 * pointsPerDay, minWeeks, dailyCycles, weeklyCycles, weeklyMeanCycles,
          weeklyShrink, alpha, beta, phi, logTransform, naiveWeight, validationWindows, combined);
    }
  }

  /** The methods combined; each forecasts on the model scale (logs for a positive series). */
  enum Candidate {
    /** Daily and weekly profiles plus damped-trend smoothing, combined with the daily seasonal naive forecast. */
    PROFILES {
      @Override
      double[] forecast(MultiSeasonalForecast model, double[] z, int horizon) {
        return model.profileForecast(z, horizon, model.settings.weeklyShrink());
      }
    },
    /** As {@link #PROFILES} without the weekly profile, for series whose week is flat or too noisy to estimate. */
    DAILY_PROFILE {
      @Override
      double[] forecast(MultiSeasonalForecast model, double[] z, int horizon) {
        return model.profileForecast(z, horizon, 0);
      }
    },
    /** The last day repeated. */
    DAILY_NAIVE {
      @Override
      double[] forecast(MultiSeasonalForecast model, double[] z, int horizon) {
        return new SeasonalNaive(model.settings.dailyPeriod()).forecast(z, horizon).mean();
      }
    },
    /** Per point of the week, the median over the last {@code weeklyCycles} weeks. */
    WEEKLY_MEDIAN {
      @Override
      double[] forecast(MultiSeasonalForecast model, double[] z, int horizon) {
        return model.weeklySummary(z, horizon, model.settings.weeklyCycles(), SeriesMath.PhaseStatistic.MEDIAN);
      }
    },
    /** Per point of the week, the mean over the last {@code weeklyMeanCycles} weeks. */
    WEEKLY_MEAN {
      @Override
      double[] forecast(MultiSeasonalForecast model, double[] z, int horizon) {
        return model.weeklySummary(z, horizon, model.settings.weeklyMeanCycles(), SeriesMath.PhaseStatistic.MEAN);
      }
    },
    /**
     * The last week repeated, shifted by how much the last day differs from the same day a week before: the week's
     * shape at today's level.
     */
    LEVELLED_WEEKLY_NAIVE {
      @Override
      double[] forecast(MultiSeasonalForecast model, double[] z, int horizon) {
        return model.levelledWeeklyNaive(z, horizon);
      }
    };

    /** The forecast of {@code horizon} points after {@code z}, or null when {@code z} is too short for the method. */
    abstract double[] forecast(MultiSeasonalForecast model, double[] z, int horizon);
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
    boolean inLogs = settings.logTransform() && Arrays.stream(history).allMatch(value -> value > 0);
    double[] z = inLogs ? Arrays.stream(history).map(Math::log).toArray() : history;
    List<Candidate> best = bestCandidates(history, z, inLogs, horizon);
    double[] mean = new double[horizon];
    for (Candidate candidate : best) {
      double[] forecast = toDataScale(candidate.forecast(this, z, horizon), inLogs);
      for (int h = 0; h < horizon; h++) {
        mean[h] += forecast[h] / best.size();
      }
    }
    double sigma = DampedTrend.fit(seasonallyAdjusted(z), settings.alpha(), settings.beta(), settings.phi()).sigma();
    double[] modelScaleMean = new double[horizon];
    double[] standardError = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      modelScaleMean[h] = inLogs ? Math.log(mean[h]) : mean[h];
      standardError[h] = sigma * Math.sqrt(1 + h * settings.alpha() * settings.alpha());
    }
    Forecast onModelScale = Forecast.withNormalBounds(modelScaleMean, standardError);
    return inLogs ? new Forecast(mean, exp(onModelScale.lower()), exp(onModelScale.upper())) : onModelScale;
  }

  /**
   * The {@code combined} candidates whose forecasts of the last horizon-long stretches of the history, made from the
   * history before each, score best (lowest first; ties keep the declaration order).
   */
  List<Candidate> bestCandidates(double[] history, double[] z, boolean inLogs, int horizon) {
    Candidate[] candidates = Candidate.values();
    double[] scores = new double[candidates.length];
    boolean[] usable = new boolean[candidates.length];
    boolean anyWindow = false;
    for (int window = 1; window <= settings.validationWindows(); window++) {
      int origin = history.length - window * horizon;
      if (origin < 2 * settings.weeklyPeriod()) {
        break;
      }
      anyWindow = true;
      double[] fit = Arrays.copyOf(z, origin);
      double seasonalNaiveError = seasonalNaiveMeanAbsoluteError(history, origin);
      for (int c = 0; c < candidates.length; c++) {
        double[] forecast = candidates[c].forecast(this, fit, horizon);
        usable[c] = forecast != null;
        if (forecast != null) {
          scores[c] += windowScore(history, origin, toDataScale(forecast, inLogs), seasonalNaiveError);
        }
      }
    }
    if (!anyWindow) {
      return List.of(Candidate.PROFILES);
    }
    List<Candidate> ranked = new ArrayList<>();
    for (int c = 0; c < candidates.length; c++) {
      if (usable[c]) {
        ranked.add(candidates[c]);
      }
    }
    ranked.sort(Comparator.comparingDouble(candidate -> scores[candidate.ordinal()]));
    return ranked.subList(0, Math.min(settings.combined(), ranked.size()));
  }

  /** {@code mean |y_t - y_{t-m}|} over the history before {@code origin}, the MASE scale, m the daily period. */
  private double seasonalNaiveMeanAbsoluteError(double[] history, int origin) {
    int period = settings.dailyPeriod();
    double sum = 0;
    for (int t = period; t < origin; t++) {
      sum += Math.abs(history[t] - history[t - period]);
    }
    return sum / (origin - period);
  }

  /** sMAPE (a fraction) and MASE of {@code forecast} against the history from {@code origin}, each scaled. */
  private static double windowScore(double[] history, int origin, double[] forecast, double seasonalNaiveError) {
    double absoluteErrors = 0;
    double relativeErrors = 0;
    for (int h = 0; h < forecast.length; h++) {
      double actual = history[origin + h];
      double error = Math.abs(actual - forecast[h]);
      absoluteErrors += error;
      relativeErrors += 2 * error / (Math.abs(actual) + Math.abs(forecast[h]) + TINY);
    }
    double mase = absoluteErrors / forecast.length / (seasonalNaiveError + TINY);
    return mase / MASE_SCALE + relativeErrors / forecast.length / SMAPE_SCALE;
  }

  private static double[] toDataScale(double[] forecast, boolean inLogs) {
    return inLogs ? exp(forecast) : forecast;
  }

  /**
   * The daily and weekly profiles (the weekly one multiplied by {@code weeklyShrink}) plus damped-trend smoothing of
   * the seasonally adjusted series, combined with the daily seasonal naive forecast.
   */
  private double[] profileForecast(double[] z, int horizon, double weeklyShrink) {
    int n = z.length;
    double[] seasonal = seasonal(z, n + horizon, weeklyShrink);
    double[] adjusted = new double[n];
    for (int t = 0; t < n; t++) {
      adjusted[t] = z[t] - seasonal[t];
    }
    DampedTrend smoothed = DampedTrend.fit(adjusted, settings.alpha(), settings.beta(), settings.phi());
    double[] seasonalNaive = new SeasonalNaive(settings.dailyPeriod()).forecast(z, horizon).mean();
    double[] mean = new double[horizon];
    double trendSum = 0;
    double damping = 1;
    for (int h = 1; h <= horizon; h++) {
      damping *= settings.phi();
      trendSum += damping;
      double smoothedForecast = smoothed.level() + trendSum * smoothed.trend() + seasonal[n + h - 1];
      mean[h - 1] = (1 - settings.naiveWeight()) * smoothedForecast + settings.naiveWeight() * seasonalNaive[h - 1];
    }
    return mean;
  }

  /** {@code z} minus its seasonal component as {@link Candidate#PROFILES} estimates it. */
  private double[] seasonallyAdjusted(double[] z) {
    double[] seasonal = seasonal(z, z.length, settings.weeklyShrink());
    double[] adjusted = new double[z.length];
    for (int t = 0; t < z.length; t++) {
      adjusted[t] = z[t] - seasonal[t];
    }
    return adjusted;
  }

  /**
   * Per point of the week, {@code statistic} over the last {@code cycles} weeks (fewer if the history is shorter),
   * repeated; null with under a week of history.
   */
  private double[] weeklySummary(double[] z, int horizon, int cycles, SeriesMath.PhaseStatistic statistic) {
    int n = z.length;
    int week = settings.weeklyPeriod();
    int weeks = Math.min(cycles, n / week);
    if (weeks == 0) {
      return null;
    }
    // The last whole weeks, phases counted from their start, so that phase h % week is h + 1 points after the end.
    double[] recent = Arrays.copyOfRange(z, n - weeks * week, n);
    double[] profile = SeriesMath.perPhase(recent, week, statistic);
    double[] forecast = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      forecast[h] = profile[h % week];
    }
    return forecast;
  }

  /** See {@link Candidate#LEVELLED_WEEKLY_NAIVE}; null with under a week and a day of history. */
  private double[] levelledWeeklyNaive(double[] z, int horizon) {
    int n = z.length;
    int day = settings.dailyPeriod();
    int week = settings.weeklyPeriod();
    if (n < week + day) {
      return null;
    }
    double shift = 0;
    for (int t = n - day; t < n; t++) {
      shift += (z[t] - z[t - week]) / day;
    }
    double[] forecast = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      forecast[h] = z[n - week + h % week] + shift;
    }
    return forecast;
  }

  /**
   * The seasonal component at positions {@code 0 .. length - 1}, phases counted from the first history point, the
   * weekly profile multiplied by {@code weeklyShrink}.
   */
  private double[] seasonal(double[] z, int length, double weeklyShrink) {
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
    if (weeklyShrink > 0 && n >= settings.minWeeks() * weekly) {
      weeklyProfile = profile(z, dailyProfile, weekly, settings.weeklyCycles());
    }
    for (int t = 0; t < length; t++) {
      result[t] = dailyProfile[t % daily] + weeklyShrink * weeklyProfile[t % weekly];
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
