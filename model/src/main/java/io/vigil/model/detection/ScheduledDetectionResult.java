package io.vigil.model.detection;

import io.vigil.model.TimeRange;
import java.time.Duration;
import java.time.Instant;

/**
 * What one scheduled detection run did.
 *
 * @param scored the flow time scored (empty when nothing new had arrived)
 * @param skipped unscored flow time older than the catch-up bound, or null
 * @param watermark the end of everything scored so far, or null when nothing ever was
 * @param lag how far the watermark is behind the run's time, or null
 */
public record ScheduledDetectionResult(String flows, Instant now, TimeRange scored, TimeRange skipped, int windows,
    long flowsRead, int sequences, int detections, Instant watermark, Duration lag) {}
