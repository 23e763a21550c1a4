package io.vigil.forecast;

/**
 * The sample autocorrelation function as R's {@code acf} computes it:
 * {@code acf[k] = sum_{t=1}^{N-k} (x_t - mean)(x_{t+k} - mean) / sum_t (x_t - mean)^2}. The sums are computed for
 * all lags at once through the periodogram (Wiener-Khinchin: the autocovariance is the inverse Fourier transform of
 * the squared spectrum), so a full-length correlogram costs O(N log N) instead of O(N^2).
 */
final class Autocorrelation {

  private Autocorrelation() {}

  /**
   * Lags 0 to {@code maxLag} (inclusive; at most {@code N - 1}). A constant series has no defined autocorrelation;
   * it gets 1 at lag 0 and 0 elsewhere, which every caller reads as "no seasonality".
   */
  static double[] of(double[] series, int maxLag) {
    int n = series.length;
    int lags = Math.min(maxLag, n - 1) + 1;
    // Zero padding of at least maxLag keeps the circular correlation of the transform from wrapping around at the
    // lags asked for; padding to 2N would double the transform's length for lags nobody reads.
    int size = Integer.highestOneBit(Math.max(1, n + lags - 1)) << 1;
    double[] re = new double[size];
    double[] im = new double[size];
    double mean = SeriesMath.mean(series);
    for (int t = 0; t < n; t++) {
      re[t] = series[t] - mean;
    }
    fft(re, im, false);
    for (int k = 0; k < size; k++) {
      re[k] = re[k] * re[k] + im[k] * im[k];
      im[k] = 0;
    }
    fft(re, im, true);
    double[] acf = new double[lags];
    double variance = re[0];
    if (variance <= 1e-12 * Math.max(1, Math.abs(mean) * Math.abs(mean) * n)) {
      acf[0] = 1;
      return acf;
    }
    for (int k = 0; k < lags; k++) {
      acf[k] = re[k] / variance;
    }
    return acf;
  }

  /** In-place iterative radix-2 FFT; the length must be a power of two. The inverse is scaled by 1/length. */
  private static void fft(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double swap = re[i];
        re[i] = re[j];
        re[j] = swap;
        swap = im[i];
        im[i] = im[j];
        im[j] = swap;
      }
    }
    for (int length = 2; length <= n; length <<= 1) {
      double angle = 2 * Math.PI / length * (inverse ? 1 : -1);
      double stepRe = Math.cos(angle);
      double stepIm = Math.sin(angle);
      for (int start = 0; start < n; start += length) {
        double wRe = 1;
        double wIm = 0;
        for (int k = 0; k < length / 2; k++) {
          int a = start + k;
          int b = a + length / 2;
          double bRe = re[b] * wRe - im[b] * wIm;
          double bIm = re[b] * wIm + im[b] * wRe;
          re[b] = re[a] - bRe;
          im[b] = im[a] - bIm;
          re[a] += bRe;
          im[a] += bIm;
          double nextRe = wRe * stepRe - wIm * stepIm;
          wIm = wRe * stepIm + wIm * stepRe;
          wRe = nextRe;
        }
      }
    }
    if (inverse) {
      for (int i = 0; i < n; i++) {
        re[i] /= n;
        im[i] /= n;
      }
    }
  }
}
