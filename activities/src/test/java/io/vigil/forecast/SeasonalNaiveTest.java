package io.vigil.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SeasonalNaiveTest {

  @Test
  void repeatsTheLastWholePeriod() {
    Forecast forecast = new SeasonalNaive(3).forecast(new double[] {1, 2, 3, 4, 5, 6}, 5);

    assertArrayEquals(new double[] {4, 5, 6, 4, 5}, forecast.mean(), 0);
  }

  @Test
  void boundsWidenWithEachFurtherPeriod() {
    // Every seasonal difference y_t - y_{t-3} is 3, so sigma is 3; steps 4 and 5 lie two periods ahead.
    Forecast forecast = new SeasonalNaive(3).forecast(new double[] {1, 2, 3, 4, 5, 6}, 5);

    double z = Forecast.Z_95;
    double two = Math.sqrt(2);
    assertArrayEquals(new double[] {4 + 3 * z, 5 + 3 * z, 6 + 3 * z, 4 + 3 * z * two, 5 + 3 * z * two},
        forecast.upper(), 1e-12);
    assertArrayEquals(new double[] {4 - 3 * z, 5 - 3 * z, 6 - 3 * z, 4 - 3 * z * two, 5 - 3 * z * two},
        forecast.lower(), 1e-12);
  }

  @Test
  void aHistoryShorterThanAPeriodGetsTheNaiveForecast() {
    Forecast forecast = new SeasonalNaive(24).forecast(new double[] {3, 7}, 3);

    assertArrayEquals(new double[] {7, 7, 7}, forecast.mean(), 0);
  }

  @Test
  void rejectsAnEmptyHistoryAndANonPositiveHorizon() {
    assertThrows(IllegalArgumentException.class, () -> new SeasonalNaive(3).forecast(new double[0], 1));
    assertThrows(IllegalArgumentException.class, () -> new SeasonalNaive(3).forecast(new double[] {1}, 0));
  }
}
