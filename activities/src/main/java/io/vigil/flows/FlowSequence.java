package io.vigil.flows;

import io.vigil.model.flows.Flow;
import java.util.List;

/**
 * Consecutive flows of one source entity, in time order: the unit the model scores.
 *
 * @param id stable: the same dataset, entity and flows give the same id, whatever the worker, batch or run order
 * @param entity the flows' source address
 * @param start the position of its first flow among the entity's flows in time order
 * @param flows at most the window length, in time order
 */
public record FlowSequence(String id, String dataset, String entity, int start, List<Flow> flows) {

  public FlowSequence {
    flows = List.copyOf(flows);
  }

  /** 1 when any flow is labelled malicious, 0 when every flow is labelled, null when a flow has no label. */
  public Integer label() {
    int label = 0;
    for (Flow flow : flows) {
      if (flow.label() == null) {
        return null;
      }
      label = Math.max(label, flow.label());
    }
    return label;
  }
}
