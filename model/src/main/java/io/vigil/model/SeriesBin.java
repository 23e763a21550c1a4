package io.vigil.model;

import java.time.Instant;

/**
 * One row of {@code SentinelCustomAnalytics_TimeSeries}: the events of one source and key in one bin.
 * {@code max}, {@code min}, {@code sum} and {@code avg} are null when the row has no size field, or when every
 * size value in the bin was null.
 */
public record SeriesBin(
    String source,
    String hostname,
    String user,
    String srcIpAddr,
    String activity,
    Instant timeBin,
    long count,
    Double max,
    Double min,
    Double sum,
    Double avg) {}
