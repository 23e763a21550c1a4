package io.vigil.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Raises an incident when the weighted anomalies of one key within {@code window} reach {@code threshold}. Each
 * anomaly weighs what AnomaliesConfiguration sets for its Source and Activity (see {@link AlertRules}). Anomalies
 * are taken in time order; the first run of them no more than {@code window} apart whose weights reach the threshold
 * becomes an incident, and the search for the next one starts after its last anomaly, so one anomaly never counts
 * towards two incidents.
 *
 * @param window how far apart in time the anomalies of one incident may be at most
 * @param threshold the total weight that raises an incident
 */
public record IncidentRule(Duration window, double threshold) {

  /** Anomalies of one key that together reached the threshold, in time order. */
  public record Incident<A>(Instant first, Instant last, double weight, List<A> anomalies) {}

  public IncidentRule {
    if (!(threshold > 0) || window.isNegative()) {
      throw new IllegalArgumentException("the threshold must be positive and the window not negative, were "
          + threshold + " and " + window);
    }
  }

  /** The incidents among the anomalies of one key, in time order. */
  public <A> List<Incident<A>> incidents(List<A> anomaliesOfOneKey, Function<A, Instant> binOf,
      ToDoubleFunction<A> weightOf) {
    List<A> sorted = anomaliesOfOneKey.stream().sorted(Comparator.comparing(binOf)).toList();
    List<Incident<A>> incidents = new ArrayList<>();
    int first = 0;
    double total = 0;
    for (int last = 0; last < sorted.size(); last++) {
      total += weightOf.applyAsDouble(sorted.get(last));
      Instant lastBin = binOf.apply(sorted.get(last));
      while (Duration.between(binOf.apply(sorted.get(first)), lastBin).compareTo(window) > 0) {
        total -= weightOf.applyAsDouble(sorted.get(first++));
      }
      if (total >= threshold) {
        List<A> members = sorted.subList(first, last + 1);
        incidents.add(new Incident<>(binOf.apply(members.get(0)), lastBin, total, List.copyOf(members)));
        first = last + 1;
        total = 0;
      }
    }
    return incidents;
  }
}
