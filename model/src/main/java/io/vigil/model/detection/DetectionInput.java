package io.vigil.model.detection;

/**
 * Input of {@link DetectionWorkflow}.
 *
 * @param flows a flow file (CSV, Parquet, Zeek conn.log) or a table of the DuckDB database
 * @param threshold how a score becomes a detection
 * @param batch sequences per inference activity
 */
public record DetectionInput(String flows, Threshold threshold, int batch) {

  public static final int DEFAULT_BATCH = 4096;
}
