package io.vigil.backend;

import io.vigil.model.TimeRange;
import java.time.Instant;

/**
 * How far anomaly detection of a source has come: the end of the bins judged, and the range and run time of the
 * last write, so that a retried run (same run time) judges its own range again instead of finding nothing new.
 */
public record AnomalyProgress(Instant judgedUntil, TimeRange lastRange, Instant lastRunTime) {}
