package io.vigil.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Scores against percentiles worked out by hand with linear interpolation (R type 7). */
class TukeyFencesTest {

  private static final double[] ONE_TO_TEN = {7, 1, 10, 4, 2, 9, 3, 8, 6, 5};
  private static final double TOLERANCE = 1e-12;

  @Test
  void tukeyUsesTheQuartiles() {
    // 25th: rank 9 * 0.25 = 2.25, so 3 + 0.25 * (4 - 3) = 3.25; 75th: rank 6.75, so 7.75; IQR 4.5.
    TukeyFences.Fences fences = TukeyFences.tukey().fences(ONE_TO_TEN);
    assertEquals(3.25, fences.low(), TOLERANCE);
    assertEquals(7.75, fences.high(), TOLERANCE);
    assertEquals(4.5, fences.spread(), TOLERANCE);

    assertEquals((20 - 7.75) / 4.5, fences.score(20), TOLERANCE);
    assertEquals((0 - 3.25) / 4.5, fences.score(0), TOLERANCE);
    assertEquals(0, fences.score(5));
    assertEquals(0, fences.score(7.75));
    assertTrue(TukeyFences.tukey().isAnomaly(fences.score(20)));
    assertFalse(TukeyFences.tukey().isAnomaly(fences.score(0)));
  }

  @Test
  void customTukeyUsesTheTenthAndNinetiethPercentilesByDefault() {
    // 10th: rank 0.9, so 1.9; 90th: rank 8.1, so 9.1; IQR 7.2.
    TukeyFences custom = TukeyFences.customTukey();
    assertEquals((20 - 9.1) / 7.2, custom.score(ONE_TO_TEN, 20), TOLERANCE);
    assertEquals((-10 - 1.9) / 7.2, custom.score(ONE_TO_TEN, -10), TOLERANCE);
    assertTrue(custom.isAnomaly(custom.score(ONE_TO_TEN, 20)));
    assertFalse(custom.isAnomaly(custom.score(ONE_TO_TEN, 19)));

    // 5th: rank 0.45, so 1.45; 95th: rank 8.55, so 9.55; k = 3.
    TukeyFences wide = new TukeyFences(5, 95, 3);
    assertEquals((40 - 9.55) / 8.1, wide.score(ONE_TO_TEN, 40), TOLERANCE);
    assertFalse(wide.isAnomaly(wide.score(ONE_TO_TEN, 30)));
  }

  @Test
  void aZeroIqrFallsBackToTheMeanAbsoluteDeviation() {
    // Nine zeros and a 4: both quartiles are 0; the mean absolute deviation from the median 0 is 0.4.
    double[] mostlyZero = {0, 0, 0, 0, 4, 0, 0, 0, 0, 0};
    double spread = 0.4 * TukeyFences.MEAN_DEVIATION_TO_IQR;
    assertEquals(2 / spread, TukeyFences.tukey().score(mostlyZero, 2), TOLERANCE);
    assertEquals(1.6906, TukeyFences.MEAN_DEVIATION_TO_IQR, 1e-4);

    double[] constant = {3, 3, 3};
    assertEquals(0, TukeyFences.tukey().score(constant, 3));
    assertEquals(Double.POSITIVE_INFINITY, TukeyFences.tukey().score(constant, 3.5));
    assertEquals(Double.NEGATIVE_INFINITY, TukeyFences.customTukey().score(constant, 2));
  }

  @Test
  void badSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new TukeyFences(90, 10, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new TukeyFences(10, 90, 0));
    assertThrows(IllegalArgumentException.class, () -> TukeyFences.tukey().fences(new double[0]));
  }

  @Test
  void aTrailingWindowGivesTheSameFencesAsItsLastValues() {
    TrailingWindow window = new TrailingWindow(10);
    for (int i = 0; i < 25; i++) {
      window.add(i % 7 * 1.5 - i);
    }
    double[] lastTen = new double[10];
    for (int i = 15; i < 25; i++) {
      lastTen[i - 15] = i % 7 * 1.5 - i;
    }
    assertEquals(TukeyFences.tukey().fences(lastTen), window.fences(TukeyFences.tukey()));
    assertEquals(10, window.size());
  }
}
