package io.vigil.workflows;

import io.temporal.workflow.Workflow;
import io.vigil.model.detection.DetectRequest;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionResult;
import io.vigil.model.detection.DetectionWorkflow;
import io.vigil.model.detection.FlowActivities;
import io.vigil.model.detection.SequencingResult;
import java.time.Instant;

/**
 * One detection run: read and sequence the flows (CPU queue), score the sequences in batches on the inference queue,
 * all batches at once so that every GPU worker takes some, then write the detections (CPU queue). Scores and
 * detections are replaced per sequence and per dataset, so retried batches and reruns write nothing twice.
 */
public final class DetectionWorkflowImpl implements DetectionWorkflow {

  private final FlowActivities flows = Workflow.newActivityStub(FlowActivities.class,
      BackendActivityOptions.heartbeating());
  private final SequenceScoring scoring = new SequenceScoring();

  @Override
  public DetectionResult detect(DetectionInput input) {
    Instant runTime = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    SequencingResult sequencing = flows.sequenceFlows(input);
    String device = scoring.scoreAll(sequencing, input.batch());
    DetectionResult written = flows.writeDetections(
        new DetectRequest(sequencing.dataset(), input.threshold(), runTime, input.mitre()));
    return new DetectionResult(sequencing.dataset(), sequencing, written.detections(), written.threshold(),
        written.modelVersion(), device, written.labelled(), written.truePositives(), written.malicious(),
        written.mapped());
  }
}
