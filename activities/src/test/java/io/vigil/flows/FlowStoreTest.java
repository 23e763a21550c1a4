package io.vigil.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.flows.Flow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void investigatingASequenceReturnsExactlyItsFlowsInOrderAndRereadingADatasetReplacesIt() {
    List<Flow> flows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      flows.add(new Flow(i + 1, T0.plusSeconds(40 - i), i, "10.0.0." + (i % 2), 1000 + i, "10.0.0.9", 22, i, 2L * i,
          1, 2, i == 7 ? 1 : 0));
    }
    Sequencer sequencer = new Sequencer(16, 8);
    List<FlowSequence> sequences = sequencer.sequences("capture.csv", flows);
    try (DuckDbBackend database = DuckDbBackend.inMemory()) {
      FlowStore store = new FlowStore(database);
      store.replace("capture.csv", flows, sequences);
      store.replace("capture.csv", flows, sequences);

      for (FlowSequence sequence : sequences) {
        FlowSequence stored = store.sequence(sequence.id()).orElseThrow();
        assertEquals(sequence.flows(), stored.flows(), sequence.id());
        assertEquals(sequence.entity(), stored.entity());
        assertEquals("capture.csv", stored.dataset());
      }
      assertTrue(store.sequence("sq-00000000000000000000").isEmpty());
    }
  }
}
