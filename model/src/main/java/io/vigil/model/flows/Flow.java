package io.vigil.model.flows;

import java.time.Instant;

/**
 * One network flow with the features of DESIGN section 5. {@code row} is the flow's 1-based data row in its
 * dataset (file or table) and, with the dataset's name, identifies it for investigation.
 *
 * @param durationSeconds the flow's duration ({@code flow_dur}); 0 when the source does not know it
 * @param label 1 malicious, 0 benign, null when the source has no labels; used only to fine-tune and evaluate
 */
public record Flow(
    long row,
    Instant timestamp,
    double durationSeconds,
    String srcIp,
    int srcPort,
    String dstIp,
    int dstPort,
    long fwdBytes,
    long bwdBytes,
    long fwdPkts,
    long bwdPkts,
    Integer label) {}
