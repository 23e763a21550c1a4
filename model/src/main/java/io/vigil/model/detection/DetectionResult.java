package io.vigil.model.detection;

/**
 * What a detection run did.
 *
 * @param threshold the score above which a sequence was detected
 * @param labelled sequences with labels, 0 when the flows had none
 * @param truePositives detections whose sequence is labelled malicious
 * @param malicious labelled malicious sequences
 * @param mapped detections mapped to a MITRE ATT&CK technique (0 without mapping)
 */
public record DetectionResult(
    String dataset,
    SequencingResult sequencing,
    int detections,
    double threshold,
    String modelVersion,
    String device,
    int labelled,
    int truePositives,
    int malicious,
    int mapped) {}
