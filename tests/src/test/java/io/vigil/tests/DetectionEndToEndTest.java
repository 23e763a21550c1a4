package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.vigil.activities.VigilMetrics;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.cli.VigilRun;
import io.vigil.flows.FlowReader;
import io.vigil.flows.FlowStore;
import io.vigil.inference.Model;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionResult;
import io.vigil.model.detection.Threshold;
import io.vigil.model.flows.Flow;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import io.vigil.worker.Passes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil detect} and {@code vigil investigate sequence} end to end on real flows (the 60-row fixture of the
 * attacked Windows host, plus rows broken on purpose): the workflow on the embedded stack, scoring on the inference
 * queue with ONNX Runtime on the CPU, detections in DuckDB, and investigation back to the raw rows.
 */
class DetectionEndToEndTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("vigil.repo.dir", ".."));
  private static final Path FIXTURE = REPOSITORY.resolve("activities/src/test/resources/flows/host-flows-sample.csv");

  /** The fixture with three broken rows appended: a bad port, a bad timestamp, a short row. */
  private static Path flowsWithBadRows(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(FIXTURE, StandardCharsets.UTF_8));
    String good = lines.get(1);
    String[] cells = good.split(",", -1);
    cells[6] = "http";
    lines.add(String.join(",", cells));
    cells = good.split(",", -1);
    cells[0] = "soon";
    lines.add(String.join(",", cells));
    lines.add("1655939913.0,2022-06-22T23:18:33Z,0.1");
    return Files.write(dir.resolve("host.csv"), lines, StandardCharsets.UTF_8);
  }

  private static Map<String, Double> scores(Path database) throws Exception {
    Map<String, Double> scores = new LinkedHashMap<>();
    try (DuckDbBackend backend = DuckDbBackend.open(database); Connection connection = backend.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT \"SequenceId\", \"Score\" FROM " + FlowStore.SCORES
            + " ORDER BY 1")) {
      while (rows.next()) {
        scores.put(rows.getString(1), rows.getDouble(2));
      }
    }
    return scores;
  }

  @Test
  void detectReportsBadRowsScoresTheRestAndInvestigateReturnsExactlyTheFlowsOfASequence(@TempDir Path dir)
      throws Exception {
    Path flows = flowsWithBadRows(dir);
    Path database = dir.resolve("vigil.duckdb");

    VigilRun run = VigilRun.of("detect", "--flows", flows.toString(), "--db", database.toString(), "--batch", "3");

    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("Flows host.csv: 60 read, 3 rejected;"), run.out());
    assertTrue(run.out().contains("rejected: host.csv row 61 (line 62), column dst_port, value 'http': not a port"),
        run.out());
    assertTrue(run.out().contains("rejected: host.csv row 62 (line 63), column ts, value 'soon': not a timestamp"),
        run.out());
    assertTrue(run.out().contains("rejected: host.csv row 63 (line 64): the row has 3 cells but the header has 20"),
        run.out());
    Map<String, Double> inSmallBatches = scores(database);
    assertTrue(inSmallBatches.size() > 3, "more sequences than one batch");

    // The same flows again, in one batch: the same sequence ids and scores, nothing kept twice.
    VigilRun again = VigilRun.of("detect", "--flows", flows.toString(), "--db", database.toString());
    assertEquals(0, again.exitCode(), again.out() + again.err());
    Map<String, Double> inOneBatch = scores(database);
    assertEquals(inSmallBatches.keySet(), inOneBatch.keySet());
    inSmallBatches.forEach((id, score) -> assertEquals(score, inOneBatch.get(id), 1e-6, id));

    List<Flow> raw = FlowReader.readCsv(flows).flows();
    for (String id : inOneBatch.keySet()) {
      VigilRun investigated = VigilRun.of("investigate", "sequence", id, "--db", database.toString(), "--json");
      assertEquals(0, investigated.exitCode(), investigated.err());
      JsonNode sequence = new ObjectMapper().readTree(investigated.out());
      assertEquals(id, sequence.get("sequence_id").asText());
      JsonNode members = sequence.get("flows");
      for (JsonNode member : members) {
        Flow flow = raw.stream().filter(f -> f.row() == member.get("row").asLong()).findFirst().orElseThrow();
        assertEquals(flow.timestamp().toString(), member.get("timestamp").asText());
        assertEquals(flow.srcIp(), sequence.get("entity").asText());
        assertEquals(flow.dstPort(), member.get("dest_port").asInt());
        assertEquals(flow.fwdBytes(), member.get("fwd_bytes").asLong());
      }
    }
    VigilRun table = VigilRun.of("investigate", "sequence", inOneBatch.keySet().iterator().next(), "--db",
        database.toString());
    assertTrue(table.out().contains("flows of 147.32.83.161 from host.csv"), table.out());
    VigilRun missing = VigilRun.of("investigate", "sequence", "sq-00000000000000000000", "--db", database.toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("no sequence sq-00000000000000000000"), missing.err());
  }

  @Test
  void withMitreTheInboundScansOfTheHostAreMappedToNetworkServiceDiscovery(@TempDir Path dir) throws Exception {
    Path flows = REPOSITORY.resolve("activities/src/test/resources/flows/flows-sample.csv");
    Path database = dir.resolve("vigil.duckdb");

    VigilRun run = VigilRun.of("detect", "--mitre", "--flows", flows.toString(), "--db", database.toString());

    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("mapped to a MITRE ATT&CK technique"), run.out());
    try (DuckDbBackend backend = DuckDbBackend.open(database); Connection connection = backend.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT DISTINCT \"TacticId\", \"TechniqueId\", \"TechniqueName\" "
            + "FROM " + FlowStore.DETECTIONS + " WHERE \"TechniqueId\" IS NOT NULL")) {
      assertTrue(rows.next(), "some detection is mapped");
      assertEquals("TA0007", rows.getString(1));
      assertEquals("T1046", rows.getString(2));
      assertEquals("Network Service Discovery", rows.getString(3), "the name comes from the ATT&CK catalog");
      assertTrue(!rows.next(), "the fixture's scans map to discovery only");
    }
  }

  @Test
  void idsAndScoresDoNotDependOnHowManyInferenceWorkersTakePart(@TempDir Path dir) throws Exception {
    Path flows = flowsWithBadRows(dir);
    Path oneWorker = dir.resolve("one.duckdb");
    assertEquals(0, VigilRun.of("detect", "--flows", flows.toString(), "--db", oneWorker.toString(), "--batch", "2")
        .exitCode());
    Map<String, Double> expected = scores(oneWorker);

    // The same run with a second inference worker of its own identity polling beside the embedded one.
    Path twoWorkers = dir.resolve("two.duckdb");
    try (DuckDbBackend database = DuckDbBackend.open(twoWorkers);
        OnnxScorer first = OnnxScorer.load(Model.bundled(), false);
        OnnxScorer second = OnnxScorer.load(Model.bundled(), false);
        EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        CpuWorker cpu = CpuWorker.startWithDetection(temporal.client(), database, database,
            EmbeddedTemporal.workerFactoryOptions(), first, VigilMetrics.none());
        CpuWorker extra = CpuWorker.startInference(
            WorkflowClient.newInstance(temporal.client().getWorkflowServiceStubs(), WorkflowClientOptions.newBuilder()
                .setNamespace(EmbeddedTemporal.NAMESPACE).setIdentity("second-inference-worker").build()),
            database, EmbeddedTemporal.workerFactoryOptions(), List.of(second), VigilMetrics.none())) {
      DetectionResult result = Passes.detection(temporal.client(), "host.csv",
          new DetectionInput(flows.toString(), Threshold.DEFAULT, 2, false));
      assertEquals(expected.size(), result.sequencing().sequences());
    }
    Map<String, Double> actual = scores(twoWorkers);
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((id, score) -> assertEquals(score, actual.get(id), 1e-6, id));
  }
}
