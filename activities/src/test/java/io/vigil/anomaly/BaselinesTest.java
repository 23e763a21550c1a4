package io.vigil.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.SeriesBin;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every baseline on a small hand-built history whose answers can be worked out: hourly bins, a one-day lookback,
 * three active bins needed for a baseline, a pair used in under 20% of a user's bins is rare.
 */
class BaselinesTest {

  private static final Instant H0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final Baselines BASELINES = new Baselines(Duration.ofDays(1), 3, 0.2, TukeyFences.tukey());
  private static final TimeRange JUDGED = new TimeRange(hour(10), hour(12));

  private static Instant hour(int h) {
    return H0.plus(Duration.ofHours(h));
  }

  private static SeriesBin row(int h, String host, String user, String ip, String activity) {
    return new SeriesBin("Signins", host, user, ip, activity, hour(h), 1, null, null, null, null);
  }

  /**
   * Hours 0 to 9: alice signs in from IP A on host H1, once also from IP B (hour 1) and host H2 (hour 2); bob from IP
   * A on host H3. Hour 10: alice adds IP C with a new activity, Admin. Hour 11: alice uses IPs A, B, D and E and hosts
   * H1 and H2; carol, dave and erin, never seen before, sign in from IP A; bob is away.
   */
  private static List<SeriesBin> history() {
    List<SeriesBin> rows = new ArrayList<>();
    for (int h = 0; h < 10; h++) {
      rows.add(row(h, "H1", "alice", "A", "Logon"));
      rows.add(row(h, "H3", "bob", "A", "Logon"));
    }
    rows.add(row(1, "H1", "alice", "B", "Logon"));
    rows.add(row(2, "H2", "alice", "A", "Logon"));
    rows.add(row(10, "H1", "alice", "A", "Logon"));
    rows.add(row(10, "H1", "alice", "C", "Admin"));
    rows.add(row(11, "H1", "alice", "A", "Logon"));
    rows.add(row(11, "H1", "alice", "B", "Logon"));
    rows.add(row(11, "H1", "alice", "D", "Logon"));
    rows.add(row(11, "H2", "alice", "E", "Logon"));
    for (String newcomer : List.of("carol", "dave", "erin")) {
      rows.add(row(11, "", newcomer, "A", ""));
    }
    return rows;
  }

  private static String describe(Finding finding) {
    return finding.kind().id() + " " + String.join("|", finding.hostname(), finding.user(), finding.srcIpAddr(),
        finding.activity()) + " @" + Duration.between(H0, finding.bin()).toHours();
  }

  @Test
  void everyBaselineFindsWhatTheHistoryImplies() {
    List<Finding> findings = BASELINES.judge(history(), JUDGED, H0.minus(Duration.ofDays(2)));

    assertEquals(Set.of(
        "FirstSeenUserIp |alice|C| @10",
        "FirstSeenUserActivity |alice||Admin @10",
        "FirstSeenUserIp |alice|D| @11",
        "FirstSeenUserIp |alice|E| @11",
        "FirstSeenUserIp |carol|A| @11",
        "FirstSeenUserIp |dave|A| @11",
        "FirstSeenUserIp |erin|A| @11",
        // Four IPs against a history of mostly one: (4 - 1) / 1 = 3 spreads above the high fence.
        "IpsPerUser |alice|| @11",
        // B was used in 1 of alice's 11 earlier bins, H2 in 1 of 11: under 20%.
        "AbnormalIpForUser |alice|B| @11",
        "AbnormalHostForUser H2|alice|| @11",
        // Four users from A against a history of two: (4 - 2) / 1 = 2.
        "UsersPerIp ||A| @11"),
        findings.stream().map(BaselinesTest::describe).collect(Collectors.toSet()));
    assertEquals(11, findings.size(), "each finding once");
  }

  @Test
  void distinctCountsCarryTheirFencesScoreAndMedian() {
    Finding ips = BASELINES.judge(history(), JUDGED, H0.minus(Duration.ofDays(2))).stream()
        .filter(f -> f.kind() == AnomalyKind.IPS_PER_USER).findFirst().orElseThrow();

    assertEquals(Baselines.DISTINCT_IPS, ips.metric());
    assertEquals(4, ips.actual());
    assertEquals(1, ips.expected(), "the median of alice's earlier distinct counts");
    assertEquals(3.0, ips.score(), 1e-12);
    assertEquals(Severity.LOW, ips.severity(), "3 is not beyond Tukey's far-out multiple");
    assertEquals(1 + 1.5, ips.upper(), 1e-12, "the high fence plus k spreads of at least one");
  }

  @Test
  void oneMoreValueThanUsualIsNoAnomalyForTheSpreadIsAtLeastOne() {
    // Hour 10: alice's two IPs (A and C) against a history of mostly one score (2 - 1) / 1 = 1, under k = 1.5.
    List<Finding> findings = BASELINES.judge(history(), new TimeRange(hour(10), hour(11)), H0.minus(Duration.ofDays(2)));

    assertTrue(findings.stream().noneMatch(f -> f.kind() == AnomalyKind.IPS_PER_USER), findings::toString);
  }

  @Test
  void firstSeenWaitsUntilTheSeriesCoverAWholeLookback() {
    // The series start at hour 0, so at hours 10 and 11 a pair absent since then may still have been used the day
    // before: no first-seen finding, while the other baselines still judge.
    List<Finding> findings = BASELINES.judge(history(), JUDGED, H0);

    assertTrue(findings.stream().noneMatch(f -> f.kind().id().startsWith("FirstSeen")), findings::toString);
    assertTrue(findings.stream().anyMatch(f -> f.kind() == AnomalyKind.ABNORMAL_IP_FOR_USER));
  }

  @Test
  void aPairLastSeenBeforeTheLookbackIsSeenForTheFirstTimeAgain() {
    List<SeriesBin> rows = new ArrayList<>(history());
    // Alice used IP Z once, 30 hours before hour 11: outside the one-day lookback.
    rows.add(row(-19, "H1", "alice", "Z", "Logon"));
    rows.add(row(11, "H1", "alice", "Z", "Logon"));

    List<String> found = BASELINES.judge(rows, JUDGED, H0.minus(Duration.ofDays(2))).stream()
        .map(BaselinesTest::describe).toList();

    assertTrue(found.contains("FirstSeenUserIp |alice|Z| @11"), found::toString);
  }

  @Test
  void entitiesWithTooFewActiveBinsHaveNoBaselineYet() {
    Baselines strict = new Baselines(Duration.ofDays(1), 20, 0.2, TukeyFences.tukey());

    List<Finding> findings = strict.judge(history(), JUDGED, H0.minus(Duration.ofDays(2)));

    assertTrue(findings.stream().allMatch(f -> f.kind().id().startsWith("FirstSeen")), findings::toString);
    assertEquals(7, findings.size());
  }

  @Test
  void rowsWithoutAUserOrIpAreLeftOut() {
    List<SeriesBin> rows = List.of(row(11, "H1", "", "A", "Logon"), row(11, "H1", "alice", "", ""));

    List<Finding> findings = BASELINES.judge(rows, JUDGED, H0.minus(Duration.ofDays(2)));

    assertEquals(List.of("FirstSeenUserHost H1|alice|| @11"), findings.stream().map(BaselinesTest::describe).toList());
  }
}
