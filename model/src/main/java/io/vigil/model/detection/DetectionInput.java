package io.vigil.model.detection;

/**
 * Input of {@link DetectionWorkflow}.
 *
 * @param flows a flow file (CSV, Parquet, Zeek conn.log) or a table of the DuckDB database
 * @param thresholdPercentile the score percentile (0 to 100, exclusive) above which a sequence is a detection
 * @param batch sequences per inference activity
 */
public record DetectionInput(String flows, double thresholdPercentile, int batch) {

  public static final double DEFAULT_PERCENTILE = 99;
  public static final int DEFAULT_BATCH = 4096;
}
