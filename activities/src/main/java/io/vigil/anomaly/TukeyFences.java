package io.vigil.anomaly;

import io.vigil.forecast.SeriesMath;
import io.vigil.model.anomaly.FenceKind;
import java.util.Arrays;

/**
 * Outlier scores in the manner of KQL {@code series_outliers}: with the low and high percentiles {@code Q_low} and
 * {@code Q_high} of a sample and {@code IQR = Q_high - Q_low}, a value above {@code Q_high} scores
 * {@code (x - Q_high) / IQR}, one below {@code Q_low} scores {@code (x - Q_low) / IQR} (negative), any other 0; a
 * value is an anomaly when {@code |score| > k}. Kind {@code tukey} uses the 25th and 75th percentiles, kind
 * {@code ctukey} ("custom Tukey") the 10th and 90th unless told otherwise.
 *
 * <p>Where KQL's documentation is silent (docs/anomalies.md): percentiles interpolate linearly between closest ranks
 * (R's type 7, {@link SeriesMath#percentile}); when the IQR is 0 the spread falls back to the mean absolute deviation
 * from the median, scaled by {@link #MEAN_DEVIATION_TO_IQR} so that both agree on Gaussian data; when that is 0 too
 * (a constant sample) any value outside the fences scores plus or minus infinity.
 *
 * @param lowPercentile the percentile (0 to 100) of the low fence
 * @param highPercentile the percentile of the high fence, above {@code lowPercentile}
 * @param k how many spreads beyond a fence make an anomaly
 */
public record TukeyFences(double lowPercentile, double highPercentile, double k) {

  public static final double DEFAULT_K = 1.5;
  public static final double CUSTOM_LOW_PERCENTILE = 10;
  public static final double CUSTOM_HIGH_PERCENTILE = 90;

  /**
   * IQR divided by the mean absolute deviation for a normal distribution: {@code 1.349 sigma / (sqrt(2 / pi) sigma)}.
   */
  static final double MEAN_DEVIATION_TO_IQR = 2 * 0.6744897501960817 / Math.sqrt(2 / Math.PI);

  public TukeyFences {
    if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
      throw new IllegalArgumentException("the fence percentiles must satisfy 0 <= low < high <= 100, were "
          + lowPercentile + " and " + highPercentile);
    }
    if (!(k > 0)) {
      throw new IllegalArgumentException("k must be positive, was " + k);
    }
  }

  /** The fences of a configured kind and k. */
  public static TukeyFences of(FenceKind kind, double k) {
    return new TukeyFences(kind.lowPercentile(), kind.highPercentile(), k);
  }

  /** KQL kind {@code tukey}: the 25th and 75th percentiles, k = 1.5. */
  public static TukeyFences tukey() {
    return new TukeyFences(25, 75, DEFAULT_K);
  }

  /** KQL kind {@code ctukey}: the 10th and 90th percentiles, k = 1.5. */
  public static TukeyFences customTukey() {
    return new TukeyFences(CUSTOM_LOW_PERCENTILE, CUSTOM_HIGH_PERCENTILE, DEFAULT_K);
  }

  /** The fences of a sample of residuals in any order, NaN not allowed; the sample is copied, not changed. */
  public Fences fences(double[] sample) {
    double[] sorted = sample.clone();
    Arrays.sort(sorted);
    return fencesOfSorted(sorted, sorted.length);
  }

  /** The score of {@code value} against the fences of {@code sample}. */
  public double score(double[] sample, double value) {
    return fences(sample).score(value);
  }

  /** Whether a score marks an anomaly: {@code |score| > k}. */
  public boolean isAnomaly(double score) {
    return Math.abs(score) > k;
  }

  /** The fences of the first {@code length} entries of {@code sorted}, which are in ascending order. */
  public Fences fencesOfSorted(double[] sorted, int length) {
    double low = SeriesMath.percentile(sorted, length, lowPercentile);
    double high = SeriesMath.percentile(sorted, length, highPercentile);
    double spread = high - low;
    if (spread == 0) {
      double median = SeriesMath.percentile(sorted, length, 50);
      double deviationSum = 0;
      for (int i = 0; i < length; i++) {
        deviationSum += Math.abs(sorted[i] - median);
      }
      spread = MEAN_DEVIATION_TO_IQR * deviationSum / length;
    }
    return new Fences(low, high, spread);
  }

  /**
   * The fences of one sample.
   *
   * @param low {@code Q_low}
   * @param high {@code Q_high}
   * @param spread the IQR, or its fallback when the IQR is 0; 0 only for a constant sample
   */
  public record Fences(double low, double high, double spread) {

    /** These fences with a spread of at least {@code minimum}. */
    public Fences atLeast(double minimum) {
      return spread >= minimum ? this : new Fences(low, high, minimum);
    }

    /** The signed score of {@code value}: positive above the high fence, negative below the low one, else 0. */
    public double score(double value) {
      if (value > high) {
        return (value - high) / spread;
      }
      if (value < low) {
        return (value - low) / spread;
      }
      return 0;
    }
  }
}
