package io.vigil.model.detection;

import io.vigil.model.TimeRange;
import java.time.Duration;
import java.time.Instant;

/**
 * Input of {@link ScheduledDetectionWorkflow}.
 *
 * @param flows the flows table (or file) that keeps receiving flows
 * @param threshold how a score becomes a detection, applied per window
 * @param batch sequences per inference activity
 * @param mitre whether detections are mapped to MITRE ATT&CK
 * @param window the length of flow time scored as one dataset; sequences do not cross windows
 * @param delay flows newer than now minus this are left for the next run, for late arrivals
 * @param maxCatchUp how far back a run reaches when flows are missing (as MaxTimeSeriesGenerationPeriod); older
 *     unscored flows are skipped and reported
 * @param windowsPerRun windows one run scores before it continues as new, keeping histories small
 * @param carried what the runs before a continue-as-new did; null at first
 */
public record ScheduledDetectionInput(String flows, Threshold threshold, int batch, boolean mitre, Duration window,
    Duration delay, Duration maxCatchUp, int windowsPerRun, Carried carried) {

  /** Totals of the runs before the latest continue-as-new. */
  public record Carried(Instant scoredFrom, TimeRange skipped, int windowsDone, long flowsRead, int sequences,
      int detections) {}
}
