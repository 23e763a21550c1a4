package io.vigil.model.detection;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Scores the flows of one source that arrived since the last scored time, window by window, on a schedule. Each
 * window's detections are written before the source's durable watermark moves past it, so a run that fails leaves
 * every window before the watermark scored once and the next run resumes there.
 */
@WorkflowInterface
public interface ScheduledDetectionWorkflow {

  @WorkflowMethod
  ScheduledDetectionResult detect(ScheduledDetectionInput input);

  /** Windows done and planned, and the watermark reached so far. */
  @QueryMethod
  DetectionProgress progress();
}
