package io.vigil.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DetectionMetricsTest {

  @Test
  void rocAucIsTheShareOfPositiveNegativePairsRankedRightWithTiesAsHalves() {
    assertEquals(1.0, DetectionMetrics.rocAuc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1}));
    assertEquals(0.0, DetectionMetrics.rocAuc(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {0, 0, 1, 1}));
    // Pairs: (0.5+, 0.5-) tie = 1/2, (0.5+, 0.1-) right, (0.3+, 0.5-) wrong, (0.3+, 0.1-) right: 2.5 / 4.
    assertEquals(0.625, DetectionMetrics.rocAuc(new double[] {0.5, 0.5, 0.3, 0.1}, new int[] {1, 0, 1, 0}));
    assertTrue(Double.isNaN(DetectionMetrics.rocAuc(new double[] {0.1, 0.2}, new int[] {1, 1})));
  }

  @Test
  void prAucIsTheMeanPrecisionAtEachPositiveWithTiedScoresEnteringTogether() {
    // Ranked: 0.9+ (P 1), 0.8- , 0.7+ (P 2/3): (1 + 2/3) / 2.
    assertEquals(5.0 / 6, DetectionMetrics.prAuc(new double[] {0.9, 0.8, 0.7}, new int[] {1, 0, 1}), 1e-12);
    // A tie of one positive and one negative enters at once: precision 1/2 for that positive.
    assertEquals(0.5, DetectionMetrics.prAuc(new double[] {0.5, 0.5}, new int[] {1, 0}), 1e-12);
    assertEquals(1.0, DetectionMetrics.prAuc(new double[] {0.5, 0.4}, new int[] {1, 1}), 1e-12);
    assertTrue(Double.isNaN(DetectionMetrics.prAuc(new double[] {0.5}, new int[] {0})));
  }
}
