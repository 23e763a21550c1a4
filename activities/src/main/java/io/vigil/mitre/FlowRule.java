package io.vigil.mitre;

import java.util.List;
import java.util.Optional;

/** One behaviour recognised from a sequence's flow features, reported as an ATT&CK technique. */
interface FlowRule {

  /** Every technique this rule can report, so the mapper can check them against the catalog before it runs. */
  List<TechniqueRef> techniques();

  /** The technique the flows show, or empty when they do not meet the rule's thresholds. */
  Optional<Match> match(FlowStats flows);

  /**
   * @param confidence from the rule's evidence alone, before the model score is taken into account
   */
  record Match(TechniqueRef technique, double confidence, String evidence) {}
}
