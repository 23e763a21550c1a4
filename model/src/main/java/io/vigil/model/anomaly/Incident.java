package io.vigil.model.anomaly;

import java.time.Instant;

/**
 * One row of {@code SentinelCustomAnalytics_Incidents}: anomalies of one key, not excepted, that together weigh at
 * least IncidentWeightThreshold within IncidentWindow.
 *
 * @param firstBin the bin of its first anomaly
 * @param lastBin the bin of its last anomaly; the run that saw this bin raised the incident
 * @param weight the anomalies' total weight
 * @param anomalies how many anomalies it groups
 * @param kinds the anomaly kinds it groups, comma-separated in the order of {@link AnomalyKind}
 * @param alertName the alert of its heaviest anomaly
 * @param severity the highest alert severity among its anomalies
 */
public record Incident(
    String source,
    String hostname,
    String user,
    String srcIpAddr,
    String activity,
    Instant firstBin,
    Instant lastBin,
    double weight,
    int anomalies,
    String kinds,
    String alertName,
    Severity severity,
    Instant detectedAt) {}
