package io.vigil.forecast;

/** The trend options of KQL's {@code series_decompose}: how the trend component is fitted and extended. */
public enum Trend {
  /** The mean of the series, constant over the forecast (KQL's default). */
  AVG,
  /** The least-squares line through the series, extended over the forecast. */
  LINEFIT,
  /** No trend: the component is 0. */
  NONE;

  /**
   * A fitted trend as a line, evaluated where it is needed rather than stored point by point: a forecast of many keys
   * would otherwise fill and discard an array of the series' length for each.
   *
   * @param level the value at {@code centre}
   * @param centre the position the line pivots on
   * @param slope the change per point
   */
  record Line(double level, double centre, double slope) {

    static final Line ZERO = new Line(0, 0, 0);

    /** The trend at position {@code t} (0 is the first history point). */
    double at(int t) {
      return level + slope * (t - centre);
    }
  }

  /** The trend of {@code series}, valid at every position, including those after its end. */
  Line fit(double[] series) {
    return switch (this) {
      case AVG -> new Line(SeriesMath.mean(series), 0, 0);
      case LINEFIT -> {
        int n = series.length;
        double meanT = (n - 1) / 2.0;
        double meanY = SeriesMath.mean(series);
        double covariance = 0;
        double variance = 0;
        for (int t = 0; t < n; t++) {
          covariance += (t - meanT) * (series[t] - meanY);
          variance += (t - meanT) * (t - meanT);
        }
        double slope = variance == 0 ? 0 : covariance / variance;
        yield new Line(meanY, meanT, slope);
      }
      case NONE -> Line.ZERO;
    };
  }
}
