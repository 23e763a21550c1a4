package io.vigil.forecast;

/**
 * Small numeric helpers the models share. NaN marks a missing value and is skipped wherever noted. Public only for
 * {@link #percentile}, which the anomaly rule's Tukey fences use too.
 */
public final class SeriesMath {

  /**
   * Up to this many values, a median sorts them by insertion: for the few cycles a long period leaves per phase,
   * that is quicker than the selection's partitioning.
   */
  private static final int SMALL_SAMPLE = 12;

  private SeriesMath() {}

  static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /**
   * The median of the first {@code count} entries of {@code values}, which must not be NaN, or NaN when
   * {@code count} is 0. The entries are reordered (Hoare's selection, expected O(count) rather than a sort's
   * O(count log count), or insertion for a handful); the result is the same value a full sort would give.
   */
  static double medianInPlace(double[] values, int count) {
    if (count == 0) {
      return Double.NaN;
    }
    // Weekly profiles of a month of bins have four or five values per phase, so the smallest counts are the common
    // case; these pick the same values a sort would, by comparisons alone.
    switch (count) {
      case 1:
        return values[0];
      case 2:
        return (values[0] + values[1]) / 2;
      case 3: {
        double a = values[0];
        double b = values[1];
        double c = values[2];
        double low = a < b ? a : b;
        double high = a < b ? b : a;
        return c < low ? low : c > high ? high : c;
      }
      case 4: {
        double lowOfFirst = values[0] < values[1] ? values[0] : values[1];
        double highOfFirst = values[0] < values[1] ? values[1] : values[0];
        double lowOfSecond = values[2] < values[3] ? values[2] : values[3];
        double highOfSecond = values[2] < values[3] ? values[3] : values[2];
        double lowerMiddle = lowOfFirst < lowOfSecond ? lowOfSecond : lowOfFirst;
        double upperMiddle = highOfFirst < highOfSecond ? highOfFirst : highOfSecond;
        return (lowerMiddle + upperMiddle) / 2;
      }
      default:
        break;
    }
    int middle = count / 2;
    if (count <= SMALL_SAMPLE) {
      insertionSort(values, count);
      return count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
    double upper = select(values, count, middle);
    if (count % 2 == 1) {
      return upper;
    }
    // After the selection every entry before the middle is at most the upper middle value; the largest of them is
    // the lower middle value.
    double lower = values[0];
    for (int i = 1; i < middle; i++) {
      lower = Math.max(lower, values[i]);
    }
    return (lower + upper) / 2;
  }

  private static void insertionSort(double[] values, int count) {
    for (int i = 1; i < count; i++) {
      double value = values[i];
      int j = i - 1;
      while (j >= 0 && values[j] > value) {
        values[j + 1] = values[j];
        j--;
      }
      values[j + 1] = value;
    }
  }

  /**
   * The {@code k}-th smallest (0-based) of the first {@code count} entries, found by Hoare's selection with the middle
   * entry as pivot; on return the entries before {@code k} are no larger and those after it no smaller.
   */
  private static double select(double[] values, int count, int k) {
    int left = 0;
    int right = count - 1;
    while (left < right) {
      double pivot = values[k];
      int i = left;
      int j = right;
      while (i <= j) {
        while (values[i] < pivot) {
          i++;
        }
        while (pivot < values[j]) {
          j--;
        }
        if (i <= j) {
          double swap = values[i];
          values[i] = values[j];
          values[j] = swap;
          i++;
          j--;
        }
      }
      if (j < k) {
        left = i;
      }
      if (k < i) {
        right = j;
      }
    }
    return values[k];
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
    // One buffer serves every phase; the statistics may reorder it.
    double[] samePhase = new double[(values.length + period - 1) / period];
    for (int phase = 0; phase < period; phase++) {
      int count = 0;
      for (int i = phase; i < values.length; i += period) {
        if (!Double.isNaN(values[i])) {
          samePhase[count++] = values[i];
        }
      }
      profile[phase] = statistic.of(samePhase, count);
    }
    return profile;
  }

  /** How {@link #perPhase} summarises the non-NaN values of one phase. */
  enum PhaseStatistic {
    /** The mean, as R's {@code decompose} ({@code mean(..., na.rm = TRUE)}). */
    MEAN {
      @Override
      double of(double[] values, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
          sum += values[i];
        }
        return count == 0 ? Double.NaN : sum / count;
      }
    },
    /** The median, as KQL's {@code series_decompose} and robust decompositions use. */
    MEDIAN {
      @Override
      double of(double[] values, int count) {
        return medianInPlace(values, count);
      }
    };

    /** The statistic of the first {@code count} entries of {@code values} (no NaN among them), or NaN for none. */
    abstract double of(double[] values, int count);
  }
}
