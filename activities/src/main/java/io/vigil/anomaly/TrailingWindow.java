package io.vigil.anomaly;

import io.vigil.forecast.SeriesMath;
import java.util.Arrays;

/**
 * The last {@code capacity} values of a stream, kept both in arrival order (to know which one leaves) and sorted (so
 * that a percentile is a lookup). Adding a value costs one binary search and one array shift, O(capacity) at worst,
 * instead of sorting the window again for every new value. Not thread-safe: one window serves one series.
 */
public final class TrailingWindow {

  private final double[] arrivals;
  private final double[] sorted;
  private int oldest;
  private int size;

  public TrailingWindow(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a trailing window holds at least 1 value, was " + capacity);
    }
    arrivals = new double[capacity];
    sorted = new double[capacity];
  }

  /** Adds {@code value}, dropping the oldest value when the window is full. NaN is rejected: it has no rank. */
  public void add(double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("a trailing window holds numbers, not NaN");
    }
    if (size == arrivals.length) {
      removeSorted(arrivals[oldest]);
      arrivals[oldest] = value;
      oldest = (oldest + 1) % arrivals.length;
    } else {
      arrivals[(oldest + size) % arrivals.length] = value;
      size++;
    }
    insertSorted(value, size - 1);
  }

  public int size() {
    return size;
  }

  /** The {@code percentile}-th percentile (0 to 100) of the values in the window, see {@link SeriesMath#percentile}. */
  public double percentile(double percentile) {
    return SeriesMath.percentile(sorted, size, percentile);
  }

  /** The fences of the values in the window, without copying or sorting them. */
  public TukeyFences.Fences fences(TukeyFences tukey) {
    return tukey.fencesOfSorted(sorted, size);
  }

  /** Inserts {@code value} into the first {@code count} sorted entries, keeping them in order. */
  private void insertSorted(double value, int count) {
    int found = Arrays.binarySearch(sorted, 0, count, value);
    int index = found >= 0 ? found : -found - 1;
    System.arraycopy(sorted, index, sorted, index + 1, count - index);
    sorted[index] = value;
  }

  /** Removes one occurrence of {@code value} from the full sorted window, leaving {@code size - 1} entries. */
  private void removeSorted(double value) {
    int index = Arrays.binarySearch(sorted, 0, size, value);
    System.arraycopy(sorted, index + 1, sorted, index, size - index - 1);
  }
}
