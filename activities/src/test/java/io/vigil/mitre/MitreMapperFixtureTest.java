package io.vigil.mitre;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.flows.FlowReader;
import io.vigil.flows.FlowSequence;
import io.vigil.flows.Sequencer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The mapper on real flows: the CTU-Normal-44 fixtures (a Windows host on a university network, every inbound flow
 * from the Internet labelled malicious). docs/mitre.md reports these results.
 */
class MitreMapperFixtureTest {

  private static final Path FIXTURES = Path.of("src/test/resources/flows");
  private static final MitreMapper MAPPER = MitreMapper.withBundledCatalog();

  @Test
  void theInboundProbesOfTheCtu44HostMapToNetworkServiceDiscoveryWhereASequenceShowsASweep() {
    List<FlowSequence> sequences = sequences("flows-sample.csv");

    // Keys: label, whether the sequence has at least the three flows a sweep needs, and the techniques assigned.
    Map<String, Integer> outcomes = new TreeMap<>();
    for (FlowSequence sequence : sequences) {
      String size = sequence.flows().size() >= ScanningRule.MIN_TARGETS ? "3+ flows" : "1-2 flows";
      outcomes.merge("label " + sequence.label() + ", " + size + ": " + techniques(MAPPER.map(sequence)), 1,
          Integer::sum);
    }

    // 238 of the 239 sequences are malicious; 232 of them are one or two probes from a source, too few to show a
    // sweep, so no rule claims them. All six longer ones are vertical scans of the host: Discovery, T1046.
    assertEquals(Map.of(
        "label 0, 1-2 flows: []", 1,
        "label 1, 1-2 flows: []", 232,
        "label 1, 3+ flows: [TA0007/T1046]", 6), outcomes);
  }

  @Test
  void theLongestCtu44ScanIsCertainAndItsEvidenceNamesItsFeatures() {
    FlowSequence scan = sequences("flows-sample.csv").stream()
        .filter(sequence -> sequence.entity().equals("79.124.62.34")).findFirst().orElseThrow();

    assertEquals(List.of(new MitreMapping("TA0007", "Discovery", "T1046", "Network Service Discovery", 1.0,
        "13 flows to 13 distinct destination ports of 1 host within 7,780 s, 0 response bytes")), MAPPER.map(scan));
  }

  @Test
  void theCtu44HostsOwnTrafficMapsToNothing() {
    List<FlowSequence> sequences = sequences("host-flows-sample.csv");

    assertEquals(7, sequences.size());
    sequences.forEach(sequence -> assertEquals(List.of(), MAPPER.map(sequence), sequence.id()));
  }

  private static List<FlowSequence> sequences(String file) {
    return new Sequencer(16, 8).sequences(file, FlowReader.readCsv(FIXTURES.resolve(file)).flows());
  }

  private static List<String> techniques(List<MitreMapping> mappings) {
    return mappings.stream().map(mapping -> mapping.tacticId() + "/" + mapping.techniqueId()).toList();
  }
}
