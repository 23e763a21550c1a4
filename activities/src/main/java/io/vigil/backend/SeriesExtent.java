package io.vigil.backend;

import java.time.Instant;

/** The TimeSeries rows of one source in a range: how many, and the first and last bin (null when none). */
public record SeriesExtent(long rows, Instant firstBin, Instant lastBin) {}
