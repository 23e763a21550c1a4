package io.vigil.model.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.Dimension;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomalyTest {

  private static final Instant BIN = Instant.parse("2026-11-20T20:00:00Z");

  private static Anomaly anomaly(AnomalyKind kind, String hostname, String user, String ip, String activity,
      Instant bin, String metric, double actual, Instant detectedAt) {
    return new Anomaly("SampleSigninLogs", kind, hostname, user, ip, activity, bin, metric, actual, 1, 0, 2, 7.5,
        Severity.HIGH, "Unusual sign-in activity", Severity.MEDIUM, 1, false, "SELECT 1", detectedAt);
  }

  @Test
  void theIdComesFromTheNaturalKeyOnlyNotFromWhatTheRunMeasured() {
    Anomaly first = anomaly(AnomalyKind.FORECAST_DEVIATION, "WS-1", "alice", "10.0.0.1", "Logon", BIN, "Count", 40,
        Instant.parse("2026-11-20T21:00:00Z"));
    Anomaly rerun = anomaly(AnomalyKind.FORECAST_DEVIATION, "WS-1", "alice", "10.0.0.1", "Logon", BIN, "Count", 41,
        Instant.parse("2026-11-21T08:00:00Z"));

    assertEquals(first.id(), rerun.id());
    assertTrue(first.id().matches("an-[0-9a-f]{16}"), first.id());
  }

  @Test
  void everyPartOfTheNaturalKeyChangesTheId() {
    Anomaly base = anomaly(AnomalyKind.FORECAST_DEVIATION, "WS-1", "alice", "10.0.0.1", "Logon", BIN, "Count", 1, BIN);
    for (Anomaly other : new Anomaly[] {
        anomaly(AnomalyKind.FIRST_SEEN_USER_IP, "WS-1", "alice", "10.0.0.1", "Logon", BIN, "Count", 1, BIN),
        anomaly(AnomalyKind.FORECAST_DEVIATION, "WS-2", "alice", "10.0.0.1", "Logon", BIN, "Count", 1, BIN),
        anomaly(AnomalyKind.FORECAST_DEVIATION, "WS-1", "bob", "10.0.0.1", "Logon", BIN, "Count", 1, BIN),
        anomaly(AnomalyKind.FORECAST_DEVIATION, "WS-1", "alice", "10.0.0.2", "Logon", BIN, "Count", 1, BIN),
        anomaly(AnomalyKind.FORECAST_DEVIATION, "WS-1", "alice", "10.0.0.1", "Logoff", BIN, "Count", 1, BIN),
        anomaly(AnomalyKind.FORECAST_DEVIATION, "WS-1", "alice", "10.0.0.1", "Logon", BIN.plusSeconds(3600), "Count",
            1, BIN),
        anomaly(AnomalyKind.FORECAST_DEVIATION, "WS-1", "alice", "10.0.0.1", "Logon", BIN, "Sum", 1, BIN)}) {
      assertNotEquals(base.id(), other.id(), other.toString());
    }
  }

  @Test
  void valuesThatConcatenateAlikeStillGetDifferentIds() {
    Anomaly a = anomaly(AnomalyKind.FORECAST_DEVIATION, "ab", "c", "", "", BIN, "Count", 1, BIN);
    Anomaly b = anomaly(AnomalyKind.FORECAST_DEVIATION, "a", "bc", "", "", BIN, "Count", 1, BIN);

    assertNotEquals(a.id(), b.id());
  }

  @Test
  void aDeviationFiltersItsWholeKeyAndABaselineOnlyTheColumnsItFills() {
    Anomaly deviation = anomaly(AnomalyKind.FORECAST_DEVIATION, "", "alice", "10.0.0.1", "", BIN, "Count", 1, BIN);
    Anomaly firstSeen = anomaly(AnomalyKind.FIRST_SEEN_USER_IP, "", "alice", "10.0.0.1", "", BIN, "Count", 1, BIN);

    assertEquals(Map.of(Dimension.HOSTNAME, "", Dimension.USER, "alice", Dimension.SRC_IP_ADDR, "10.0.0.1",
        Dimension.ACTIVITY, ""), deviation.evidenceKey());
    assertEquals(Map.of(Dimension.USER, "alice", Dimension.SRC_IP_ADDR, "10.0.0.1"), firstSeen.evidenceKey());
  }
}
