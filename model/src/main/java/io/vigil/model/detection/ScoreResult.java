package io.vigil.model.detection;

/**
 * What one inference batch did.
 *
 * @param device {@code cuda} or {@code cpu}
 */
public record ScoreResult(int sequences, String modelVersion, String device, long nanos) {}
