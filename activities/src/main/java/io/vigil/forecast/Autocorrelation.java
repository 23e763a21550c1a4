package io.vigil.forecast;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The sample autocorrelation function as R's {@code acf} computes it:
 * {@code acf[k] = sum_{t=1}^{N-k} (x_t - mean)(x_{t+k} - mean) / sum_t (x_t - mean)^2}. The sums are computed for
 * all lags at once through the periodogram (Wiener-Khinchin: the autocovariance is the inverse Fourier transform of
 * the squared spectrum), so a full-length correlogram costs O(N log N) instead of O(N^2).
 *
 * <p>Both transforms exploit their symmetry. The series is real, so its transform is a complex transform of half the
 * length, the even and odd points packed into the real and imaginary parts and separated afterwards. The power
 * spectrum is real and symmetric, so its inverse is a cosine transform, done as a real transform of half the length
 * again. The twiddle factors and the bit-reversal permutation are computed once per transform length and shared; the
 * working arrays belong to the calling thread and are reused, because period detection runs once per forecast key
 * and would otherwise allocate and fill a fresh set of arrays of several times the series length each time. Together
 * this makes a correlogram about three times cheaper than two full-length complex transforms.
 */
final class Autocorrelation {

  /**
   * Transform tables by the base-2 logarithm of their length, shared by all threads (they are never written after
   * construction; two threads racing to build the same tables build equal ones).
   */
  private static final AtomicReferenceArray<Tables> TABLES = new AtomicReferenceArray<>(Integer.SIZE);

  /** The calling thread's working arrays; every call overwrites all the entries it reads. */
  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private Autocorrelation() {}

  /**
   * Lags 0 to {@code maxLag} (inclusive; at most {@code N - 1}). A constant series has no defined autocorrelation;
   * it gets 1 at lag 0 and 0 elsewhere, which every caller reads as "no seasonality".
   */
  static double[] of(double[] series, int maxLag) {
    return ofResiduals(series, Trend.Line.ZERO, maxLag);
  }

  /**
   * As {@link #of}, for {@code series} minus the trend {@code line}; the residuals are computed on the fly, so that
   * a detrended copy of the series is never stored.
   */
  static double[] ofResiduals(double[] series, Trend.Line line, int maxLag) {
    int n = series.length;
    int lags = Math.min(maxLag, n - 1) + 1;
    // Zero padding of at least maxLag keeps the circular correlation of the transform from wrapping around at the
    // lags asked for; padding to 2N would double the transform's length for lags nobody reads. At least 4 points,
    // so that the cosine transform of the spectrum has a complex transform of at least one point.
    int size = Math.max(4, Integer.highestOneBit(Math.max(1, n + lags - 1)) << 1);
    Tables full = tables(size);
    Tables half = tables(size / 2);
    Workspace workspace = WORKSPACE.get();
    workspace.ensureCapacity(size);
    double sum = 0;
    for (int t = 0; t < n; t++) {
      sum += series[t] - line.at(t);
    }
    double mean = sum / n;
    for (int j = 0; j < size / 2; j++) {
      workspace.re[j] = 2 * j < n ? series[2 * j] - line.at(2 * j) - mean : 0;
      workspace.im[j] = 2 * j + 1 < n ? series[2 * j + 1] - line.at(2 * j + 1) - mean : 0;
    }
    realTransform(full, false, workspace);
    double[] power = workspace.power;
    for (int k = 0; k <= size / 2; k++) {
      power[k] = workspace.spectrumRe[k] * workspace.spectrumRe[k] + workspace.spectrumIm[k] * workspace.spectrumIm[k];
    }
    double[] autocovariance = workspace.autocovariance;
    cosineTransform(power, lags, full, half, workspace);
    // The inverse transform is unscaled: autocovariance[k] is size times the sum at lag k. Only ratios are used, and
    // the sum of squares is rescaled for the constancy check.
    double[] acf = new double[lags];
    if (autocovariance[0] / size <= 1e-12 * Math.max(1, Math.abs(mean) * Math.abs(mean) * n)) {
      acf[0] = 1;
      return acf;
    }
    for (int k = 0; k < lags; k++) {
      acf[k] = autocovariance[k] / autocovariance[0];
    }
    return acf;
  }

  private static Tables tables(int size) {
    int log2 = Integer.numberOfTrailingZeros(size);
    Tables tables = TABLES.get(log2);
    if (tables == null) {
      tables = new Tables(size);
      TABLES.set(log2, tables);
    }
    return tables;
  }

