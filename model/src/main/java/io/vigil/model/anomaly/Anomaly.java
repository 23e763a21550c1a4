package io.vigil.model.anomaly;

import java.time.Instant;

/**
 * One row of {@code SentinelCustomAnalytics_Anomalies}. Key columns a kind does not use are empty strings (a
 * user-to-IP baseline fills User and SrcIpAddr only). What {@code metric}, {@code actual}, {@code expected} and the
 * bounds hold depends on the kind (docs/anomalies.md):
 * <ul>
 *   <li>forecast deviation: {@code Count} or {@code Sum}, the bin's value, its forecast, and the values below or
 *       above which the rule calls it an anomaly;</li>
 *   <li>first seen: {@code Count}, the pair's events in its first bin, 0 expected;</li>
 *   <li>IPs, hosts per user and users per IP: {@code DistinctIps}, {@code DistinctHosts}, {@code DistinctUsers} in
 *       the bin, the median of the entity's earlier bins, and their fences;</li>
 *   <li>abnormal IP or host: {@code UseShare}, the share of the user's earlier active bins that had the pair,
 *       against the share below which a pair is rare.</li>
 * </ul>
 *
 * @param score the Tukey score, or null for kinds that are not scored (first seen, abnormal)
 * @param severity the anomaly's own severity, from its score or its kind
 * @param alertName the alert AnomaliesConfiguration names for the source and activity
 * @param alertSeverity the severity AnomaliesConfiguration gives that alert
 * @param weight the weight the anomaly adds towards an incident
 * @param excepted whether an AnomaliesExceptions row covers the key; excepted anomalies are kept but never alert
 * @param evidence how to get the raw events behind the anomaly: a query in the backend's own language
 * @param detectedAt the time of the run that found it
 */
public record Anomaly(
    String source,
    AnomalyKind kind,
    String hostname,
    String user,
    String srcIpAddr,
    String activity,
    Instant timeBin,
    String metric,
    double actual,
    double expected,
    double lower,
    double upper,
    Double score,
    Severity severity,
    String alertName,
    Severity alertSeverity,
    double weight,
    boolean excepted,
    String evidence,
    Instant detectedAt) {

  /**
   * How strongly the anomaly stands out, for ordering within its severity: the size of the score; for kinds without
   * one, the events of a first-seen pair or the rarity (1 minus the share) of an abnormal one.
   */
  public double rank() {
    boolean abnormal = kind == AnomalyKind.ABNORMAL_IP_FOR_USER || kind == AnomalyKind.ABNORMAL_HOST_FOR_USER;
    double magnitude = score != null ? Math.abs(score) : abnormal ? 1 - actual : actual;
    return severity.ordinal() * 1e7 + Math.min(magnitude, 1e6);
  }
}
