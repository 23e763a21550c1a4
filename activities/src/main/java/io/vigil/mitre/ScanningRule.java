package io.vigil.mitre;

import java.util.List;
import java.util.Optional;

/**
 * Network Service Discovery (T1046, Discovery): probes of many services, whether many ports of one host (a vertical
 * scan) or one port on many hosts (a horizontal scan), that get no payload back.
 */
final class ScanningRule implements FlowRule {

  static final TechniqueRef NETWORK_SERVICE_DISCOVERY = new TechniqueRef("T1046", "TA0007");

  /**
   * A client that falls back from one port to another touches two services; three services of which almost none
   * answered is the smallest sweep. Confidence grows with the count.
   */
  static final int MIN_TARGETS = 3;

  /** Twelve services, three quarters of a 16-flow window, leave no doubt that the window is a sweep. */
  static final int SATURATING_TARGETS = 12;

  /**
   * A scan rarely probes the same service twice, while a client retrying one service probes nothing else: at least
   * half the flows must reach a service the window has not seen before. This also keeps floods, which hit the same
   * service over and over, out of this rule.
   */
  static final double MIN_DISTINCT_TARGET_SHARE = 0.5;

  /**
   * Closed, filtered and half-opened ports send no payload back; a few open services may answer a probe with a banner.
   * Below this share the flows are real conversations, not probes.
   */
  static final double MIN_UNANSWERED_SHARE = 0.8;

  @Override
  public List<TechniqueRef> techniques() {
    return List.of(NETWORK_SERVICE_DISCOVERY);
  }

  @Override
  public Optional<Match> match(FlowStats flows) {
    int targets = flows.distinctTargets();
    double unanswered = 1 - flows.answeredShare();
    if (targets < MIN_TARGETS || targets < MIN_DISTINCT_TARGET_SHARE * flows.count()
        || unanswered < MIN_UNANSWERED_SHARE) {
      return Optional.empty();
    }
    double confidence = Confidence.of(
        Confidence.progress(targets, MIN_TARGETS, SATURATING_TARGETS),
        Confidence.progress(unanswered, MIN_UNANSWERED_SHARE, 1));
    return Optional.of(new Match(NETWORK_SERVICE_DISCOVERY, confidence, evidence(flows)));
  }

  private static String evidence(FlowStats flows) {
    int hosts = flows.distinctHosts();
    int ports = flows.distinctPorts();
    String spread;
    if (hosts == 1 || ports >= hosts) {
      spread = Words.count(ports, "destination port", "distinct destination ports") + " of "
          + Words.count(hosts, "host", "hosts");
    } else if (ports == 1) {
      spread = hosts + " distinct hosts on destination port " + flows.flows().get(0).dstPort();
    } else {
      spread = hosts + " distinct hosts on " + ports + " destination ports";
    }
    return Words.count(flows.count(), "flow", "flows") + " to " + spread + " within "
        + Words.seconds(flows.spanSeconds()) + ", " + Words.count(flows.responseBytes(), "response byte",
        "response bytes");
  }
}
