package io.vigil.model.detection;

import java.time.Instant;

/** A flows source's scored-until time: the input and result of {@link FlowActivities#advanceWatermark}. */
public record FlowWatermark(String flows, Instant scoredUntil) {}
