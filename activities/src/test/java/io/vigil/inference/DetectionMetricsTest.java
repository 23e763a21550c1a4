package io.vigil.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DetectionMetricsTest {

  @Test
  void rocAucIsTheShareOfPositiveNegativePairsRankedRightWithTiesAsHalves() {
    assertEquals(1.0, DetectionMetrics.rocAuc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1}));
    assertEquals(0.0, DetectionMetrics.rocAuc(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {0, 0, 1, 1}));
    // Pairs: (0.5+, 0.5-) tie = 1/2, (0.5+, 0.1-) right, (0.3+, 0.5-) wrong, (0.3+, 0.1-) right: 2.5 / 4.
    assertEquals(0.625, DetectionMetrics.rocAuc(new double[] {0.5, 0.5, 0.3, 0.1}, new int[] {1, 0, 1, 0}));
    assertTrue(Double.isNaN(DetectionMetrics.rocAuc(new double[] {0.1, 0.2}, new int[] {1, 1})));
  }

  @Test
  void prAucIsTheMeanPrecisionAtEachPositiveWithTiedScoresEnteringTogether() {
    // Ranked: 0.9+ (P 1), 0.8- , 0.7+ (P 2/3): (1 + 2/3) / 2.
    assertEquals(5.0 / 6, DetectionMetrics.prAuc(new double[] {0.9, 0.8, 0.7}, new int[] {1, 0, 1}), 1e-12);
    // A tie of one positive and one negative enters at once: precision 1/2 for that positive.
    assertEquals(0.5, DetectionMetrics.prAuc(new double[] {0.5, 0.5}, new int[] {1, 0}), 1e-12);
    assertEquals(1.0, DetectionMetrics.prAuc(new double[] {0.5, 0.4}, new int[] {1, 1}), 1e-12);
    assertTrue(Double.isNaN(DetectionMetrics.prAuc(new double[] {0.5}, new int[] {0})));
  }

  @Test
  void bootstrapIntervalResamplesWholeClustersSoCopiesInOneClusterAddNoFalseCertainty() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 40;
    double[] scores = new double[n];
    int[] labels = new int[n];
    int[] own = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      scores[i] = random.nextDouble() + 0.6 * labels[i];
      own[i] = i;
    }
    // Every item four times over, as overlapping windows repeat flows: a copy of each item per window.
    double[] copiedScores = new double[4 * n];
    int[] copiedLabels = new int[4 * n];
    int[] copiedCluster = new int[4 * n];
    int[] copiedOwn = new int[4 * n];
    for (int i = 0; i < 4 * n; i++) {
      copiedScores[i] = scores[i / 4];
      copiedLabels[i] = labels[i / 4];
      copiedCluster[i] = i / 4;
      copiedOwn[i] = i;
    }
    DetectionMetrics.Interval sample =
        DetectionMetrics.bootstrapInterval(scores, labels, own, DetectionMetrics::rocAuc, 500, 11);
    DetectionMetrics.Interval clustered = DetectionMetrics.bootstrapInterval(copiedScores, copiedLabels,
        copiedCluster, DetectionMetrics::rocAuc, 500, 11);
    DetectionMetrics.Interval apart = DetectionMetrics.bootstrapInterval(copiedScores, copiedLabels, copiedOwn,
        DetectionMetrics::rocAuc, 500, 11);

    double auc = DetectionMetrics.rocAuc(scores, labels);
    assertTrue(sample.low() < auc && auc < sample.high(), sample + " around " + auc);
    // Copies drawn together leave every resample's ROC-AUC as it was, so the interval is the plain sample's.
    assertEquals(sample, clustered);
    // Drawn apart, the copies pass for four times the evidence and the interval narrows by about half.
    assertTrue(apart.high() - apart.low() < 0.7 * (sample.high() - sample.low()), apart + " vs " + sample);
    assertEquals(clustered, DetectionMetrics.bootstrapInterval(copiedScores, copiedLabels, copiedCluster,
        DetectionMetrics::rocAuc, 500, 11));
  }

  @Test
  void bootstrapIntervalIsExactForAPerfectRankingAndUndefinedForOneClass() {
    double[] scores = {0.1, 0.2, 0.3, 0.8, 0.9, 0.95};
    int[] labels = {0, 0, 0, 1, 1, 1};
    int[] clusters = {0, 1, 2, 3, 4, 5};
    DetectionMetrics.Interval perfect =
        DetectionMetrics.bootstrapInterval(scores, labels, clusters, DetectionMetrics::rocAuc, 200, 1);
    assertEquals(1.0, perfect.low());
    assertEquals(1.0, perfect.high());
    // A few resamples draw one class only; they are left out rather than counted as anything.
    assertTrue(perfect.resamples() > 150 && perfect.resamples() < 200, perfect.toString());

    DetectionMetrics.Interval oneClass = DetectionMetrics.bootstrapInterval(scores, new int[] {1, 1, 1, 1, 1, 1},
        clusters, DetectionMetrics::rocAuc, 200, 1);
    assertTrue(Double.isNaN(oneClass.low()) && Double.isNaN(oneClass.high()));
    assertEquals(0, oneClass.resamples());
  }
}
