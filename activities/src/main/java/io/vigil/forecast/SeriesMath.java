package io.vigil.forecast;

import java.util.Arrays;

/**
 * Small numeric helpers the models share. NaN marks a missing value and is skipped wherever noted. Public only for
 * {@link #percentile}, which the anomaly rule's Tukey fences use too.
 */
public final class SeriesMath {

  private SeriesMath() {}

  static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /** The median of the non-NaN values, or NaN when there are none. Sorts a copy, so the input is left alone. */
  static double median(double[] values) {
    double[] present = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
    if (present.length == 0) {
      return Double.NaN;
    }
    int middle = present.length / 2;
    return present.length % 2 == 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
  }

  /**
   * The {@code percentile}-th percentile (0 to 100) of the first {@code length} entries of {@code sorted}, which
   * must be in ascending order without NaN: linear interpolation between the closest ranks, R's default
   * {@code quantile(type = 7)}. With {@code h = (length - 1) * percentile / 100}, it is
   * {@code sorted[floor(h)] + (h - floor(h)) * (sorted[floor(h) + 1] - sorted[floor(h)])}.
   *
   * @throws IllegalArgumentException when {@code length} is 0 or the percentile is outside [0, 100]
   */
  public static double percentile(double[] sorted, int length, double percentile) {
    if (length < 1) {
      throw new IllegalArgumentException("the percentile of an empty sample is undefined");
    }
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("a percentile must be from 0 to 100, was " + percentile);
    }
    double rank = (length - 1) * percentile / 100;
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }

  /** The root mean square of the non-NaN values, or 0 when there are none (no evidence of any error). */
  static double rootMeanSquare(double[] values) {
    double sum = 0;
    int count = 0;
    for (double value : values) {
      if (!Double.isNaN(value)) {
        sum += value * value;
        count++;
      }
    }
    return count == 0 ? 0 : Math.sqrt(sum / count);
  }

  /**
   * One statistic per phase of a period: entry {@code i} summarises {@code values[i]}, {@code values[i + period]},
   * {@code values[i + 2 * period]} and so on, skipping NaN. Phases are counted from the first value, as R's
   * {@code decompose} and KQL's phase medians both do. This is the one place every seasonal profile is computed.
   */
  static double[] perPhase(double[] values, int period, PhaseStatistic statistic) {
    double[] profile = new double[period];
    int cycles = (values.length + period - 1) / period;
    double[] samePhase = new double[cycles];
    for (int phase = 0; phase < period; phase++) {
      int count = 0;
      for (int i = phase; i < values.length; i += period) {
        samePhase[count++] = values[i];
      }
      profile[phase] = statistic.of(Arrays.copyOf(samePhase, count));
    }
    return profile;
  }

  /** How {@link #perPhase} summarises the values of one phase. */
  enum PhaseStatistic {
    /** The mean of the non-NaN values, as R's {@code decompose} ({@code mean(..., na.rm = TRUE)}). */
    MEAN {
      @Override
      double of(double[] values) {
        double sum = 0;
        int count = 0;
        for (double value : values) {
          if (!Double.isNaN(value)) {
            sum += value;
            count++;
          }
        }
        return count == 0 ? Double.NaN : sum / count;
      }
    },
    /** The median of the non-NaN values, as KQL's {@code series_decompose} and robust decompositions use. */
    MEDIAN {
      @Override
      double of(double[] values) {
        return median(values);
      }
    };

    abstract double of(double[] values);
  }
}
