package io.vigil.inference;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Ranking quality of scores against 0/1 labels: ROC-AUC as the Mann-Whitney statistic (a tie counts one half) and
 * PR-AUC as average precision (the precision at each positive, over the positives, ties taken together), the same
 * definitions the training scripts' metrics use. ROC-AUC is NaN when the labels hold only one class, PR-AUC when they
 * hold no positive.
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

  private static Integer[] ascending(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    return order;
  }
}
