package io.vigil.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.mitre.MitreMapping;
import io.vigil.model.detection.Threshold;
import io.vigil.model.flows.Flow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  @Test
  void detectionsOfEveryDatasetAreListedByScoreWithTheirTacticAndCountedByTechnique() {
    try (DuckDbBackend database = DuckDbBackend.inMemory()) {
      FlowStore store = new FlowStore(database);
      Sequencer sequencer = new Sequencer(16, 8);
      List<String> mappedIds = new ArrayList<>();
      for (String dataset : List.of("a.csv", "b.csv")) {
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          flows.add(new Flow(i + 1, T0.plusSeconds(i), 1, "10.0." + dataset.charAt(0) + "." + i, 1000, "10.0.0.9", 22,
              1, 1, 1, 1, null));
        }
        List<FlowSequence> sequences = sequencer.sequences(dataset, flows);
        store.replace(dataset, flows, sequences);
        List<String> ids = sequences.stream().map(FlowSequence::id).toList();
        float[] scores = dataset.equals("a.csv") ? new float[] {0.9f, 0.2f, 0.7f} : new float[] {0.8f, 0.95f, 0.1f};
        store.replaceScores(dataset, ids, scores, "flow-seq-v1");
        store.writeDetections(dataset, Threshold.fixed(0.5), T0);
        mappedIds.add(ids.get(0));
        store.writeMitre(dataset, Map.of(ids.get(0), new MitreMapping("TA0007", "Discovery", "T1046",
            "Network Service Discovery", 0.8, "scan")));
      }

      List<FlowStore.Detection> top = store.topDetections(3);

      assertEquals(List.of(0.95f, 0.9f, 0.8f), top.stream().map(detection -> (float) detection.score()).toList(),
          "scores are stored from the model's floats");
      assertEquals(List.of("b.csv", "a.csv", "b.csv"), top.stream().map(FlowStore.Detection::dataset).toList());
      FlowStore.Detection mapped = top.stream().filter(detection -> mappedIds.contains(detection.sequenceId()))
          .findFirst().orElseThrow();
      assertEquals(List.of("TA0007", "Discovery", "T1046"), List.of(mapped.tacticId(), mapped.tacticName(),
          mapped.techniqueId()));
      assertEquals(4, store.detectionCount());
      assertEquals(List.of(new FlowStore.TechniqueCount("TA0007", "Discovery", "T1046", "Network Service Discovery",
          2), new FlowStore.TechniqueCount(null, null, null, null, 2)), store.detectionsByTechnique());
    }
  }
}