  /**
   * The Fourier transform, with the sign of {@code inverse}, of the {@code tables.size} real points packed in
   * {@code workspace.re} (even points) and {@code workspace.im} (odd points), at frequencies 0 to {@code size / 2}
   * (the others are their conjugates), into {@code spectrumRe} and {@code spectrumIm}. The packing is overwritten.
   */
  private static void realTransform(Tables tables, boolean inverse, Workspace workspace) {
    int half = tables.size / 2;
    double[] re = workspace.re;
    double[] im = workspace.im;
    complexFft(re, im, tables, inverse);
    int[] bitReversed = tables.bitReversed;
    double sign = inverse ? 1 : -1;
    for (int k = 0; k <= half / 2; k++) {
      // Z = FFT(even + i odd); the transforms of the even and the odd points are E = (Z[k] + conj Z[-k]) / 2 and
      // O = (Z[k] - conj Z[-k]) / 2i, and the full transform is X[k] = E + exp(-+2 pi i k / size) O. Frequencies
      // run modulo half (index half is 0 again), and Z[k] is stored at bitReversed[k]. Frequency half - k uses the
      // same two values of Z, with E and O conjugated and the twiddle's real part negated, so both are done at once.
      int own = bitReversed[k];
      int mirror = bitReversed[k == 0 ? 0 : half - k];
      double evenRe = (re[own] + re[mirror]) / 2;
      double evenIm = (im[own] - im[mirror]) / 2;
      double oddRe = (im[own] + im[mirror]) / 2;
      double oddIm = (re[mirror] - re[own]) / 2;
      double twiddleRe = tables.cos[k];
      double twiddleIm = sign * tables.sin[k];
      double rotatedRe = twiddleRe * oddRe - twiddleIm * oddIm;
      double rotatedIm = twiddleRe * oddIm + twiddleIm * oddRe;
      workspace.spectrumRe[k] = evenRe + rotatedRe;
      workspace.spectrumIm[k] = evenIm + rotatedIm;
      workspace.spectrumRe[half - k] = evenRe - rotatedRe;
      workspace.spectrumIm[half - k] = rotatedIm - evenIm;
    }
  }

  /**
   * The unscaled inverse Fourier transform of the real, symmetric spectrum {@code power} (entries 0 to
   * {@code m = full.size / 2}; entry {@code size - k} equals entry {@code k}), at points 0 to {@code lags - 1}, into
   * {@code workspace.autocovariance}. The transform of a real symmetric sequence is a cosine transform,
   * {@code r[t] = P[0] + (-1)^t P[m] + 2 sum_{k=1}^{m-1} P[k] cos(pi k t / m)}, which needs only a real transform of
   * {@code m} points (Numerical Recipes' {@code cosft1}): with
   * {@code f[j] = (P[j] + P[m-j]) / 2 - sin(pi j / m) (P[j] - P[m-j])} ({@code f[0] = (P[0] + P[m]) / 2}) and
   * {@code F} its transform with exponent {@code +2 pi i j k / m}, {@code r[2k] = 2 Re F[k]} and
   * {@code r[2k+1] = r[2k-1] + 2 Im F[k]}, started from {@code r[1]} summed directly.
   */
  private static void cosineTransform(double[] power, int lags, Tables full, Tables half, Workspace workspace) {
    int m = full.size / 2;
    double[] re = workspace.re;
    double[] im = workspace.im;
    // f[j] is packed as the real transform expects: even j in re[j / 2], odd j in im[j / 2].
    double firstOdd = (power[0] - power[m]) / 2;
    setPacked(re, im, 0, (power[0] + power[m]) / 2);
    setPacked(re, im, m / 2, power[m / 2]);
    for (int j = 1; j < m / 2; j++) {
      double sum = (power[j] + power[m - j]) / 2;
      double difference = power[j] - power[m - j];
      // sin(pi j / m) and cos(pi j / m) are entries j of the tables for 2 m points.
      setPacked(re, im, j, sum - full.sin[j] * difference);
      setPacked(re, im, m - j, sum + full.sin[j] * difference);
      firstOdd += full.cos[j] * difference;
    }
    realTransform(half, true, workspace);
    double[] autocovariance = workspace.autocovariance;
    double odd = 2 * firstOdd;
    for (int t = 0; t < lags; t++) {
      if (t % 2 == 0) {
        autocovariance[t] = 2 * workspace.spectrumRe[t / 2];
      } else {
        if (t > 1) {
          odd += 2 * workspace.spectrumIm[t / 2];
        }
        autocovariance[t] = odd;
      }
    }
  }

  private static void setPacked(double[] re, double[] im, int j, double value) {
    if (j % 2 == 0) {
      re[j / 2] = value;
    } else {
      im[j / 2] = value;
    }
  }

