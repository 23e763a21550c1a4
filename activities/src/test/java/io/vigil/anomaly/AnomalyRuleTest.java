package io.vigil.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rule on eight weeks of hourly bins: a daily sine forecast exactly, plus Gaussian noise (standard deviation 1,
 * fixed seed), scored against a 7-day trailing window.
 */
class AnomalyRuleTest {

  private static final int BINS = 8 * 7 * 24;
  private static final int WEEK = 7 * 24;
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  private static List<AnomalyRule.Bin> noisySine(long seed, int spikeAt, double spike) {
    Random random = new Random(seed);
    List<AnomalyRule.Bin> bins = new ArrayList<>();
    for (int t = 0; t < BINS; t++) {
      double forecast = 100 + 20 * Math.sin(2 * Math.PI * t / 24);
      double actual = forecast + random.nextGaussian() + (t == spikeAt ? spike : 0);
      bins.add(new AnomalyRule.Bin(START.plus(Duration.ofHours(t)), actual, forecast));
    }
    return bins;
  }

  @Test
  void anInjectedSpikeIsFoundAsAHighRise() {
    int spikeAt = 5 * WEEK + 13;
    List<AnomalyRule.Verdict> verdicts = new AnomalyRule(TukeyFences.customTukey(), WEEK, 24)
        .apply(noisySine(1, spikeAt, 20));

    AnomalyRule.Verdict spike = verdicts.get(spikeAt);
    assertTrue(spike.anomaly(), spike.toString());
    assertEquals(AnomalyRule.Direction.RISE, spike.direction());
    assertEquals(Severity.HIGH, spike.severity());
    assertEquals(1, verdicts.stream().filter(AnomalyRule.Verdict::anomaly).count());
  }

  @Test
  void anInjectedDropIsFoundAsADrop() {
    int dropAt = 3 * WEEK;
    AnomalyRule.Verdict drop = new AnomalyRule(TukeyFences.tukey(), WEEK, 24).apply(noisySine(2, dropAt, -8))
        .get(dropAt);

    assertTrue(drop.anomaly(), drop.toString());
    assertTrue(drop.score() < -3, drop.toString());
    assertEquals(AnomalyRule.Direction.DROP, drop.direction());
  }

  @Test
  void pureNoiseGivesFewOrNoAnomalies() {
    List<AnomalyRule.Bin> noise = noisySine(3, -1, 0);

    // Gaussian noise passes Tukey's 1.5 IQR fences 0.7% of the time; the 10th-90th fences are 5.1 sigma out.
    long tukey = new AnomalyRule(TukeyFences.tukey(), WEEK, 24).apply(noise).stream()
        .filter(AnomalyRule.Verdict::anomaly).count();
    long custom = new AnomalyRule(TukeyFences.customTukey(), WEEK, 24).apply(noise).stream()
        .filter(AnomalyRule.Verdict::anomaly).count();
    assertTrue(tukey < 0.02 * BINS, tukey + " anomalies");
    assertEquals(0, custom);
  }

  @Test
  void binsBeforeTheMinimumHistoryAreNotScored() {
    List<AnomalyRule.Verdict> verdicts = new AnomalyRule(TukeyFences.tukey(), WEEK, 24).apply(noisySine(4, 10, 50));

    AnomalyRule.Verdict early = verdicts.get(10);
    assertEquals(0, early.score());
    assertFalse(early.anomaly());
    assertEquals(Severity.INFORMATIONAL, early.severity());
  }

  @Test
  void severityGrowsWithTheScore() {
    assertEquals(Severity.INFORMATIONAL, Severity.ofScore(1.4, false));
    assertEquals(Severity.LOW, Severity.ofScore(-2.5, true));
    assertEquals(Severity.MEDIUM, Severity.ofScore(4, true));
    assertEquals(Severity.HIGH, Severity.ofScore(Double.NEGATIVE_INFINITY, true));
  }
}
