package io.vigil.mitre;

import io.vigil.model.flows.Flow;
import java.util.List;
import java.util.Optional;

/**
 * Exfiltration (Exfiltration tactic): a large volume sent to one public address with little coming back. Over web
 * ports, where implants usually keep their command channel, it is reported as Exfiltration Over C2 Channel (T1041);
 * over any other port as Exfiltration Over Alternative Protocol (T1048). Flows alone cannot prove that the web
 * destination is the command server; docs/mitre.md lists this among the limits.
 */
final class ExfiltrationRule implements FlowRule {

  static final TechniqueRef OVER_C2_CHANNEL = new TechniqueRef("T1041", "TA0010");
  static final TechniqueRef OVER_ALTERNATIVE_PROTOCOL = new TechniqueRef("T1048", "TA0010");

  /**
   * Ten megabytes sent to one outside address in one window is more than mail, form posts or a few photos; the
   * confidence grows on a log scale up to {@link #SATURATING_FORWARD_BYTES}.
   */
  static final double MIN_FORWARD_BYTES = 10_000_000;

  static final double SATURATING_FORWARD_BYTES = 1_000_000_000;

  /**
   * Browsing and downloads receive more than they send; an upload sends at least ten times what comes back
   * (acknowledgements, a status page). Confidence grows on a log scale up to {@link #SATURATING_SENT_TO_RECEIVED}.
   */
  static final double MIN_SENT_TO_RECEIVED = 10;

  static final double SATURATING_SENT_TO_RECEIVED = 1_000;

  /**
   * An upload over TCP is acknowledged, so the receiver sends packets back even when it sends no payload. A large
   * volume that drew no packet at all is a one-way flood or spoofed traffic, not a transfer; an exporter without packet
   * counts cannot show an upload either.
   */
  static final long MIN_RESPONSE_PACKETS = 1;

  @Override
  public List<TechniqueRef> techniques() {
    return List.of(OVER_C2_CHANNEL, OVER_ALTERNATIVE_PROTOCOL);
  }

  @Override
  public Optional<Match> match(FlowStats flows) {
    FlowStats toPublicHosts = flows.where(flow -> NetworkAddresses.isPublic(flow.dstIp()));
    if (toPublicHosts.count() == 0) {
      return Optional.empty();
    }
    String receiver = toPublicHosts.heaviest(Flow::dstIp, Flow::fwdBytes);
    FlowStats upload = flows.where(flow -> flow.dstIp().equals(receiver));
    double sent = upload.forwardBytes();
    double sentToReceived = sent / upload.responseBytes();
    if (sent < MIN_FORWARD_BYTES || sentToReceived < MIN_SENT_TO_RECEIVED
        || upload.responsePackets() < MIN_RESPONSE_PACKETS) {
      return Optional.empty();
    }
    double confidence = Confidence.of(
        Confidence.logProgress(sent, MIN_FORWARD_BYTES, SATURATING_FORWARD_BYTES),
        Confidence.logProgress(sentToReceived, MIN_SENT_TO_RECEIVED, SATURATING_SENT_TO_RECEIVED));
    int port = upload.heaviest(Flow::dstPort, Flow::fwdBytes);
    String evidence = Words.bytes(upload.forwardBytes()) + " sent to " + receiver + " (mostly port " + port
        + ") in " + Words.count(upload.count(), "flow", "flows") + " within " + Words.seconds(upload.spanSeconds())
        + ", " + Words.count(upload.responseBytes(), "byte", "bytes") + " received ("
        + (Double.isInfinite(sentToReceived) ? "no payload came back" : Words.number(sentToReceived)
        + " times more sent than received") + ", " + Words.count(upload.responsePackets(), "packet", "packets")
        + " back)";
    TechniqueRef technique = Services.WEB_PORTS.contains(port) ? OVER_C2_CHANNEL : OVER_ALTERNATIVE_PROTOCOL;
    return Optional.of(new Match(technique, confidence, evidence));
  }
}
