package io.vigil.mitre;

import io.vigil.model.flows.Flow;
import java.util.List;
import java.util.Optional;

/**
 * Brute Force (T1110, Credential Access): many short, alike connections to one authentication service of one host,
 * each answered by the service, as a password-guessing tool makes them. Flows cannot tell guessing from spraying or
 * stuffing (they differ in the accounts tried), so the rule reports the parent technique.
 */
final class BruteForceRule implements FlowRule {

  static final TechniqueRef BRUTE_FORCE = new TechniqueRef("T1110", "TA0006");

  /** A person who mistypes a password retries two or three times; six logins to one service in one window is more. */
  static final int MIN_ATTEMPTS = 6;

  /** A full 16-flow window of attempts. */
  static final int SATURATING_ATTEMPTS = 16;

  /** The attempts must be what the window is about, not a few logins among other traffic. */
  static final double MIN_ATTEMPT_SHARE = 0.5;

  /**
   * A login attempt needs a service that answers (banner, key exchange, challenge); unanswered connections are probes,
   * which the scanning and flood rules judge.
   */
  static final double MIN_ANSWERED_SHARE = 0.5;

  /** A failed login ends within seconds; interactive sessions and transfers last far longer. */
  static final double MAX_MEDIAN_SECONDS = 30;

  /** A handshake and one credential exchange fit in a few kilobytes; more is a session that moves data. */
  static final double MAX_MEDIAN_FORWARD_BYTES = 16_384;

  /**
   * A tool repeats the same exchange, so the forward sizes barely vary (coefficient of variation); the confidence
   * grows as the variation falls from this threshold to {@link #SATURATING_SIZE_VARIATION}.
   */
  static final double MAX_SIZE_VARIATION = 0.5;

  static final double SATURATING_SIZE_VARIATION = 0.1;

  @Override
  public List<TechniqueRef> techniques() {
    return List.of(BRUTE_FORCE);
  }

  @Override
  public Optional<Match> match(FlowStats flows) {
    FlowStats authentication = flows.where(flow -> Services.AUTHENTICATION_PORTS.containsKey(flow.dstPort()));
    if (authentication.count() < MIN_ATTEMPTS) {
      return Optional.empty();
    }
    FlowStats.Target service = authentication.mostFrequent(FlowStats::target);
    FlowStats attempts = flows.where(flow -> FlowStats.target(flow).equals(service));
    double sizeVariation = attempts.variation(Flow::fwdBytes);
    if (attempts.count() < MIN_ATTEMPTS || attempts.count() < MIN_ATTEMPT_SHARE * flows.count()
        || attempts.answeredShare() < MIN_ANSWERED_SHARE
        || attempts.median(Flow::durationSeconds) > MAX_MEDIAN_SECONDS
        || attempts.median(Flow::fwdBytes) > MAX_MEDIAN_FORWARD_BYTES
        || sizeVariation > MAX_SIZE_VARIATION) {
      return Optional.empty();
    }
    double confidence = Confidence.of(
        Confidence.progress(attempts.count(), MIN_ATTEMPTS, SATURATING_ATTEMPTS),
        Confidence.progress(sizeVariation, MAX_SIZE_VARIATION, SATURATING_SIZE_VARIATION));
    String evidence = Words.count(attempts.count(), "connection", "connections") + " to " + service.host() + " port "
        + service.port() + " (" + Services.AUTHENTICATION_PORTS.get(service.port()) + ") within "
        + Words.seconds(attempts.spanSeconds()) + ", " + Math.round(attempts.answeredShare() * 100)
        + "% answered, median " + Words.seconds(attempts.median(Flow::durationSeconds)) + " and "
        + Words.bytes(Math.round(attempts.median(Flow::fwdBytes))) + " sent each (size variation "
        + Words.number(sizeVariation) + ")";
    return Optional.of(new Match(BRUTE_FORCE, confidence, evidence));
  }
}
