package io.vigil.model.series;

import io.vigil.model.TimeRange;
import java.time.Duration;
import java.time.Instant;

/**
 * What one series-generation run did.
 *
 * @param now the run's time
 * @param generated the range this run covered (empty when the source was up to date)
 * @param skipped missing history older than the catch-up bound, not generated; null when none
 * @param rowsWritten TimeSeries rows written by this run
 * @param firstBin earliest bin with events written by this run, or null
 * @param lastBin latest bin with events written by this run, or null
 * @param watermark the end of the generated range after the run, or null when nothing was ever generated
 * @param lag how far the watermark is behind {@code now}, or null when nothing was ever generated
 */
public record SeriesGenerationResult(
    String source,
    Instant now,
    TimeRange generated,
    TimeRange skipped,
    long rowsWritten,
    Instant firstBin,
    Instant lastBin,
    Instant watermark,
    Duration lag) {}
