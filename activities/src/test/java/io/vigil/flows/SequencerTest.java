package io.vigil.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vigil.model.flows.Flow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequencerTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private static Flow flow(long row, String src, int second) {
    return new Flow(row, T0.plusSeconds(second), 1, src, 40000, "10.0.0.9", 443, 1, 1, 1, 1, 0);
  }

  @Test
  void windowsFollowTheContractIncludingTheLastFlowsAndShortEntities() {
    Sequencer sequencer = new Sequencer(16, 8);

    assertEquals(List.of(0), sequencer.starts(3));
    assertEquals(List.of(0), sequencer.starts(16));
    assertEquals(List.of(0, 1), sequencer.starts(17));
    assertEquals(List.of(0, 8), sequencer.starts(24));
    assertEquals(List.of(0, 8, 9), sequencer.starts(25));
  }

  @Test
  void flowsAreGroupedBySourceInTimeOrderWithTiesByRow() {
    List<Flow> flows = List.of(flow(3, "b", 5), flow(1, "a", 9), flow(2, "a", 1), flow(4, "a", 1));

    List<FlowSequence> sequences = new Sequencer(16, 8).sequences("d", flows);

    assertEquals(List.of("a", "b"), sequences.stream().map(FlowSequence::entity).toList());
    assertEquals(List.of(2L, 4L, 1L), sequences.get(0).flows().stream().map(Flow::row).toList());
  }

  @Test
  void idsDependOnTheDataOnlyNotOnTheOrderTheFlowsArrive() {
    List<Flow> flows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      flows.add(flow(i + 1, "10.0.0." + (i % 3), i));
    }
    List<String> ids = new Sequencer(16, 8).sequences("capture.csv", flows).stream().map(FlowSequence::id).toList();
    List<Flow> shuffled = new ArrayList<>(flows);
    Collections.shuffle(shuffled, new Random(7));

    assertEquals(ids, new Sequencer(16, 8).sequences("capture.csv", shuffled).stream().map(FlowSequence::id)
        .toList());
    assertEquals(ids.size(), ids.stream().distinct().count(), "every window has its own id");
    assertNotEquals(ids, new Sequencer(16, 8).sequences("other.csv", flows).stream().map(FlowSequence::id).toList(),
        "the dataset is part of the id");
  }

  @Test
  void aSequenceIsMaliciousWhenAnyFlowIs() {
    Flow benign = flow(1, "a", 0);
    Flow malicious = new Flow(2, T0.plusSeconds(1), 1, "a", 1, "b", 2, 1, 1, 1, 1, 1);
    Flow unlabelled = new Flow(3, T0.plusSeconds(2), 1, "a", 1, "b", 2, 1, 1, 1, 1, null);

    assertEquals(1, new FlowSequence("x", "d", "a", 0, List.of(benign, malicious)).label());
    assertEquals(0, new FlowSequence("x", "d", "a", 0, List.of(benign)).label());
    assertEquals(null, new FlowSequence("x", "d", "a", 0, List.of(benign, unlabelled)).label());
  }
}
