package io.vigil.model.detection;

import java.time.Instant;

/**
 * Turns the dataset's scores into detections above the threshold, stamped with the run time, and with {@code mitre}
 * maps each to a MITRE ATT&CK tactic and technique.
 */
public record DetectRequest(String dataset, Threshold threshold, Instant runTime, boolean mitre) {}
