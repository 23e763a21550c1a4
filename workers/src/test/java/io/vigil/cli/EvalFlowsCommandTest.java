package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.flows.FlowSequence;
import io.vigil.mitre.AttackCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalFlowsCommandTest {

  @Test
  void withoutThePythonScriptsItSaysWhyAndExitsWith2() {
    VigilRun run = VigilRun.of("eval", "flows", "--data", "flows.csv", "--python", "/no/such/python3");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("vigil eval flows: cannot train: no /no/such/python3"), run.err());
  }

  @Test
  void everyExpectedTacticIsInTheAttackCatalog() {
    AttackCatalog catalog = AttackCatalog.bundled();
    EvalFlowsCommand.EXPECTED_TACTIC.forEach((category, tactic) ->
        assertTrue(catalog.tactic(tactic).isPresent(), category + " expects " + tactic));
  }

  @Test
  void figuresComeWithBootstrapIntervalsAndTheSeedReachesTheTrainingScripts(@TempDir Path dir) throws IOException {
    FakeTrainingScripts scripts = FakeTrainingScripts.in(dir);
    // Attacks on the Windows host and its own benign traffic: both classes, several entities.
    Path fixtures = Path.of("../activities/src/test/resources/flows");
    List<String> attacked = Files.readAllLines(fixtures.resolve("flows-sample.csv"));
    List<String> benign = Files.readAllLines(fixtures.resolve("host-flows-sample.csv"));
    assertEquals(attacked.get(0), benign.get(0), "the two fixtures share a header");
    // The bundled model ranks these perfectly; every fourth attack called benign gives it mistakes to measure.
    for (int row = 1; row < attacked.size(); row += 4) {
      attacked.set(row, attacked.get(row).replace(",Malicious,", ",Benign,"));
    }
    Path data = dir.resolve("flows.csv");
    Files.write(data, attacked);
    Files.write(data, benign.subList(1, benign.size()), StandardOpenOption.APPEND);

    VigilRun run = VigilRun.of("eval", "flows", "--data", data.toString(), "--train", data.toString(), "--seed", "5",
        "--members", "3", "--out", dir.resolve("models").toString(), "--python", "/usr/bin/python3", "--python-dir",
        scripts.directory().toString());

    assertEquals(0, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("ROC-AUC        (95%)"), run.out());
    List<String> calls = scripts.calls();
    assertEquals(2, calls.size(), calls.toString());
    calls.forEach(call -> assertTrue(call.contains("--seed 5 --members 3"), call));
    String last = run.out().strip().lines().reduce((first, second) -> second).orElseThrow();
    JsonNode figures = new ObjectMapper().readTree(last);
    assertEquals(5, figures.get("seed").asInt());
    assertEquals(3, figures.get("members").asInt());
    JsonNode fineTuned = figures.get("models").get("flow-seq-finetuned");
    assertTrue(fineTuned.get("malicious").asInt() > 0
        && fineTuned.get("malicious").asInt() < fineTuned.get("sequences").asInt(), fineTuned.toString());
    for (String metric : List.of("roc_auc", "pr_auc")) {
      double value = fineTuned.get(metric).asDouble();
      JsonNode interval = fineTuned.get(metric + "_95");
      assertTrue(interval.get(0).asDouble() <= value && value <= interval.get(1).asDouble(), metric + " " + fineTuned);
      assertTrue(interval.get(0).asDouble() < interval.get(1).asDouble(), metric + " " + fineTuned);
    }
  }

  @Test
  void fewerThanOneMemberIsRefusedBeforeAnythingTrains(@TempDir Path dir) throws IOException {
    FakeTrainingScripts scripts = FakeTrainingScripts.in(dir);

    VigilRun run = VigilRun.of("eval", "flows", "--data", "flows.csv", "--members", "0", "--python",
        "/usr/bin/python3", "--python-dir", scripts.directory().toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--members must be at least 1, got 0"), run.err());
    assertEquals(List.of(), scripts.calls());
  }

  @Test
  void neighbouringWindowsOfAnEntityShareABootstrapCluster() {
    List<FlowSequence> sequences = List.of(sequence("a", 0), sequence("a", 8), sequence("a", 16),
        sequence("a", 24), sequence("b", 0), sequence("a", 32));

    assertEquals(List.of(0, 0, 1, 1, 2, 3),
        Arrays.stream(EvalFlowsCommand.windowClusters(sequences, 16)).boxed().toList());
  }

  private static FlowSequence sequence(String entity, int start) {
    return new FlowSequence(entity + start, "test", entity, start, List.of());
  }
}
