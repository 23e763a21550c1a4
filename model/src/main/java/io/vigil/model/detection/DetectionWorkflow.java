package io.vigil.model.detection;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Scores the flows of one source and writes its detections; one workflow id per dataset. */
@WorkflowInterface
public interface DetectionWorkflow {

  static String workflowId(String dataset) {
    return "detect/" + dataset;
  }

  @WorkflowMethod
  DetectionResult detect(DetectionInput input);
}
