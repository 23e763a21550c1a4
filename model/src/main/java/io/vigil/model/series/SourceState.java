package io.vigil.model.series;

import java.time.Instant;

/**
 * Where generation stands for one source.
 *
 * @param watermark the end of the range already generated, or null when nothing has been
 * @param earliestEvent the oldest event in the source, or null when it is empty or a watermark exists
 */
public record SourceState(Instant watermark, Instant earliestEvent) {}
