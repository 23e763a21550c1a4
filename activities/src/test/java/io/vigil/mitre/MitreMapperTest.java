package io.vigil.mitre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.flows.FlowSequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MitreMapperTest {

  private static final MitreMapper MAPPER = MitreMapper.withBundledCatalog();

  /** Every technique the rules may report, with the tactic it is reported under. */
  private static final Map<String, String> EXPECTED_TACTICS = Map.ofEntries(
      Map.entry("T1046", "TA0007"), Map.entry("T1110", "TA0006"), Map.entry("T1071", "TA0011"),
      Map.entry("T1071.001", "TA0011"), Map.entry("T1498.001", "TA0040"), Map.entry("T1041", "TA0010"),
      Map.entry("T1048", "TA0010"), Map.entry("T1021", "TA0008"), Map.entry("T1021.001", "TA0008"),
      Map.entry("T1021.002", "TA0008"), Map.entry("T1021.003", "TA0008"), Map.entry("T1021.004", "TA0008"),
      Map.entry("T1021.005", "TA0008"), Map.entry("T1021.006", "TA0008"));

  @Test
  void everyTechniqueTheMapperCanReportIsInTheBundledCatalogUnderItsTactic() {
    AttackCatalog catalog = AttackCatalog.bundled();
    Map<String, String> reported = MitreMapper.techniques().stream()
        .collect(Collectors.toMap(TechniqueRef::techniqueId, TechniqueRef::tacticId));

    assertEquals(EXPECTED_TACTICS, reported);
    for (TechniqueRef reference : MitreMapper.techniques()) {
      assertTrue(catalog.technique(reference.techniqueId()).orElseThrow().serves(reference.tacticId()),
          reference.toString());
      assertTrue(catalog.tactic(reference.tacticId()).isPresent(), reference.toString());
    }
  }

  @Test
  void namesComeFromTheCatalog() {
    MitreMapper mapper = new MitreMapper(catalogOf(EXPECTED_TACTICS));

    MitreMapping mapping = mapper.map(verticalScan()).get(0);

    assertEquals("Technique T1046", mapping.techniqueName());
    assertEquals("Tactic TA0007", mapping.tacticName());
  }

  @Test
  void aCatalogThatLacksATechniqueOrFilesItUnderAnotherTacticIsRefused() {
    Map<String, String> withoutScanning = new LinkedHashMap<>(EXPECTED_TACTICS);
    withoutScanning.remove("T1046");
    assertEquals("the ATT&CK catalog has no technique T1046, which the MITRE mapping rules report",
        assertThrows(IllegalStateException.class, () -> new MitreMapper(catalogOf(withoutScanning))).getMessage());

    Map<String, String> scanningAsReconnaissance = new LinkedHashMap<>(EXPECTED_TACTICS);
    scanningAsReconnaissance.put("T1046", "TA0043");
    assertEquals("the ATT&CK catalog files technique T1046 under [TA0043], not under TA0007 as the MITRE mapping "
        + "rules report it", assertThrows(IllegalStateException.class,
            () -> new MitreMapper(catalogOf(scanningAsReconnaissance))).getMessage());
  }

  @Test
  void aVerticalScanIsNetworkServiceDiscovery() {
    assertEquals(List.of(new MitreMapping("TA0007", "Discovery", "T1046", "Network Service Discovery", 1.0,
        "16 flows to 14 distinct destination ports of 1 host within 19 s, 0 response bytes")),
        MAPPER.map(verticalScan()));
  }

  @Test
  void aHorizontalScanIsNetworkServiceDiscovery() {
    TestFlows flows = TestFlows.from("10.0.0.9");
    for (int i = 0; i < 16; i++) {
      flows.flow(i * 0.25, "10.0.1." + (i + 1), 23, 0, 0, 0);
    }

    assertEquals(List.of("T1046: 16 flows to 16 distinct hosts on destination port 23 within 3.8 s, 0 response bytes"),
        summary(MAPPER.map(flows.sequence())));
  }

  @Test
  void aFastScanIsNotAFlood() {
    TestFlows flows = TestFlows.from("203.0.113.7");
    for (int i = 0; i < 16; i++) {
      flows.flow(i * 0.005, "10.0.0.5", 1000 + i, 0, 0, 0);
    }

    assertEquals(List.of("T1046"), ids(MAPPER.map(flows.sequence())));
  }

  @Test
  void aSmallScanIsOnlyAPossibleMatch() {
    TestFlows flows = TestFlows.from("193.201.9.236");
    for (int port : new int[] {8273, 8336, 8229, 8239}) {
      flows.flow(port - 8200, "10.0.0.5", port, 0, 0, 0);
    }

    MitreMapping mapping = MAPPER.map(flows.sequence()).get(0);

    assertEquals("T1046", mapping.techniqueId());
    // Four targets are a ninth of the way from 3 to 12; every probe unanswered is the full way from 0.8 to 1.
    assertEquals(0.3 + 0.7 * (1.0 / 9 + 1) / 2, mapping.confidence(), 1e-9);
  }

  @Test
  void retriesOfOneServiceAndOrdinaryBrowsingMapToNothing() {
    TestFlows retries = TestFlows.from("45.61.188.53");
    for (int i = 0; i < 4; i++) {
      retries.flow(i * 3, "10.0.0.5", 5555, 0, 0, 0);
    }
    assertEquals(List.of(), MAPPER.map(retries.sequence()));
    assertEquals(List.of(), MAPPER.map(browsing()));
  }

  @Test
  void manyAlikeShortLoginsToOneSshServerAreBruteForce() {
    List<MitreMapping> mappings = MAPPER.map(sshLogins(12, 1.5, 1_800));

    assertEquals(List.of("T1110: 12 connections to 10.0.0.5 port 22 (SSH) within 33 s, 100% answered, median 1.5 s "
        + "and 2,120 bytes sent each (size variation 0.01)"), summary(mappings));
    assertEquals("Credential Access", mappings.get(0).tacticName());
    // Twelve attempts are 0.6 of the way from 6 to 16; a size variation of 0.01 is past its saturation of 0.1.
    assertEquals(0.3 + 0.7 * (0.6 + 1) / 2, mappings.get(0).confidence(), 1e-9);
  }

  @Test
  void fewLoginsLongSessionsOrUnansweredConnectionsAreNotBruteForce() {
    assertEquals(List.of(), MAPPER.map(sshLogins(4, 1.5, 1_800)), "a few retries");
    assertEquals(List.of(), MAPPER.map(sshLogins(12, 600, 1_800)), "interactive sessions");
    assertEquals(List.of(), MAPPER.map(sshLogins(12, 1.5, 0)), "nothing answered: probes, not logins");
  }

  @Test
  void regularSmallCheckInsAreCommandAndControl() {
    List<MitreMapping> web = MAPPER.map(checkIns(443, 350, 1_200, 60, 61.5, 58.7, 60.2, 59.1, 60.9, 60.4, 59.8, 60.0));
    assertEquals(List.of("T1071.001"), ids(web));
    assertEquals("Command and Control", web.get(0).tacticName());
    assertEquals("Web Protocols", web.get(0).techniqueName());
    assertTrue(web.get(0).evidence().startsWith("10 flows to 203.0.113.50 port 443 every 60 s on average"),
        web.get(0).evidence());

    // The IoT-23 capture's IRC command channel: unanswered attempts every 8 s, no payload.
    List<MitreMapping> irc = MAPPER.map(checkIns(6667, 0, 0, 8.1, 8.3, 7.9, 8.2, 8.0, 8.4, 7.8));
    assertEquals(List.of("T1071"), ids(irc));
    assertEquals("Application Layer Protocol", irc.get(0).techniqueName());
  }

  @Test
  void irregularOrLargeFlowsToOneServerAreNotCommandAndControl() {
    assertEquals(List.of(), MAPPER.map(checkIns(443, 350, 1_200, 5, 120, 7, 300, 2, 45, 600, 10, 33)));
    assertEquals(List.of(), MAPPER.map(checkIns(443, 900_000, 1_200, 60, 60, 60, 60, 60, 60, 60, 60, 60)),
        "regular uploads of a megabyte are transfers, not check-ins");
  }

  @Test
  void aBurstOfUnansweredFlowsToOneServiceIsADirectNetworkFlood() {
    List<MitreMapping> mappings = MAPPER.map(flood(0));

    assertEquals(List.of("T1498.001: 16 flows to 203.0.113.80 (1 port) within 0.100 s (150 flows/s), 960 bytes "
        + "sent, 0 response bytes"), summary(mappings));
    assertEquals("Impact", mappings.get(0).tacticName());
    // 150 flows/s is log10(150 / 10) / log10(1000 / 10) of the way; no answer at all is the full way.
    assertEquals(0.3 + 0.7 * (Math.log10(15) / 2 + 1) / 2, mappings.get(0).confidence(), 1e-9);
  }

  @Test
  void aBurstThatIsAnsweredIsNotAFlood() {
    assertEquals(List.of(), MAPPER.map(flood(5_000)));
  }

  @Test
  void aLargeOneSidedUploadToAnOutsideAddressIsExfiltration() {
    List<MitreMapping> web = MAPPER.map(upload("203.0.113.99", 443, 30_000_000, 20_000));
    assertEquals(List.of("T1041: 120,000,000 bytes sent to 203.0.113.99 (mostly port 443) in 4 flows within 90 s, "
        + "80,000 bytes received (1,500 times more sent than received, 80 packets back)"), summary(web));
    assertEquals("Exfiltration", web.get(0).tacticName());

    assertEquals(List.of("T1048"), ids(MAPPER.map(upload("203.0.113.99", 21, 30_000_000, 20_000))));
  }

  @Test
  void downloadsAndInternalCopiesAreNotExfiltration() {
    assertEquals(List.of(), MAPPER.map(upload("203.0.113.99", 443, 2_000, 30_000_000)));
    assertEquals(List.of(), MAPPER.map(upload("10.0.0.8", 445, 30_000_000, 20_000)));
  }

  @Test
  void anInternalHostReachingSeveralInternalHostsOnAdminServicesIsLateralMovement() {
    List<MitreMapping> smb = MAPPER.map(adminSessions("10.0.0.9", 445, 445, 445, 445, 445));
    assertEquals(List.of("T1021.002: answered connections from internal 10.0.0.9 to 5 internal hosts on port 445 "
        + "within 40 s: 10.0.0.20, 10.0.0.21, 10.0.0.22, 10.0.0.23, 10.0.0.24"), summary(smb));
    assertEquals("Lateral Movement", smb.get(0).tacticName());
    assertEquals("SMB/Windows Admin Shares", smb.get(0).techniqueName());

    assertEquals(List.of("T1021.001"), ids(MAPPER.map(adminSessions("192.168.4.2", 3389, 3389, 3389))));
    assertEquals(List.of("T1021"), ids(MAPPER.map(adminSessions("172.16.0.3", 445, 3389, 445, 22))),
        "several services: the parent technique");
  }

  @Test
  void adminSessionsFromOutsideOrToFewHostsAreNotLateralMovement() {
    assertEquals(List.of(), MAPPER.map(adminSessions("198.51.100.4", 445, 445, 445, 445)));
    assertEquals(List.of(), MAPPER.map(adminSessions("10.0.0.9", 445, 3389)));
  }

  @Test
  void theModelScoreTempersTheRuleConfidence() {
    FlowSequence logins = sshLogins(12, 1.5, 1_800);
    double ruleConfidence = MAPPER.map(logins).get(0).confidence();

    assertEquals(ruleConfidence, MAPPER.map(logins, 1.0).get(0).confidence(), 1e-12);
    assertEquals(ruleConfidence * 0.8, MAPPER.map(logins, 0.6).get(0).confidence(), 1e-12);
    assertEquals(ruleConfidence / 2, MAPPER.map(logins, 0.0).get(0).confidence(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> MAPPER.map(logins, 1.5));
    assertThrows(IllegalArgumentException.class, () -> MAPPER.map(logins, Double.NaN));
  }

  @Test
  void anEmptySequenceMapsToNothing() {
    assertEquals(List.of(), MAPPER.map(new FlowSequence("sq-empty", "test", "10.0.0.1", 0, List.of())));
  }

  private static FlowSequence verticalScan() {
    int[] ports = {21, 22, 23, 25, 53, 80, 110, 135, 139, 443, 445, 3389, 8080, 8443, 22, 80};
    TestFlows flows = TestFlows.from("203.0.113.7");
    for (int i = 0; i < ports.length; i++) {
      flows.flow(i * 19.0 / 15, "10.0.0.5", ports[i], 0, 0, 0);
    }
    return flows.sequence();
  }

  /** A workstation loading pages from five sites at irregular moments; every request is answered with more. */
  private static FlowSequence browsing() {
    double[] starts = {0, 0.3, 0.35, 2, 2.1, 5, 9, 9.2, 15, 30, 31, 31.5, 60, 61, 90, 140};
    TestFlows flows = TestFlows.from("192.168.1.10");
    for (int i = 0; i < starts.length; i++) {
      flows.flow(starts[i], "203.0.113." + (10 + i % 5), 443, 0.2 + i % 4, 800 + 150L * i, 5_000 + 40_000L * i);
    }
    return flows.sequence();
  }

  private static FlowSequence sshLogins(int attempts, double durationSeconds, long responseBytes) {
    TestFlows flows = TestFlows.from("198.51.100.4");
    for (int i = 0; i < attempts; i++) {
      flows.flow(i * 3 + (i % 2) * 0.3, "10.0.0.5", 22, durationSeconds, 2_100 + (i % 3) * 20, responseBytes);
    }
    return flows.sequence();
  }

  /** Flows to 203.0.113.50 separated by {@code intervals} seconds. */
  private static FlowSequence checkIns(int port, long fwdBytes, long bwdBytes, double... intervals) {
    TestFlows flows = TestFlows.from("192.168.1.195");
    double start = 0;
    flows.flow(start, "203.0.113.50", port, 0.3, fwdBytes, bwdBytes);
    for (double interval : intervals) {
      start += interval;
      flows.flow(start, "203.0.113.50", port, 0.3, fwdBytes, bwdBytes);
    }
    return flows.sequence();
  }

  private static FlowSequence flood(long responseBytes) {
    TestFlows flows = TestFlows.from("192.168.1.195");
    for (int i = 0; i < 16; i++) {
      flows.flow(i * 0.1 / 15, "203.0.113.80", 80, 0, 60, responseBytes);
    }
    return flows.sequence();
  }

  private static FlowSequence upload(String destination, int port, long fwdBytesEach, long bwdBytesEach) {
    TestFlows flows = TestFlows.from("10.1.2.3");
    for (int i = 0; i < 4; i++) {
      flows.flow(i * 30, destination, port, 25, fwdBytesEach, bwdBytesEach);
    }
    return flows.sequence();
  }

  /** One answered session to each of 10.0.0.20, 10.0.0.21, ... on the given ports, 10 s apart. */
  private static FlowSequence adminSessions(String source, int... ports) {
    TestFlows flows = TestFlows.from(source);
    for (int i = 0; i < ports.length; i++) {
      flows.flow(i * 10, "10.0.0." + (20 + i), ports[i], 4, 3_000, 4_000);
    }
    return flows.sequence();
  }

  /** A catalog that files each technique under the given tactic, with names made from the ids. */
  private static AttackCatalog catalogOf(Map<String, String> tacticOfTechnique) {
    StringBuilder tactics = new StringBuilder("tactic_id,name,shortname\n");
    tacticOfTechnique.values().stream().distinct()
        .forEach(id -> tactics.append(id).append(",Tactic ").append(id).append(",t").append(id).append('\n'));
    StringBuilder techniques = new StringBuilder("technique_id,name,tactic_ids\n");
    tacticOfTechnique.forEach((technique, tactic) ->
        techniques.append(technique).append(",Technique ").append(technique).append(',').append(tactic).append('\n'));
    return AttackCatalog.parse(tactics.toString(), techniques.toString());
  }

  private static List<String> ids(List<MitreMapping> mappings) {
    return mappings.stream().map(MitreMapping::techniqueId).toList();
  }

  private static List<String> summary(List<MitreMapping> mappings) {
    return mappings.stream().map(mapping -> mapping.techniqueId() + ": " + mapping.evidence()).toList();
  }
}