  /**
   * In-place iterative FFT of length {@code tables.size / 2}, unscaled in both directions; the inverse uses the
   * conjugate twiddle factors. The input is in natural order and the output in bit-reversed order (decimation in
   * frequency): the callers read the output through {@link Tables#bitReversed}, which spares the permutation pass.
   * Two radix-2 stages are done per pass over the data (radix 4), which halves the memory traffic of plain radix 2
   * and saves a quarter of the multiplications; an odd number of stages ends with one radix-2 stage, whose twiddle
   * factors are all 1.
   */
  private static void complexFft(double[] re, double[] im, Tables tables, boolean inverse) {
    int n = tables.size / 2;
    double sign = inverse ? 1 : -1;
    for (int quarter = n / 4; quarter >= 1; quarter /= 4) {
      // Blocks of 4 * quarter points; with w = exp(-+2 pi i k / (4 quarter)), entry k * size / (4 quarter) of the
      // tables, point k of a block's four quarters x0..x3 becomes x0 + x1 + x2 + x3, w^2 (x0 - x1 + x2 - x3),
      // w (x0 - x2 -+ i (x1 - x3)) and w^3 (x0 - x2 +- i (x1 - x3)): two radix-2 stages at once, in their
      // bit-reversed places. The loop runs over k outside the blocks, so that each twiddle and its powers are
      // computed once per pass; the late passes, with short blocks, share one twiddle among many blocks.
      int stride = n / (2 * quarter);
      for (int k = 0; k < quarter; k++) {
        double w1Re = tables.cos[k * stride];
        double w1Im = sign * tables.sin[k * stride];
        double w2Re = w1Re * w1Re - w1Im * w1Im;
        double w2Im = 2 * w1Re * w1Im;
        double w3Re = w2Re * w1Re - w2Im * w1Im;
        double w3Im = w2Re * w1Im + w2Im * w1Re;
        for (int a0 = k; a0 < n; a0 += 4 * quarter) {
          int a1 = a0 + quarter;
          int a2 = a1 + quarter;
          int a3 = a2 + quarter;
          double sum02Re = re[a0] + re[a2];
          double sum02Im = im[a0] + im[a2];
          double difference02Re = re[a0] - re[a2];
          double difference02Im = im[a0] - im[a2];
          double sum13Re = re[a1] + re[a3];
          double sum13Im = im[a1] + im[a3];
          // (x1 - x3) times -+i, that is times sign * i: (d_re + i d_im) * sign * i = -sign d_im + i sign d_re.
          double rotated13Re = -sign * (im[a1] - im[a3]);
          double rotated13Im = sign * (re[a1] - re[a3]);
          re[a0] = sum02Re + sum13Re;
          im[a0] = sum02Im + sum13Im;
          double y1Re = sum02Re - sum13Re;
          double y1Im = sum02Im - sum13Im;
          re[a1] = y1Re * w2Re - y1Im * w2Im;
          im[a1] = y1Re * w2Im + y1Im * w2Re;
          double y2Re = difference02Re + rotated13Re;
          double y2Im = difference02Im + rotated13Im;
          re[a2] = y2Re * w1Re - y2Im * w1Im;
          im[a2] = y2Re * w1Im + y2Im * w1Re;
          double y3Re = difference02Re - rotated13Re;
          double y3Im = difference02Im - rotated13Im;
          re[a3] = y3Re * w3Re - y3Im * w3Im;
          im[a3] = y3Re * w3Im + y3Im * w3Re;
        }
      }
    }
    if (Integer.numberOfTrailingZeros(n) % 2 == 1) {
      for (int a = 0; a < n; a += 2) {
        double bRe = re[a + 1];
        double bIm = im[a + 1];
        re[a + 1] = re[a] - bRe;
        im[a + 1] = im[a] - bIm;
        re[a] += bRe;
        im[a] += bIm;
      }
    }
  }

  /**
   * What a real transform of {@code size} points needs: {@code cos} and {@code sin} of {@code 2 pi k / size} for
   * {@code k} from 0 to {@code size / 2}, and the bit-reversal permutation of the half-length complex transform.
   */
  private static final class Tables {
    final int size;
    final double[] cos;
    final double[] sin;
    final int[] bitReversed;

    Tables(int size) {
      this.size = size;
      int half = size / 2;
      cos = new double[half + 1];
      sin = new double[half + 1];
      for (int k = 0; k <= half; k++) {
        cos[k] = Math.cos(2 * Math.PI * k / size);
        sin[k] = Math.sin(2 * Math.PI * k / size);
      }
      bitReversed = new int[half];
      int bits = Integer.numberOfTrailingZeros(half);
      for (int i = 0; i < half; i++) {
        bitReversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
      }
    }
  }

  /** One thread's working arrays, grown to the largest transform it has done. */
  private static final class Workspace {
    double[] re = new double[0];
    double[] im = new double[0];
    double[] spectrumRe = new double[0];
    double[] spectrumIm = new double[0];
    double[] power = new double[0];
    double[] autocovariance = new double[0];

    /** Room for a real transform of {@code size} points and its autocovariances. */
    void ensureCapacity(int size) {
      if (re.length < size / 2) {
        re = new double[size / 2];
        im = new double[size / 2];
        spectrumRe = new double[size / 2 + 1];
        spectrumIm = new double[size / 2 + 1];
        power = new double[size / 2 + 1];
        autocovariance = new double[size / 2 + 1];
      }
    }
  }
}
