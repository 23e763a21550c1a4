package io.vigil.model.series;

import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import java.time.Duration;

/**
 * Input of {@link SeriesGenerationActivities#generateChunk}.
 *
 * @param range the bins to generate, aligned to the row's bin grid
 * @param step the range committed per transaction, and so the heartbeat interval in data time
 */
public record ChunkRequest(SourceConfig config, TimeRange range, Duration step) {}
