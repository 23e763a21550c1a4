package io.vigil.mitre;

/**
 * An ATT&CK tactic: the adversary's goal, such as Discovery.
 *
 * @param id such as {@code TA0007}
 * @param name such as {@code Discovery}
 * @param shortname the name ATT&CK uses in kill-chain phases, such as {@code discovery}
 */
public record AttackTactic(String id, String name, String shortname) {}
