package io.vigil.mitre;

import java.util.List;

/**
 * An ATT&CK technique or sub-technique with the tactics it serves (many serve more than one).
 *
 * @param id such as {@code T1046}, or {@code T1021.002} for a sub-technique
 * @param name such as {@code Network Service Discovery}
 * @param tactics in the catalog's order, at least one
 */
public record AttackTechnique(String id, String name, List<AttackTactic> tactics) {

  public AttackTechnique {
    tactics = List.copyOf(tactics);
  }

  /** Whether {@code tacticId} is one of this technique's tactics. */
  public boolean serves(String tacticId) {
    return tactics.stream().anyMatch(tactic -> tactic.id().equals(tacticId));
  }
}
