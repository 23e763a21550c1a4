package io.vigil.model.anomaly;

import io.vigil.model.Dimension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *
 * <p>An anomaly is named by its {@link #id}, derived from the columns that make it one row (source, kind, key, bin
 * and metric), so every backend and every rerun gives the same anomaly the same id without storing it.
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

  /** Strongest first: by {@link #rank}, then the later bin. */
  public static final Comparator<Anomaly> STRONGEST_FIRST =
      Comparator.comparingDouble(Anomaly::rank).thenComparing(Anomaly::timeBin).reversed();

  /**
   * At most {@code limit} of the anomalies, the strongest of each kind first, so that one noisy kind cannot hide the
   * others, then the strongest of the rest; ordered {@link #STRONGEST_FIRST}.
   */
  public static List<Anomaly> strongest(Collection<Anomaly> anomalies, int limit) {
    List<Anomaly> ranked = anomalies.stream().sorted(STRONGEST_FIRST).toList();
    Set<Anomaly> chosen = new LinkedHashSet<>();
    Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
    for (Anomaly anomaly : ranked) {
      if (chosen.size() < limit && kinds.add(anomaly.kind())) {
        chosen.add(anomaly);
      }
    }
    for (Anomaly anomaly : ranked) {
      if (chosen.size() < limit) {
        chosen.add(anomaly);
      }
    }
    return chosen.stream().sorted(STRONGEST_FIRST).toList();
  }

  /** What every anomaly id starts with, as {@code sq-} starts a sequence id. */
  public static final String ID_PREFIX = "an-";

  /**
   * The anomaly's stable id: {@value #ID_PREFIX} and the first 16 hex digits of the SHA-256 of its natural key
   * (source, kind, hostname, user, source IP, activity, bin and metric). Each value enters the hash with its length
   * first, so no choice of values (event data may hold any character) can make two keys hash the same text.
   */
  public String id() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    for (String part : new String[] {source, kind.id(), hostname, user, srcIpAddr, activity, timeBin.toString(),
        metric}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
    }
    return ID_PREFIX + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  /** The dimension values behind this anomaly, as {@link #evidenceKey(AnomalyKind, String, String, String, String)}. */
  public Map<Dimension, String> evidenceKey() {
    return evidenceKey(kind, hostname, user, srcIpAddr, activity);
  }

  /**
   * The dimension values that select the events (and the TimeSeries rows) behind an anomaly of this kind and key: a
   * forecast deviation's whole series key, empty values included, so that it is exactly its series; a baseline's
   * non-empty columns only, since the others are not part of it.
   */
  public static Map<Dimension, String> evidenceKey(AnomalyKind kind, String hostname, String user, String srcIpAddr,
      String activity) {
    boolean wholeKey = kind == AnomalyKind.FORECAST_DEVIATION;
    Map<Dimension, String> key = new EnumMap<>(Dimension.class);
    String[] values = {hostname, user, srcIpAddr, activity};
    Dimension[] dimensions = {Dimension.HOSTNAME, Dimension.USER, Dimension.SRC_IP_ADDR, Dimension.ACTIVITY};
    for (int i = 0; i < values.length; i++) {
      if (wholeKey || !values[i].isEmpty()) {
        key.put(dimensions[i], values[i]);
      }
    }
    return key;
  }
}
