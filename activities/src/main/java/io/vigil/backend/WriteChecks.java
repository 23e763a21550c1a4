package io.vigil.backend;

import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.Incident;
import io.vigil.model.forecast.Prediction;
import java.time.Instant;
import java.util.List;

/**
 * The checks every backend makes before a replacing write: the rows must belong to the source and lie within what the
 * write replaces, or the write would leave rows outside its range that a repeat could never replace.
 */
public final class WriteChecks {

  private WriteChecks() {}

  /** A range that cuts a bin would clear the whole bin and refill only part of it. */
  public static void requireWholeBins(SourceConfig config, TimeRange range) {
    if (!config.grid().isAligned(range.start()) || !config.grid().isAligned(range.end())) {
      throw new IllegalArgumentException("range " + range + " of " + config.source() + " does not start and end on "
          + "its " + config.binSize() + " bin grid");
    }
  }

  public static void requireBin(SourceConfig config, TimeRange range, SeriesBin bin) {
    if (!bin.source().equals(config.source()) || !range.contains(bin.timeBin())) {
      throw new IllegalArgumentException("bin " + bin + " is outside source " + config.source() + " and range "
          + range);
    }
  }

  public static void requirePrediction(String source, List<Instant> runs, Prediction prediction) {
    if (!prediction.source().equals(source) || !runs.contains(prediction.generatedAt())) {
      throw new IllegalArgumentException("prediction " + prediction + " is not of source " + source
          + " and one of the runs " + runs);
    }
  }

  public static void requireAnomaly(String source, TimeRange range, Anomaly anomaly) {
    if (!anomaly.source().equals(source) || !range.contains(anomaly.timeBin())) {
      throw new IllegalArgumentException("anomaly " + anomaly + " is not of source " + source + " within " + range);
    }
  }

  public static void requireIncident(String source, TimeRange range, Incident incident) {
    if (!incident.source().equals(source) || !range.contains(incident.lastBin())) {
      throw new IllegalArgumentException("incident " + incident + " is not of source " + source
          + " with its last bin within " + range);
    }
  }
}
