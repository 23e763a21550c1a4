package io.vigil.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentRuleTest {

  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  private static final IncidentRule RULE = new IncidentRule(
      Map.of(new IncidentRule.WeightKey("SigninLogs", "Failed"), 3.0,
          new IncidentRule.WeightKey("FileEvents", "FileDeleted"), 2.0),
      1.0, Duration.ofHours(4), 5.0);

  private static IncidentRule.Anomaly at(String source, String activity, int hours) {
    return new IncidentRule.Anomaly(source, activity, T0.plus(Duration.ofHours(hours)));
  }

  @Test
  void weightsComeFromSourceAndActivityWithADefault() {
    assertEquals(3.0, RULE.weightOf(at("SigninLogs", "Failed", 0)));
    assertEquals(1.0, RULE.weightOf(at("SigninLogs", "Success", 0)));
  }

  @Test
  void reachingTheThresholdWithinTheWindowRaisesAnIncident() {
    // 3 + 2 = 5 within four hours: one incident; the default-weight anomaly after it starts afresh.
    List<IncidentRule.Incident> incidents = RULE.incidents(List.of(
        at("FileEvents", "FileDeleted", 3), at("SigninLogs", "Failed", 0), at("Other", "X", 5)));

    assertEquals(1, incidents.size());
    IncidentRule.Incident incident = incidents.get(0);
    assertEquals(5.0, incident.weight());
    assertEquals(T0, incident.first());
    assertEquals(T0.plus(Duration.ofHours(3)), incident.last());
    assertEquals(2, incident.anomalies().size());
  }

  @Test
  void anomaliesTooFarApartOrTooLightRaiseNothing() {
    assertTrue(RULE.incidents(List.of(at("SigninLogs", "Failed", 0), at("FileEvents", "FileDeleted", 5))).isEmpty());
    assertTrue(RULE.incidents(List.of(at("A", "a", 0), at("A", "a", 1), at("A", "a", 2), at("A", "a", 3))).isEmpty());
    assertEquals(1, RULE.incidents(List.of(at("A", "a", 0), at("A", "a", 1), at("A", "a", 2), at("A", "a", 3),
        at("A", "a", 4))).size());
  }

  @Test
  void eachAnomalyCountsTowardsOneIncidentOnly() {
    List<IncidentRule.Anomaly> failures = List.of(at("SigninLogs", "Failed", 0), at("SigninLogs", "Failed", 1),
        at("SigninLogs", "Failed", 2), at("SigninLogs", "Failed", 3));

    List<IncidentRule.Incident> incidents = RULE.incidents(failures);

    assertEquals(2, incidents.size());
    assertEquals(T0.plus(Duration.ofHours(2)), incidents.get(1).first());
  }
}
