package io.vigil.anomaly;

import io.vigil.forecast.SeriesMath;
import io.vigil.model.SeriesBin;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The six baselines of DESIGN section 4, computed from a source's TimeSeries rows. Each judged bin is compared with
 * the {@code lookback} before it, bin by bin, so a rerun over the same rows finds the same anomalies:
 * <ul>
 *   <li>first time seen: a user with a source IP, a host or an activity that the user did not have in any bin of
 *       the lookback. Judged only where the source's series reach back a whole lookback before the bin; before that
 *       "never seen" cannot be told from "not generated";</li>
 *   <li>IPs per user, hosts per user, users per IP: the distinct count in the bin against the entity's own counts
 *       in its active bins of the lookback, with Tukey fences; only rises are anomalies;</li>
 *   <li>abnormal IP or host for a user: a pair seen within the lookback, but in fewer than {@code rareShare} of the
 *       user's active bins there.</li>
 * </ul>
 * Counts and rare pairs need {@code minimumBins} active bins of the entity in the lookback; with fewer there is no
 * baseline yet. Rows with an empty user (or, for users per IP, an empty IP) are left out: the dimension is not
 * configured, or the event had no value.
 *
 * @param lookback BaselineLookbackPeriod
 * @param minimumBins BaselineMinimumBins
 * @param rareShare AbnormalUseShare as a fraction
 * @param fences the fences the distinct counts are judged with
 */
public record Baselines(Duration lookback, int minimumBins, double rareShare, TukeyFences fences) {

  /** Distinct-count metrics as the Anomalies table's Metric column names them. */
  public static final String DISTINCT_IPS = "DistinctIps";
  public static final String DISTINCT_HOSTS = "DistinctHosts";
  public static final String DISTINCT_USERS = "DistinctUsers";
  /** The share of a user's active bins that had a pair, for abnormal IPs and hosts. */
  public static final String USE_SHARE = "UseShare";
  /** First-seen anomalies count the pair's events in its first bin. */
  public static final String COUNT = "Count";

  public Baselines {
    if (lookback.isNegative() || lookback.isZero() || minimumBins < 1 || !(rareShare > 0 && rareShare <= 1)) {
      throw new IllegalArgumentException("need a positive lookback, minimumBins >= 1 and 0 < rareShare <= 1, were "
          + lookback + ", " + minimumBins + " and " + rareShare);
    }
  }

  /** Which checks run over one entity-to-value timeline, and how its findings fill the key columns. */
  private record Timeline(
      Function<SeriesBin, String> entity,
      Function<SeriesBin, String> value,
      AnomalyKind firstSeen,
      AnomalyKind distinct,
      String distinctMetric,
      AnomalyKind rare,
      KeyColumns columns) {}

  /** Places an entity and a value into the Hostname, User, SrcIpAddr and Activity columns of a finding. */
  private interface KeyColumns {
    String[] of(String entity, String value);
  }

  private static final List<Timeline> TIMELINES = List.of(
      new Timeline(SeriesBin::user, SeriesBin::srcIpAddr, AnomalyKind.FIRST_SEEN_USER_IP, AnomalyKind.IPS_PER_USER,
          DISTINCT_IPS, AnomalyKind.ABNORMAL_IP_FOR_USER, (user, ip) -> new String[] {"", user, ip, ""}),
      new Timeline(SeriesBin::user, SeriesBin::hostname, AnomalyKind.FIRST_SEEN_USER_HOST, AnomalyKind.HOSTS_PER_USER,
          DISTINCT_HOSTS, AnomalyKind.ABNORMAL_HOST_FOR_USER, (user, host) -> new String[] {host, user, "", ""}),
      new Timeline(SeriesBin::user, SeriesBin::activity, AnomalyKind.FIRST_SEEN_USER_ACTIVITY, null, null, null,
          (user, activity) -> new String[] {"", user, "", activity}),
      new Timeline(SeriesBin::srcIpAddr, SeriesBin::user, null, AnomalyKind.USERS_PER_IP, DISTINCT_USERS, null,
          (ip, user) -> new String[] {"", user, ip, ""}));

