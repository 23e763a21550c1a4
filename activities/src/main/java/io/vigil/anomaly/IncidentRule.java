package io.vigil.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Raises an incident when the weighted anomalies of one key within {@code window} reach {@code threshold}. Each
 * anomaly weighs what AnomaliesConfiguration sets for its Source and Activity, or {@code defaultWeight}. Anomalies
 * are taken in time order; the first window whose total reaches the threshold becomes an incident, and the search
 * for the next one starts after its last anomaly, so one anomaly never counts towards two incidents.
 *
 * @param weights weight per Source and Activity (both matched exactly)
 * @param defaultWeight the weight of an anomaly whose Source and Activity have none
 * @param window how far apart in time the anomalies of one incident may be at most
 * @param threshold the total weight that raises an incident
 */
public record IncidentRule(Map<WeightKey, Double> weights, double defaultWeight, Duration window, double threshold) {

  /** The AnomaliesConfiguration columns a weight is set for. */
  public record WeightKey(String source, String activity) {}

  /** One anomaly of the key: where it came from and the start of its bin. */
  public record Anomaly(String source, String activity, Instant bin) {}

  /** Anomalies of one key that together reached the threshold. */
  public record Incident(Instant first, Instant last, double weight, List<Anomaly> anomalies) {}

  public IncidentRule {
    weights = Map.copyOf(weights);
    if (!(threshold > 0) || window.isNegative()) {
      throw new IllegalArgumentException("the threshold must be positive and the window not negative, were "
          + threshold + " and " + window);
    }
  }

  public double weightOf(Anomaly anomaly) {
    return weights.getOrDefault(new WeightKey(anomaly.source(), anomaly.activity()), defaultWeight);
  }

  /** The incidents among the anomalies of one key, in time order. */
  public List<Incident> incidents(List<Anomaly> anomaliesOfOneKey) {
    List<Anomaly> sorted = anomaliesOfOneKey.stream().sorted(Comparator.comparing(Anomaly::bin)).toList();
    List<Incident> incidents = new ArrayList<>();
    int first = 0;
    double total = 0;
    for (int last = 0; last < sorted.size(); last++) {
      total += weightOf(sorted.get(last));
      while (Duration.between(sorted.get(first).bin(), sorted.get(last).bin()).compareTo(window) > 0) {
        total -= weightOf(sorted.get(first++));
      }
      if (total >= threshold) {
        List<Anomaly> members = sorted.subList(first, last + 1);
        incidents.add(new Incident(members.get(0).bin(), sorted.get(last).bin(), total, List.copyOf(members)));
        first = last + 1;
        total = 0;
      }
    }
    return incidents;
  }
}
