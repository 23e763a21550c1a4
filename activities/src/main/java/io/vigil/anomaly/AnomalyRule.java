package io.vigil.anomaly;

import io.vigil.model.anomaly.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The forecast-deviation rule, applied per series key as bins arrive: a bin's residual (actual minus the forecast
 * its Prediction row holds) is scored with {@link TukeyFences} against the residuals of the {@code windowBins} bins
 * before it. Until {@code minimumBins} earlier residuals exist there is no reliable spread, so a bin scores 0 and
 * is no anomaly. Severity grows with {@code |score|}, see {@link Severity#ofScore}.
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
   * The rule's verdict on one bin.
   *
   * @param lower the actual value below which the bin would be an anomaly (forecast plus the low fence minus k
   *     spreads); negative infinity while the bin is not scored
   * @param upper the actual value above which it would be one; positive infinity while it is not scored
   */
  public record Verdict(Bin bin, double score, Direction direction, Severity severity, boolean anomaly, double lower,
      double upper) {}

  /** Scores every bin in order, each against the residuals of the bins before it in the list. */
  public List<Verdict> apply(List<Bin> bins) {
    Tracker tracker = tracker(0);
    List<Verdict> verdicts = new ArrayList<>(bins.size());
    for (Bin bin : bins) {
      verdicts.add(tracker.next(bin));
    }
    return verdicts;
  }

  /**
   * A fresh stream for one series key whose residuals never spread less than {@code minimumSpread}. Counts move in
   * whole events, so a count series whose residuals hardly vary (a quiet key, forecast 0.1 and mostly empty) would
   * otherwise call a single event infinitely unusual; one event is the least spread a count can show. 0 keeps the
   * spread of the sample, however small.
   */
  public Tracker tracker(double minimumSpread) {
    return new Tracker(this, minimumSpread);
  }

  /** The rule's state for one series key: the trailing residuals. Not thread-safe. */
  public static final class Tracker {

    private final AnomalyRule rule;
    private final TrailingWindow residuals;
    private final double minimumSpread;

    private Tracker(AnomalyRule rule, double minimumSpread) {
      if (!(minimumSpread >= 0) || Double.isInfinite(minimumSpread)) {
        throw new IllegalArgumentException("the minimum spread is a finite number of 0 or more, was " + minimumSpread);
      }
      this.rule = rule;
      this.residuals = new TrailingWindow(rule.windowBins());
      this.minimumSpread = minimumSpread;
    }

    /** Scores {@code bin} against the earlier residuals, then adds its residual to them. */
    public Verdict next(Bin bin) {
      double residual = bin.residual();
      boolean scored = residuals.size() >= rule.minimumBins();
      TukeyFences.Fences fences = scored ? residuals.fences(rule.fences()).atLeast(minimumSpread) : null;
      double score = scored ? fences.score(residual) : 0;
      boolean anomaly = rule.fences().isAnomaly(score);
      residuals.add(residual);
      Direction direction = residual < 0 ? Direction.DROP : Direction.RISE;
      double k = rule.fences().k();
      return new Verdict(bin, score, direction, Severity.ofScore(score, anomaly), anomaly,
          scored ? bin.forecast() + fences.low() - k * fences.spread() : Double.NEGATIVE_INFINITY,
          scored ? bin.forecast() + fences.high() + k * fences.spread() : Double.POSITIVE_INFINITY);
    }
  }
}
