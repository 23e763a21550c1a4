package io.vigil.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentRuleTest {

  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  private static final IncidentRule RULE = new IncidentRule(Duration.ofHours(4), 5.0);

  private record Weighted(Instant bin, double weight) {}

  private static Weighted at(int hours, double weight) {
    return new Weighted(T0.plus(Duration.ofHours(hours)), weight);
  }

  private static List<IncidentRule.Incident<Weighted>> incidents(List<Weighted> anomalies) {
    return RULE.incidents(anomalies, Weighted::bin, Weighted::weight);
  }

  @Test
  void reachingTheThresholdWithinTheWindowRaisesAnIncident() {
    // 3 + 2 = 5 within four hours, given out of order: one incident; the anomaly after it starts afresh.
    List<IncidentRule.Incident<Weighted>> incidents = incidents(List.of(at(3, 2), at(0, 3), at(5, 1)));

    assertEquals(1, incidents.size());
    IncidentRule.Incident<Weighted> incident = incidents.get(0);
    assertEquals(5.0, incident.weight());
    assertEquals(T0, incident.first());
    assertEquals(T0.plus(Duration.ofHours(3)), incident.last());
    assertEquals(List.of(at(0, 3), at(3, 2)), incident.anomalies());
  }

  @Test
  void anomaliesTooFarApartOrTooLightRaiseNothing() {
    assertTrue(incidents(List.of(at(0, 3), at(5, 2))).isEmpty());
    assertTrue(incidents(List.of(at(0, 1), at(1, 1), at(2, 1), at(3, 1))).isEmpty());
    // The window is inclusive: first and last exactly four hours apart still make one incident.
    assertEquals(1, incidents(List.of(at(0, 1), at(1, 1), at(2, 1), at(3, 1), at(4, 1))).size());
  }

  @Test
  void theWindowSlidesPastOldAnomalies() {
    // 3 + 2 would reach 5, but hour 0 has left the window by hour 5; 2 + 3 = 5 from hours 5 to 6.
    List<IncidentRule.Incident<Weighted>> incidents = incidents(List.of(at(0, 3), at(5, 2), at(6, 3)));

    assertEquals(1, incidents.size());
    assertEquals(T0.plus(Duration.ofHours(5)), incidents.get(0).first());
    assertEquals(5.0, incidents.get(0).weight());
  }

  @Test
  void eachAnomalyCountsTowardsOneIncidentOnly() {
    List<IncidentRule.Incident<Weighted>> incidents = incidents(List.of(at(0, 3), at(1, 3), at(2, 3), at(3, 3)));

    assertEquals(2, incidents.size());
    assertEquals(List.of(at(0, 3), at(1, 3)), incidents.get(0).anomalies());
    assertEquals(List.of(at(2, 3), at(3, 3)), incidents.get(1).anomalies());
  }

  @Test
  void zeroWeightAnomaliesNeverRaiseAnIncident() {
    assertTrue(incidents(List.of(at(0, 0), at(1, 0), at(2, 0))).isEmpty());
  }
}
