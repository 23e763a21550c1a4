package io.vigil.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesMathTest {

  @Test
  void medianInPlaceIsTheMiddleOfTheSortedValues() {
    Random random = new Random(21);
    for (int count = 1; count <= 60; count++) {
      // The smallest counts have code of their own: try every order of ties and distinct values many times.
      for (int trial = 0; trial < (count <= 4 ? 2_000 : 20); trial++) {
        // Few distinct values, so that ties around the middle are common; every other trial continuous values.
        boolean ties = trial % 2 == 0;
        double[] values = random.doubles(count + 3)
            .map(value -> ties ? Math.floor(value * 7) : value * 1e3 - 500).toArray();
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        double expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;

        assertEquals(expected, SeriesMath.medianInPlace(values, count), 0, "count " + count);
      }
    }
    assertEquals(Double.NaN, SeriesMath.medianInPlace(new double[3], 0));
  }

  @Test
  void perPhaseStatisticsSkipMissingValues() {
    double[] values = {1, 10, 3, Double.NaN, 2, 30, 100, 20};

    assertArrayEquals(new double[] {2.5, 20}, SeriesMath.perPhase(values, 2, SeriesMath.PhaseStatistic.MEDIAN), 0);
    assertArrayEquals(new double[] {26.5, 20}, SeriesMath.perPhase(values, 2, SeriesMath.PhaseStatistic.MEAN), 0);
    assertArrayEquals(new double[] {Double.NaN},
        SeriesMath.perPhase(new double[] {Double.NaN}, 1, SeriesMath.PhaseStatistic.MEDIAN), 0);
  }
}
