package io.vigil.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.forecast.MultiSeasonalForecast.Candidate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiSeasonalForecastTest {

  /**
   * Hourly traffic with a daily cycle and quieter weekends (days 5 and 6 of each week at 60%), multiplicative noise
   * of 5%, four weeks and five days long, so that the two forecast days are a weekend following weekdays: exactly
   * where the daily seasonal naive forecast goes wrong and the weekly profile helps.
   */
  private static double[] weekdaysThenWeekend(long seed) {
    Random random = new Random(seed);
    double[] series = new double[4 * 168 + 5 * 24 + 48];
    for (int t = 0; t < series.length; t++) {
      double daily = 100 + 40 * Math.sin(2 * Math.PI * (t % 24 - 6) / 24);
      double weekly = (t / 24) % 7 >= 5 ? 0.6 : 1.0;
      series[t] = daily * weekly * (1 + 0.05 * random.nextGaussian());
    }
    return series;
  }

  @Test
  void beatsTheSeasonalNaiveForecastOnADoubleSeasonalSeries() {
    double multiSeasonalError = 0;
    double seasonalNaiveError = 0;
    for (long seed = 1; seed <= 5; seed++) {
      double[] series = weekdaysThenWeekend(seed);
      double[] history = Arrays.copyOf(series, series.length - 48);
      double[] actual = Arrays.copyOfRange(series, series.length - 48, series.length);
      multiSeasonalError += meanAbsoluteError(actual, MultiSeasonalForecast.hourly().forecast(history, 48));
      seasonalNaiveError += meanAbsoluteError(actual, new SeasonalNaive(24).forecast(history, 48));
    }
    assertTrue(multiSeasonalError < 0.7 * seasonalNaiveError,
        "multiseasonal " + multiSeasonalError + " vs snaive " + seasonalNaiveError);
  }

  @Test
  void aSeriesWhoseWeekendsDifferIsForecastByWeeklyCandidates() {
    double[] history = Arrays.copyOf(weekdaysThenWeekend(3), 4 * 168 + 5 * 24);
    double[] logs = Arrays.stream(history).map(Math::log).toArray();

    List<Candidate> best = MultiSeasonalForecast.hourly().bestCandidates(history, logs, true, 48);

    assertEquals(2, best.size());
    // The stretches scored include weekend days after weekdays, which only the weekly methods get right.
    assertFalse(best.contains(Candidate.DAILY_NAIVE), best.toString());
    assertFalse(best.contains(Candidate.DAILY_PROFILE), best.toString());
  }

  @Test
  void aDailyCycleWithoutWeeklyPatternKeepsItsForecastCloseToTheCycle() {
    Random random = new Random(4);
    double[] series = new double[5 * 168 + 48];
    for (int t = 0; t < series.length; t++) {
      series[t] = 100 + 30 * Math.sin(2 * Math.PI * t / 24) + 2 * random.nextGaussian();
    }
    double[] history = Arrays.copyOf(series, series.length - 48);
    Forecast forecast = MultiSeasonalForecast.hourly().forecast(history, 48);
    for (int h = 0; h < 48; h++) {
      double cycle = 100 + 30 * Math.sin(2 * Math.PI * (history.length + h) / 24);
      assertEquals(cycle, forecast.mean()[h], 6, "step " + h);
    }
  }

  @Test
  void aHistoryTooShortToScoreTheCandidatesUsesTheProfiles() {
    double[] history = Arrays.copyOf(weekdaysThenWeekend(5), 168);
    double[] logs = Arrays.stream(history).map(Math::log).toArray();

    assertEquals(List.of(Candidate.PROFILES), MultiSeasonalForecast.hourly().bestCandidates(history, logs, true, 48));
  }

  @Test
  void boundsContainTheMeanAndStayPositiveForAPositiveSeries() {
    double[] history = Arrays.copyOf(weekdaysThenWeekend(9), 4 * 168);
    Forecast forecast = MultiSeasonalForecast.hourly().forecast(history, 48);
    for (int h = 0; h < 48; h++) {
      assertTrue(forecast.lower()[h] > 0 && forecast.lower()[h] < forecast.mean()[h]
          && forecast.mean()[h] < forecast.upper()[h], "step " + h);
    }
  }

  @Test
  void shortAndNonPositiveHistoriesStillForecast() {
    double[] shortHistory = {0, 3, -1, 4, 2};
    Forecast forecast = MultiSeasonalForecast.hourly().forecast(shortHistory, 3);
    for (double value : forecast.mean()) {
      assertTrue(Double.isFinite(value));
    }
  }

  private static double meanAbsoluteError(double[] actual, Forecast forecast) {
    double sum = 0;
    for (int h = 0; h < actual.length; h++) {
      sum += Math.abs(actual[h] - forecast.mean()[h]);
    }
    return sum / actual.length;
  }
}
