package io.vigil.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AutocorrelationTest {

  @Test
  void matchesTheDefinitionForEveryLengthAndLag() {
    Random random = new Random(11);
    int[] lengths = {2, 3, 4, 5, 7, 8, 9, 16, 17, 24, 33, 64, 100, 255, 700, 960, 4320};
    for (int n : lengths) {
      double[] series = new double[n];
      for (int t = 0; t < n; t++) {
        series[t] = 50 + 20 * Math.sin(2 * Math.PI * t / 24) + 5 * random.nextGaussian();
      }
      for (int maxLag : new int[] {1, n / 2, n - 1}) {
        assertArrayEquals(bySums(series, maxLag), Autocorrelation.of(series, maxLag), 1e-10, "n " + n + " maxLag " + maxLag);
      }
    }
  }

  @Test
  void aConstantSeriesHasNoAutocorrelation() {
    double[] acf = Autocorrelation.of(new double[] {3, 3, 3, 3, 3, 3}, 3);

    assertArrayEquals(new double[] {1, 0, 0, 0}, acf, 0);
  }

  @Test
  void reusedWorkingArraysGiveTheSameResultAsFreshOnes() throws Exception {
    Random random = new Random(12);
    double[] small = random.doubles(100).toArray();
    double[] large = random.doubles(5000).toArray();
    // A fresh thread has fresh working arrays; this thread's have held a larger transform in between.
    double[] onFreshThread = CompletableFuture.supplyAsync(() -> Autocorrelation.of(small, 50),
        runnable -> new Thread(runnable).start()).get();
    Autocorrelation.of(large, 2500);
    double[] afterALargerOne = Autocorrelation.of(small, 50);

    assertArrayEquals(onFreshThread, afterALargerOne, 0);
    assertEquals(1, afterALargerOne[0], 1e-15);
  }

  /** R's acf straight from its definition, O(N * maxLag). */
  private static double[] bySums(double[] series, int maxLag) {
    int n = series.length;
    double mean = SeriesMath.mean(series);
    double variance = 0;
    for (double value : series) {
      variance += (value - mean) * (value - mean);
    }
    double[] acf = new double[Math.min(maxLag, n - 1) + 1];
    for (int k = 0; k < acf.length; k++) {
      double sum = 0;
      for (int t = 0; t + k < n; t++) {
        sum += (series[t] - mean) * (series[t + k] - mean);
      }
      acf[k] = sum / variance;
    }
    return acf;
  }
}
