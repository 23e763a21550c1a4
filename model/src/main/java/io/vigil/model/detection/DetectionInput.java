package io.vigil.model.detection;

import io.vigil.model.TimeRange;

/**
 * Input of {@link DetectionWorkflow}.
 *
 * @param flows a flow file (CSV, Parquet, Zeek conn.log) or a table of the DuckDB database
 * @param threshold how a score becomes a detection
 * @param batch sequences per inference activity
 * @param mitre whether each detection is mapped to a MITRE ATT&CK tactic and technique
 * @param range only the flows whose timestamps lie in this range, stored as their own dataset named by
 *     {@link #windowDataset}; null for every flow of the source
 */
public record DetectionInput(String flows, Threshold threshold, int batch, boolean mitre, TimeRange range) {

  public static final int DEFAULT_BATCH = 4096;

  /** Every flow of the source. */
  public DetectionInput(String flows, Threshold threshold, int batch, boolean mitre) {
    this(flows, threshold, batch, mitre, null);
  }

  /**
   * The dataset a window of a flows source is stored, scored and detected under: one per window start, so scoring
   * a window again replaces exactly its own sequences and detections.
   */
  public static String windowDataset(String flows, TimeRange range) {
    return flows + "@" + range.start();
  }
}
