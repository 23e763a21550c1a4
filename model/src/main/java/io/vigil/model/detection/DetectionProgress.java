package io.vigil.model.detection;

import java.time.Instant;

/** Answer of the scheduled detection's {@code progress} query. */
public record DetectionProgress(int windowsDone, int windowsPlanned, Instant watermark) {}
