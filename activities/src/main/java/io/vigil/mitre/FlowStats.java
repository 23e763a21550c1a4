package io.vigil.mitre;

import io.vigil.model.flows.Flow;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Features of some flows of one source, in time order, that the rules test: counts of distinct destinations, timing,
 * volumes and how alike the flows are. A flow is <em>answered</em> when the destination sent payload back
 * ({@code bwdBytes > 0}); a closed, filtered or half-opened port never is.
 */
final class FlowStats {

  /** A destination service: host and port. */
  record Target(String host, int port) {}

  private final List<Flow> flows;

  FlowStats(List<Flow> flows) {
    this.flows = flows.stream().sorted(Comparator.comparing(Flow::timestamp).thenComparingLong(Flow::row)).toList();
  }

  List<Flow> flows() {
    return flows;
  }

  int count() {
    return flows.size();
  }

  /** The flows that satisfy {@code condition}, in time order. */
  FlowStats where(Predicate<Flow> condition) {
    return new FlowStats(flows.stream().filter(condition).toList());
  }

  int distinct(Function<Flow, ?> key) {
    Set<Object> keys = new HashSet<>();
    flows.forEach(flow -> keys.add(key.apply(flow)));
    return keys.size();
  }

  int distinctHosts() {
    return distinct(Flow::dstIp);
  }

  int distinctPorts() {
    return distinct(Flow::dstPort);
  }

  int distinctTargets() {
    return distinct(FlowStats::target);
  }

  static Target target(Flow flow) {
    return new Target(flow.dstIp(), flow.dstPort());
  }

  /** The most frequent value of {@code key}; the earliest such value on a tie. Needs at least one flow. */
  <K> K mostFrequent(Function<Flow, K> key) {
    return heaviest(key, flow -> 1);
  }

  /**
   * The value of {@code key} whose flows weigh the most in total, such as the destination that received the most bytes;
   * the earliest such value on a tie. Needs at least one flow.
   */
  <K> K heaviest(Function<Flow, K> key, ToLongFunction<Flow> weight) {
    Map<K, Long> totals = new LinkedHashMap<>();
    flows.forEach(flow -> totals.merge(key.apply(flow), weight.applyAsLong(flow), Long::sum));
    return totals.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** Seconds from the first flow's start to the last one's. */
  double spanSeconds() {
    if (flows.isEmpty()) {
      return 0;
    }
    Duration span = Duration.between(flows.get(0).timestamp(), flows.get(flows.size() - 1).timestamp());
    return span.toNanos() / 1e9;
  }

  /** Flow starts per second; infinite when every flow started at the same instant. */
  double flowsPerSecond() {
    return (count() - 1) / spanSeconds();
  }

  long forwardBytes() {
    return flows.stream().mapToLong(Flow::fwdBytes).sum();
  }

  long responseBytes() {
    return flows.stream().mapToLong(Flow::bwdBytes).sum();
  }

  long responsePackets() {
    return flows.stream().mapToLong(Flow::bwdPkts).sum();
  }

  double answeredShare() {
    return flows.stream().filter(flow -> flow.bwdBytes() > 0).count() / (double) count();
  }

  /** Seconds between consecutive flow starts. */
  double[] intervals() {
    double[] intervals = new double[Math.max(0, count() - 1)];
    for (int i = 1; i < count(); i++) {
      intervals[i - 1] = Duration.between(flows.get(i - 1).timestamp(), flows.get(i).timestamp()).toNanos() / 1e9;
    }
    return intervals;
  }

  double median(ToDoubleFunction<Flow> feature) {
    return median(flows.stream().mapToDouble(feature).toArray());
  }

  /** The coefficient of variation of {@code feature}: its standard deviation over its mean. */
  double variation(ToDoubleFunction<Flow> feature) {
    return variation(flows.stream().mapToDouble(feature).toArray());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** Standard deviation over mean; 0 for values that are all 0, since those are as alike as values can be. */
  static double variation(double[] values) {
    double mean = Arrays.stream(values).average().orElse(0);
    if (mean == 0) {
      return 0;
    }
    double variance = Arrays.stream(values).map(value -> (value - mean) * (value - mean)).average().orElse(0);
    return Math.sqrt(variance) / mean;
  }
}
