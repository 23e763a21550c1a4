package io.vigil.model.flows;

import java.util.List;

/**
 * The flows read from one dataset and every row that was not, with its reason: nothing is dropped silently.
 *
 * @param dataset the dataset's name: the file name or the table name
 */
public record FlowBatch(String dataset, List<Flow> flows, List<FlowRejection> rejected) {

  public FlowBatch {
    flows = List.copyOf(flows);
    rejected = List.copyOf(rejected);
  }
}
