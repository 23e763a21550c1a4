package io.vigil.mitre;

import io.vigil.model.flows.Flow;
import java.util.List;
import java.util.Optional;

/**
 * Direct Network Flood (T1498.001, Impact; a sub-technique of Network Denial of Service, T1498): flows fired at one
 * host many times a second, hitting the same services again and again, with next to nothing coming back. The flows
 * come straight from the entity, so a reflection attack (T1498.002) would show at the reflectors, not here.
 */
final class FloodRule implements FlowRule {

  static final TechniqueRef DIRECT_NETWORK_FLOOD = new TechniqueRef("T1498.001", "TA0040");

  /** Half a 16-flow window: a rate measured over fewer flows is too noisy to call a flood. */
  static final int MIN_FLOWS = 8;

  /**
   * Ten new flows a second to one host is beyond what a client or even a busy web page opens to a single server for
   * long; the confidence grows on a log scale up to {@link #SATURATING_FLOWS_PER_SECOND}.
   */
  static final double MIN_FLOWS_PER_SECOND = 10;

  static final double SATURATING_FLOWS_PER_SECOND = 1_000;

  /** A flooded host has no time, or no wish, to answer; at most one flow in ten may carry a response. */
  static final double MAX_ANSWERED_SHARE = 0.1;

  /**
   * A flood repeats its services (fewer distinct host-port pairs than half its flows); flows that each reach a new
   * service are a fast scan, which the scanning rule reports.
   */
  static final double MAX_DISTINCT_TARGET_SHARE = 0.5;

  @Override
  public List<TechniqueRef> techniques() {
    return List.of(DIRECT_NETWORK_FLOOD);
  }

  @Override
  public Optional<Match> match(FlowStats flows) {
    if (flows.count() < MIN_FLOWS) {
      return Optional.empty();
    }
    String victim = flows.mostFrequent(Flow::dstIp);
    FlowStats flood = flows.where(flow -> flow.dstIp().equals(victim));
    double rate = flood.flowsPerSecond();
    double answered = flood.answeredShare();
    if (flood.count() < MIN_FLOWS || rate < MIN_FLOWS_PER_SECOND || answered > MAX_ANSWERED_SHARE
        || flood.distinctTargets() >= MAX_DISTINCT_TARGET_SHARE * flood.count()) {
      return Optional.empty();
    }
    double confidence = Confidence.of(
        Confidence.logProgress(rate, MIN_FLOWS_PER_SECOND, SATURATING_FLOWS_PER_SECOND),
        Confidence.progress(answered, MAX_ANSWERED_SHARE, 0));
    String evidence = Words.count(flood.count(), "flow", "flows") + " to " + victim + " ("
        + Words.count(flood.distinctPorts(), "port", "ports") + ") within " + Words.seconds(flood.spanSeconds())
        + " (" + (Double.isInfinite(rate) ? "all at the same instant" : Words.number(rate) + " flows/s") + "), "
        + Words.bytes(flood.forwardBytes()) + " sent, " + Words.count(flood.responseBytes(), "response byte",
        "response bytes");
    return Optional.of(new Match(DIRECT_NETWORK_FLOOD, confidence, evidence));
  }
}
