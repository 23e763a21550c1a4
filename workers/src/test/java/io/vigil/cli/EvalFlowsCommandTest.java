package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.mitre.AttackCatalog;
import org.junit.jupiter.api.Test;

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
}
