package io.vigil.model.detection;

import java.util.List;

/**
 * What reading and sequencing a flow source did.
 *
 * @param dataset the name the flows and sequences are stored under
 * @param rejections the first rejected rows, each with its reason (all of them are counted in {@code rejected})
 */
public record SequencingResult(String dataset, long flows, long rejected, List<String> rejections, int sequences) {}
