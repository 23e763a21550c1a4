package io.vigil.model.detection;

/**
 * Input of {@link DetectionWorkflow}.
 *
 * @param flows a flow file (CSV, Parquet, Zeek conn.log) or a table of the DuckDB database
 * @param threshold how a score becomes a detection
 * @param batch sequences per inference activity
 * @param mitre whether each detection is mapped to a MITRE ATT&CK tactic and technique
 */
public record DetectionInput(String flows, Threshold threshold, int batch, boolean mitre) {

  public static final int DEFAULT_BATCH = 4096;
}
