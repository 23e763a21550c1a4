package io.vigil.mitre;

import io.vigil.flows.FlowSequence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Assigns MITRE ATT&CK tactics and techniques to a detected flow sequence from its flow features: scanning, brute
 * force, command-and-control beaconing, flooding, exfiltration and lateral movement (docs/mitre.md gives every rule,
 * threshold and confidence formula). A sequence may match several rules or none; the model decides whether a sequence
 * is malicious, the mapper only says what it looks like.
 *
 * <p>Technique and tactic names come from the {@link AttackCatalog}; the constructor refuses a catalog that lacks a
 * technique the rules can report, or files it under another tactic, so a new ATT&CK release cannot silently change
 * what detections say. A mapper is immutable and safe to share between threads.
 */
public final class MitreMapper {

  private static final List<FlowRule> RULES = List.of(new ScanningRule(), new BruteForceRule(), new BeaconingRule(),
      new FloodRule(), new ExfiltrationRule(), new LateralMovementRule());

  private final AttackCatalog catalog;

  public MitreMapper(AttackCatalog catalog) {
    for (TechniqueRef reference : techniques()) {
      AttackTechnique technique = catalog.technique(reference.techniqueId()).orElseThrow(() ->
          new IllegalStateException("the ATT&CK catalog has no technique " + reference.techniqueId()
              + ", which the MITRE mapping rules report"));
      if (!technique.serves(reference.tacticId())) {
        throw new IllegalStateException("the ATT&CK catalog files technique " + reference.techniqueId() + " under "
            + technique.tactics().stream().map(AttackTactic::id).toList() + ", not under " + reference.tacticId()
            + " as the MITRE mapping rules report it");
      }
    }
    this.catalog = catalog;
  }

  /** A mapper over the bundled ATT&CK catalog ({@value AttackCatalog#VERSION}). */
  public static MitreMapper withBundledCatalog() {
    return new MitreMapper(AttackCatalog.bundled());
  }

  /** Every technique, with its tactic, that {@link #map} can report. */
  public static List<TechniqueRef> techniques() {
    return RULES.stream().flatMap(rule -> rule.techniques().stream()).distinct().toList();
  }

  /** The techniques the sequence's flows show, most confident first; confidence from the flows alone. */
  public List<MitreMapping> map(FlowSequence sequence) {
    return map(sequence, OptionalDouble.empty());
  }

  /**
   * The techniques the sequence's flows show, most confident first, each rule's confidence tempered by the model's
   * score: {@code confidence = rule confidence * (0.5 + 0.5 * modelScore)}.
   *
   * @param modelScore the model's probability that the sequence is malicious, from 0 to 1; a model whose score is
   *     not a probability (the self-supervised reconstruction error) should use {@link #map(FlowSequence)}
   */
  public List<MitreMapping> map(FlowSequence sequence, double modelScore) {
    if (!(modelScore >= 0 && modelScore <= 1)) {
      throw new IllegalArgumentException("a model score for MITRE mapping must be a probability from 0 to 1, was "
          + modelScore + "; map without the score when the model does not give probabilities");
    }
    return map(sequence, OptionalDouble.of(modelScore));
  }

  private List<MitreMapping> map(FlowSequence sequence, OptionalDouble modelScore) {
    List<MitreMapping> mappings = new ArrayList<>();
    if (sequence.flows().isEmpty()) {
      return mappings;
    }
    FlowStats flows = new FlowStats(sequence.flows());
    for (FlowRule rule : RULES) {
      rule.match(flows).ifPresent(match -> {
        double confidence = modelScore.isPresent()
            ? Confidence.withModelScore(match.confidence(), modelScore.getAsDouble()) : match.confidence();
        AttackTechnique technique = catalog.technique(match.technique().techniqueId()).orElseThrow();
        AttackTactic tactic = catalog.tactic(match.technique().tacticId()).orElseThrow();
        mappings.add(new MitreMapping(tactic.id(), tactic.name(), technique.id(), technique.name(), confidence,
            match.evidence()));
      });
    }
    mappings.sort(Comparator.comparingDouble(MitreMapping::confidence).reversed()
        .thenComparing(MitreMapping::techniqueId));
    return List.copyOf(mappings);
  }
}
