package io.vigil.model.series;

import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import java.time.Duration;

/**
 * Input of {@link SeriesGenerationActivities#generateChunk}.
 *
 * @param range the bins to generate, aligned to the row's bin grid
 * @param step the range committed by the first transaction; later ones adapt towards {@code stepTarget}
 * @param stepTarget how long one transaction should take; zero keeps every step at {@code step}
 */
public record ChunkRequest(SourceConfig config, TimeRange range, Duration step, Duration stepTarget) {}
