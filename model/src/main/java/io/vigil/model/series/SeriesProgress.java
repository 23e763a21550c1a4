package io.vigil.model.series;

import java.time.Instant;

/** Answer of the {@code progress} query: chunks done out of planned, and the watermark reached so far. */
public record SeriesProgress(int chunksDone, int chunksPlanned, Instant watermark) {}
