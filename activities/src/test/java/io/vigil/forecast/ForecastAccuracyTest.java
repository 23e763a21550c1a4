package io.vigil.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ForecastAccuracyTest {

  @Test
  void smapeIsTheMeanSymmetricPercentageError() {
    // 200 * 10 / 210 and 200 * 0 / 100.
    assertEquals((200.0 * 10 / 210 + 0) / 2, ForecastAccuracy.smape(new double[] {100, 50}, new double[] {110, 50}),
        1e-12);
  }

  @Test
  void maseScalesByTheInSampleSeasonalNaiveError() {
    // In-sample seasonal differences at m = 2: |3 - 1|, |4 - 2|, |7 - 3| = 2, 2, 4, mean 8/3; forecast errors 1 and 3.
    double mase = ForecastAccuracy.mase(new double[] {1, 2, 3, 4, 7}, new double[] {5, 5}, new double[] {4, 8}, 2);

    assertEquals(2 / (8.0 / 3), mase, 1e-12);
  }

  @Test
  void owaAveragesTheRatiosToNaive2() {
    assertEquals(0.5 * (10.0 / 20 + 1.0 / 4), ForecastAccuracy.owa(10, 1, 20, 4), 1e-12);
  }
}
