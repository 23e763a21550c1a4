package io.vigil.model.series;

import io.vigil.model.TimeRange;
import java.time.Duration;
import java.time.Instant;

/**
 * What one chunk wrote.
 *
 * @param rowsWritten TimeSeries rows in the chunk's range after it ran (one per key and non-empty bin)
 * @param firstBin the earliest bin holding events, or null when the chunk had none
 * @param lastBin the latest bin holding events, or null when the chunk had none
 * @param nextStep the step length the chunk ended with, a good first step for the next chunk of the same source
 */
public record ChunkResult(TimeRange range, long rowsWritten, Instant firstBin, Instant lastBin, Duration nextStep) {}
