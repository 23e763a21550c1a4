package io.vigil.model.anomaly;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Judges the newly generated bins of one watchlist row. One workflow id per source ({@link #workflowId}), so
 * anomaly runs of one source never overlap.
 */
@WorkflowInterface
public interface AnomalyWorkflow {

  static String workflowId(String source) {
    return "anomalies/" + source;
  }

  @WorkflowMethod
  AnomalyResult detect(AnomalyInput input);
}
