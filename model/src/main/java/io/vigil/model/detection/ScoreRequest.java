package io.vigil.model.detection;

/** Scores the dataset's sequences {@code [from, to)} in id order. */
public record ScoreRequest(String dataset, int from, int to) {}
