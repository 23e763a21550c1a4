package io.vigil.inference;

import io.vigil.forecast.SeriesMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Ranking quality of scores against 0/1 labels: ROC-AUC as the Mann-Whitney statistic (a tie counts one half) and
 * PR-AUC as average precision (the precision at each positive, over the positives, ties taken together), the same
 * definitions the training scripts' metrics use. ROC-AUC is NaN when the labels hold only one class, PR-AUC when they
 * hold no positive. {@link #bootstrapInterval} says how far either may move with another sample of the same kind.
 */
public final class DetectionMetrics {

  private DetectionMetrics() {}

  public static double rocAuc(double[] scores, int[] labels) {
    Integer[] order = ascending(scores);
    long positives = Arrays.stream(labels).filter(label -> label == 1).count();
    long negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    // Rank sum of the positives, with tied scores sharing their average rank.
    double rankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          rankSum += averageRank;
        }
      }
      i = j + 1;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  public static double prAuc(double[] scores, int[] labels) {
    Integer[] order = ascending(scores);
    long positives = Arrays.stream(labels).filter(label -> label == 1).count();
    if (positives == 0) {
      return Double.NaN;
    }
    // Walk from the highest score down; a group of tied scores enters the ranking at once.
    double sum = 0;
    int truePositives = 0;
    int seen = 0;
    int i = order.length - 1;
    while (i >= 0) {
      int j = i;
      int groupPositives = 0;
      while (j >= 0 && scores[order[j]] == scores[order[i]]) {
        groupPositives += labels[order[j]];
        j--;
      }
      seen += i - j;
      truePositives += groupPositives;
      sum += groupPositives * ((double) truePositives / seen);
      i = j;
    }
    return sum / positives;
  }

  /** A two-sided interval of a metric, with the number of resamples it rests on. */
  public record Interval(double low, double high, int resamples) {}

  /**
   * The central 95 % of {@code metric} over {@code resamples} cluster bootstrap resamples: each resample draws as many
   * clusters as there are, with replacement, and keeps every item of each drawn cluster. Items that share a cluster
   * (overlapping windows of one entity, say) are not independent, and resampling them apart would make the interval
   * too narrow. Resamples whose metric is undefined (one class only) are left out; the interval is NaN to NaN when
   * fewer than half of them remain. The same seed gives the same interval.
   *
   * @param clusters the cluster of each item, any ints
   */
  public static Interval bootstrapInterval(double[] scores, int[] labels, int[] clusters,
      ToDoubleBiFunction<double[], int[]> metric, int resamples, long seed) {
    Map<Integer, List<Integer>> members = new LinkedHashMap<>();
    for (int i = 0; i < clusters.length; i++) {
      members.computeIfAbsent(clusters[i], cluster -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> groups = new ArrayList<>(members.values());
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[resamples];
    int defined = 0;
    for (int r = 0; r < resamples; r++) {
      List<Integer> drawn = new ArrayList<>(scores.length);
      for (int g = 0; g < groups.size(); g++) {
        drawn.addAll(groups.get(random.nextInt(groups.size())));
      }
      double[] resampledScores = new double[drawn.size()];
      int[] resampledLabels = new int[drawn.size()];
      for (int i = 0; i < drawn.size(); i++) {
        resampledScores[i] = scores[drawn.get(i)];
        resampledLabels[i] = labels[drawn.get(i)];
      }
      double value = metric.applyAsDouble(resampledScores, resampledLabels);
      if (!Double.isNaN(value)) {
        values[defined++] = value;
      }
    }
    if (defined == 0 || defined < resamples / 2) {
      return new Interval(Double.NaN, Double.NaN, defined);
    }
    Arrays.sort(values, 0, defined);
    return new Interval(SeriesMath.percentile(values, defined, 2.5), SeriesMath.percentile(values, defined, 97.5),
        defined);
  }

  private static Integer[] ascending(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    return order;
  }
}
