package io.vigil.model;

/** The Vigil tables, with the same names on every backend (DESIGN section 3). */
public final class Tables {

  public static final String TIME_SERIES = "SentinelCustomAnalytics_TimeSeries";
  public static final String PREDICTION = "SentinelCustomAnalytics_Prediction";
  /**
   * Per source, the end of the range already generated. It is written in the same transaction as the bins, so a
   * run resumes exactly where the last committed one stopped, even across empty bins that leave no row.
   */
  public static final String SERIES_WATERMARK = "SentinelCustomAnalytics_SeriesWatermark";

  public static final String ANOMALIES = "SentinelCustomAnalytics_Anomalies";
  public static final String INCIDENTS = "SentinelCustomAnalytics_Incidents";
  /** Per source, the end of the bins already judged for anomalies, written with the anomalies they produced. */
  public static final String ANOMALY_WATERMARK = "SentinelCustomAnalytics_AnomalyWatermark";

  private Tables() {}
}
