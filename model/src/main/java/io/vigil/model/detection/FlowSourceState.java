package io.vigil.model.detection;

import java.time.Instant;

/**
 * Where scheduled detection stands for one flows source.
 *
 * @param watermark the end of the flow time already scored, or null when none was
 * @param earliestFlow the oldest flow's time, or null when the source has none
 */
public record FlowSourceState(Instant watermark, Instant earliestFlow) {}
