package io.vigil.model.series;

import io.vigil.model.SourceConfig;

/** Input of {@link SeriesGenerationActivities#inspectSource}. */
public record InspectRequest(SourceConfig config) {}
