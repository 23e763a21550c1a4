package io.vigil.mitre;

import io.vigil.model.flows.Flow;
import java.util.List;
import java.util.Optional;

/**
 * Application Layer Protocol (T1071, Command and Control): an implant checking in with its server, seen as small, alike
 * flows to one destination service at regular intervals. Over HTTP or HTTPS ports the sub-technique Web Protocols
 * (T1071.001) is reported. Authentication services are left to the brute-force rule, since a password-guessing tool
 * also connects at a steady pace; timer-driven infrastructure (NTP, DNS) and ICMP are left out, see {@link Services}.
 */
final class BeaconingRule implements FlowRule {

  static final TechniqueRef APPLICATION_LAYER_PROTOCOL = new TechniqueRef("T1071", "TA0011");
  static final TechniqueRef WEB_PROTOCOLS = new TechniqueRef("T1071.001", "TA0011");

  /** Five intervals are the fewest whose spread says anything; with fewer, any timing looks regular. */
  static final int MIN_CHECK_INS = 6;

  static final int SATURATING_CHECK_INS = 16;

  /** Faster than one flow a second is a burst (a flood, a login storm), not an implant's timer. */
  static final double MIN_MEAN_INTERVAL_SECONDS = 1;

  /**
   * The coefficient of variation of the intervals: a timer with the usual jitter stays well below this, while
   * people-driven traffic varies by about as much as its mean or more. Confidence grows as it falls to
   * {@link #SATURATING_INTERVAL_VARIATION}, a timer with almost no jitter.
   */
  static final double MAX_INTERVAL_VARIATION = 0.3;

  static final double SATURATING_INTERVAL_VARIATION = 0.05;

  /** A check-in or a polling request is small; larger flows are transfers. */
  static final double MAX_MEDIAN_FORWARD_BYTES = 8_192;

  /** Check-ins repeat the same request, so their forward sizes barely vary (coefficient of variation). */
  static final double MAX_SIZE_VARIATION = 0.5;

  static final double SATURATING_SIZE_VARIATION = 0.1;

  @Override
  public List<TechniqueRef> techniques() {
    return List.of(APPLICATION_LAYER_PROTOCOL, WEB_PROTOCOLS);
  }

  @Override
  public Optional<Match> match(FlowStats flows) {
    FlowStats candidates = flows.where(flow -> !Services.AUTHENTICATION_PORTS.containsKey(flow.dstPort())
        && !Services.TIMER_DRIVEN_PORTS.contains(flow.dstPort()) && flow.dstPort() != Services.NO_SERVICE_PORT);
    if (candidates.count() < MIN_CHECK_INS) {
      return Optional.empty();
    }
    FlowStats.Target server = candidates.mostFrequent(FlowStats::target);
    FlowStats checkIns = candidates.where(flow -> FlowStats.target(flow).equals(server));
    double[] intervals = checkIns.intervals();
    double meanInterval = checkIns.spanSeconds() / intervals.length;
    double intervalVariation = FlowStats.variation(intervals);
    double sizeVariation = checkIns.variation(Flow::fwdBytes);
    if (checkIns.count() < MIN_CHECK_INS || meanInterval < MIN_MEAN_INTERVAL_SECONDS
        || intervalVariation > MAX_INTERVAL_VARIATION
        || checkIns.median(Flow::fwdBytes) > MAX_MEDIAN_FORWARD_BYTES || sizeVariation > MAX_SIZE_VARIATION) {
      return Optional.empty();
    }
    double confidence = Confidence.of(
        Confidence.progress(intervalVariation, MAX_INTERVAL_VARIATION, SATURATING_INTERVAL_VARIATION),
        Confidence.progress(checkIns.count(), MIN_CHECK_INS, SATURATING_CHECK_INS),
        Confidence.progress(sizeVariation, MAX_SIZE_VARIATION, SATURATING_SIZE_VARIATION));
    String evidence = Words.count(checkIns.count(), "flow", "flows") + " to " + server.host() + " port "
        + server.port() + " every " + Words.seconds(meanInterval) + " on average (interval variation "
        + Words.number(intervalVariation) + "), median " + Words.bytes(Math.round(checkIns.median(Flow::fwdBytes)))
        + " sent each (size variation " + Words.number(sizeVariation) + ")";
    TechniqueRef technique = Services.WEB_PORTS.contains(server.port()) ? WEB_PROTOCOLS : APPLICATION_LAYER_PROTOCOL;
    return Optional.of(new Match(technique, confidence, evidence));
  }
}
