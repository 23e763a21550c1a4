package io.vigil.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The forecast-deviation rule, applied per series key as bins arrive: a bin's residual (actual minus the forecast
 * its Prediction row holds) is scored with {@link TukeyFences} against the residuals of the {@code windowBins} bins
 * before it. Until {@code minimumBins} earlier residuals exist there is no reliable spread, so a bin scores 0 and
 * is no anomaly. Severity grows with {@code |score|}, see {@link Severity}.
 *
 * @param fences the fence kind and k
 * @param windowBins how many earlier bins' residuals the fences are computed from (for example 7 days of bins)
 * @param minimumBins how many earlier residuals are needed before a bin is scored, 1 to {@code windowBins}
 */
public record AnomalyRule(TukeyFences fences, int windowBins, int minimumBins) {

  public AnomalyRule {
    if (windowBins < 1 || minimumBins < 1 || minimumBins > windowBins) {
      throw new IllegalArgumentException("need 1 <= minimumBins <= windowBins, were " + minimumBins + " and "
          + windowBins);
    }
  }

  /** One arriving bin of a series: its start, the actual value and the value forecast for it. */
  public record Bin(Instant start, double actual, double forecast) {

    public double residual() {
      return actual - forecast;
    }
  }

  /** Whether the actual value is above or below its forecast. */
  public enum Direction { RISE, DROP }

  /**
   * How far beyond the fences a bin lies. {@code INFORMATIONAL} is everything that is no anomaly; above k,
   * {@code LOW} up to {@code |score|} 3 (Tukey's "far out" fence), {@code MEDIUM} up to 6, {@code HIGH} beyond.
   */
  public enum Severity {
    INFORMATIONAL, LOW, MEDIUM, HIGH;

    static final double MEDIUM_FROM = 3;
    static final double HIGH_FROM = 6;

    static Severity of(double score, boolean anomaly) {
      if (!anomaly) {
        return INFORMATIONAL;
      }
      double magnitude = Math.abs(score);
      return magnitude > HIGH_FROM ? HIGH : magnitude > MEDIUM_FROM ? MEDIUM : LOW;
    }
  }

  /** The rule's verdict on one bin. */
  public record Verdict(Bin bin, double score, Direction direction, Severity severity, boolean anomaly) {}

  /** Scores every bin in order, each against the residuals of the bins before it in the list. */
  public List<Verdict> apply(List<Bin> bins) {
    Tracker tracker = tracker();
    List<Verdict> verdicts = new ArrayList<>(bins.size());
    for (Bin bin : bins) {
      verdicts.add(tracker.next(bin));
    }
    return verdicts;
  }

  /** A fresh stream for one series key. */
  public Tracker tracker() {
    return new Tracker(this);
  }

  /** The rule's state for one series key: the trailing residuals. Not thread-safe. */
  public static final class Tracker {

    private final AnomalyRule rule;
    private final TrailingWindow residuals;

    private Tracker(AnomalyRule rule) {
      this.rule = rule;
      this.residuals = new TrailingWindow(rule.windowBins());
    }

    /** Scores {@code bin} against the earlier residuals, then adds its residual to them. */
    public Verdict next(Bin bin) {
      double residual = bin.residual();
      double score = residuals.size() < rule.minimumBins() ? 0 : residuals.fences(rule.fences()).score(residual);
      boolean anomaly = rule.fences().isAnomaly(score);
      residuals.add(residual);
      Direction direction = residual < 0 ? Direction.DROP : Direction.RISE;
      return new Verdict(bin, score, direction, Severity.of(score, anomaly), anomaly);
    }
  }
}