  /**
   * The baseline anomalies of the bins within {@code judged}.
   *
   * @param bins the source's TimeSeries rows over {@code judged} and the lookback before it
   * @param historyStart the source's first bin ever generated, which bounds what "first seen" can know
   */
  public List<Finding> judge(List<SeriesBin> bins, TimeRange judged, Instant historyStart) {
    List<Finding> findings = new ArrayList<>();
    for (Timeline timeline : TIMELINES) {
      Map<String, TreeMap<Instant, Map<String, Long>>> byEntity = new TreeMap<>();
      for (SeriesBin bin : bins) {
        String entity = timeline.entity().apply(bin);
        String value = timeline.value().apply(bin);
        if (entity.isEmpty() || value.isEmpty()) {
          continue;
        }
        byEntity.computeIfAbsent(entity, e -> new TreeMap<>()).computeIfAbsent(bin.timeBin(), t -> new TreeMap<>())
            .merge(value, bin.count(), Long::sum);
      }
      byEntity.forEach((entity, activeBins) ->
          judgeEntity(timeline, entity, activeBins, judged, historyStart, findings));
    }
    return findings;
  }

  /** Slides the lookback over one entity's active bins, judging each bin within {@code judged}. */
  private void judgeEntity(Timeline timeline, String entity, TreeMap<Instant, Map<String, Long>> activeBins,
      TimeRange judged, Instant historyStart, List<Finding> findings) {
    List<Instant> times = new ArrayList<>(activeBins.keySet());
    List<Map<String, Long>> values = new ArrayList<>(activeBins.values());
    // For the bins in the window [oldest, i): how many of them had each value.
    Map<String, Integer> binsWithValue = new HashMap<>();
    int oldest = 0;
    for (int i = 0; i < times.size(); i++) {
      Instant bin = times.get(i);
      Instant windowStart = bin.minus(lookback);
      while (times.get(oldest).isBefore(windowStart)) {
        for (String value : values.get(oldest).keySet()) {
          binsWithValue.merge(value, -1, Integer::sum);
        }
        oldest++;
      }
      if (judged.contains(bin)) {
        int window = i - oldest;
        boolean historyCoversLookback = !windowStart.isBefore(historyStart);
        for (Map.Entry<String, Long> value : values.get(i).entrySet()) {
          int seenIn = binsWithValue.getOrDefault(value.getKey(), 0);
          String[] key = timeline.columns().of(entity, value.getKey());
          if (seenIn == 0 && timeline.firstSeen() != null && historyCoversLookback) {
            findings.add(new Finding(timeline.firstSeen(), key[0], key[1], key[2], key[3], bin, COUNT,
                value.getValue(), 0, 0, 0, null, Severity.LOW));
          } else if (seenIn > 0 && timeline.rare() != null && window >= minimumBins
              && (double) seenIn / window < rareShare) {
            findings.add(new Finding(timeline.rare(), key[0], key[1], key[2], key[3], bin, USE_SHARE,
                (double) seenIn / window, rareShare, rareShare, 1, null, Severity.LOW));
          }
        }
        if (timeline.distinct() != null && window >= minimumBins) {
          judgeDistinct(timeline, entity, bin, values.subList(oldest, i), values.get(i).size(), findings);
        }
      }
      for (String value : values.get(i).keySet()) {
        binsWithValue.merge(value, 1, Integer::sum);
      }
    }
  }

  private void judgeDistinct(Timeline timeline, String entity, Instant bin, List<Map<String, Long>> window,
      int distinct, List<Finding> findings) {
    double[] sample = new double[window.size()];
    for (int j = 0; j < sample.length; j++) {
      sample[j] = window.get(j).size();
    }
    Arrays.sort(sample);
    // Distinct counts move in whole values, so their spread is taken to be at least 1 (see AnomalyRule#tracker).
    TukeyFences.Fences spread = fences.fencesOfSorted(sample, sample.length).atLeast(1);
    double score = spread.score(distinct);
    if (score > 0 && fences.isAnomaly(score)) {
      String[] key = timeline.columns().of(entity, "");
      double k = fences.k();
      findings.add(new Finding(timeline.distinct(), key[0], key[1], key[2], key[3], bin, timeline.distinctMetric(),
          distinct, SeriesMath.percentile(sample, sample.length, 50),
          spread.low() - k * spread.spread(), spread.high() + k * spread.spread(), score,
          Severity.ofScore(score, true)));
    }
  }
}
