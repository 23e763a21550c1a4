package io.vigil.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Naive2Test {

  /** Six cycles of a multiplicative pattern on a constant level 10: indices 0.5, 1, 1.5, 1. */
  private static final double[] SEASONAL = repeat(new double[] {5, 10, 15, 10}, 6);

  /** Eight cycles of a period-3 pattern, tested at period 4, where it has no seasonality. */
  private static final double[] OTHER_PERIOD = repeat(new double[] {1, 2, 3}, 8);

  @Test
  void seasonalityTestAcceptsAStrongCycleAtThePeriod() {
    // By hand: acf_1 = acf_3 = 0, acf_2 = -275/300, acf_4 = 250/300; the limit is
    // 1.645 / sqrt(24) * sqrt(1 + 2 * (275/300)^2) = 0.5498 < 0.8333.
    assertTrue(new Naive2(4).isSeasonal(SEASONAL));
  }

  @Test
  void seasonalityTestRejectsAnotherPeriodAndShortSeries() {
    // acf_4 equals acf_1 here (about -0.47) while acf_3 is about 0.88, which lifts the limit to about 0.67.
    assertFalse(new Naive2(4).isSeasonal(OTHER_PERIOD));
    // Fewer than 3 m points are never tested, however periodic.
    assertFalse(new Naive2(4).isSeasonal(Arrays.copyOf(SEASONAL, 11)));
  }

  @Test
  void seasonalSeriesIsDeseasonalisedForecastNaivelyAndReseasonalised() {
    // The centred moving average is 10 everywhere it is defined, so the indices are exactly the pattern / 10 and
    // the deseasonalised series is 10 throughout.
    Forecast forecast = new Naive2(4).forecast(SEASONAL, 6);

    assertArrayEquals(new double[] {5, 10, 15, 10, 5, 10}, forecast.mean(), 1e-9);
  }

  @Test
  void nonSeasonalSeriesGetsThePlainNaiveForecast() {
    Forecast forecast = new Naive2(4).forecast(OTHER_PERIOD, 3);

    assertArrayEquals(new double[] {3, 3, 3}, forecast.mean(), 0);
  }

  @Test
  void theMovingAverageFollowsR() {
    // R: filter(1:8, c(0.5, 1, 1, 1, 0.5) / 4) gives NA NA 3 4 5 6 NA NA; filter(1:5, rep(1, 3) / 3) NA 2 3 4 NA.
    double[] even = ClassicalDecomposition.centredMovingAverage(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4);
    double[] odd = ClassicalDecomposition.centredMovingAverage(new double[] {1, 2, 3, 4, 5}, 3);

    assertArrayEquals(new double[] {Double.NaN, Double.NaN, 3, 4, 5, 6, Double.NaN, Double.NaN}, even, 1e-12);
    assertArrayEquals(new double[] {Double.NaN, 2, 3, 4, Double.NaN}, odd, 1e-12);
  }

  @Test
  void theAutocorrelationIsRsAcf() {
    double[] series = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    double mean = Arrays.stream(series).average().orElseThrow();
    double denominator = Arrays.stream(series).map(x -> (x - mean) * (x - mean)).sum();
    double[] acf = Autocorrelation.of(series, 5);
    for (int k = 0; k <= 5; k++) {
      double numerator = 0;
      for (int t = 0; t + k < series.length; t++) {
        numerator += (series[t] - mean) * (series[t + k] - mean);
      }
      assertArrayEquals(new double[] {numerator / denominator}, new double[] {acf[k]}, 1e-12, "lag " + k);
    }
  }

  static double[] repeat(double[] cycle, int times) {
    double[] series = new double[cycle.length * times];
    for (int i = 0; i < series.length; i++) {
      series[i] = cycle[i % cycle.length];
    }
    return series;
  }
}
