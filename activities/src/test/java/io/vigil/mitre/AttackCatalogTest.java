package io.vigil.mitre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackCatalogTest {

  private static final String TACTICS = """
      tactic_id,name,shortname,url
      TA0007,Discovery,discovery,https://attack.mitre.org/tactics/TA0007
      TA0008,Lateral Movement,lateral-movement,https://attack.mitre.org/tactics/TA0008
      """;

  private static final String TECHNIQUE_HEADER = "technique_id,name,tactic_ids\n";

  @Test
  void theBundledCatalogHoldsEveryActiveEnterpriseTechniqueAndTactic() {
    AttackCatalog catalog = AttackCatalog.bundled();

    assertEquals(691, catalog.techniques().size());
    assertEquals(14, catalog.tactics().size());
    assertEquals(new AttackTactic("TA0007", "Discovery", "discovery"), catalog.tactic("TA0007").orElseThrow());
    AttackTechnique smb = catalog.technique("T1021.002").orElseThrow();
    assertEquals("SMB/Windows Admin Shares", smb.name());
    assertEquals(List.of(new AttackTactic("TA0008", "Lateral Movement", "lateral-movement")), smb.tactics());
    assertTrue(catalog.techniques().stream().anyMatch(technique -> technique.tactics().size() > 1),
        "techniques that serve several tactics keep them all");
    assertTrue(catalog.technique("T9999").isEmpty());
  }

  @Test
  void aTechniqueKeepsEveryTacticItServes() {
    AttackCatalog catalog = AttackCatalog.parse(TACTICS, TECHNIQUE_HEADER + "T1021,Remote Services,TA0008;TA0007\n");

    AttackTechnique technique = catalog.technique("T1021").orElseThrow();
    assertTrue(technique.serves("TA0007") && technique.serves("TA0008"));
  }

  @Test
  void malformedRowsAreRejectedWithFileLineAndReason() {
    assertEquals("enterprise_attack_techniques.csv line 3: the row has 2 cells but the header has 3",
        error(TACTICS, TECHNIQUE_HEADER + "T1046,Network Service Discovery,TA0007\nT1021,Remote Services\n"));
    assertEquals("enterprise_attack_techniques.csv line 2: column technique_id is 'X1046', not a technique id such as "
        + "T1046 or T1021.002", error(TACTICS, TECHNIQUE_HEADER + "X1046,Network Service Discovery,TA0007\n"));
    assertEquals("enterprise_attack_techniques.csv line 2: technique T1046 names tactic 'TA0099', which is not in "
        + "enterprise_attack_tactics.csv", error(TACTICS, TECHNIQUE_HEADER + "T1046,Network Service Discovery,TA0099\n"));
    assertEquals("enterprise_attack_techniques.csv line 2: column name is empty",
        error(TACTICS, TECHNIQUE_HEADER + "T1046,,TA0007\n"));
    assertEquals("enterprise_attack_techniques.csv line 3: technique T1046 appears twice",
        error(TACTICS, TECHNIQUE_HEADER + "T1046,Network Service Discovery,TA0007\nT1046,Again,TA0007\n"));
    assertEquals("enterprise_attack_tactics.csv line 1: the header has no column shortname; expected the columns "
        + "tactic_id, name, shortname", error("tactic_id,name\nTA0007,Discovery\n", TECHNIQUE_HEADER));
    assertEquals("enterprise_attack_tactics.csv line 2: column tactic_id is '7', not a tactic id such as TA0007",
        error("tactic_id,name,shortname\n7,Discovery,discovery\n", TECHNIQUE_HEADER));
  }

  private static String error(String tactics, String techniques) {
    return assertThrows(IllegalArgumentException.class, () -> AttackCatalog.parse(tactics, techniques)).getMessage();
  }
}
