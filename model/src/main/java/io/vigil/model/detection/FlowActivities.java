package io.vigil.model.detection;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The CPU side of detection: reading and sequencing flows, and writing detections. */
@ActivityInterface
public interface FlowActivities {

  /** Reads the flow source, validates every row, groups the flows into sequences and stores both. */
  @ActivityMethod
  SequencingResult sequenceFlows(DetectionInput input);

  /** Reads the source's durable scoring watermark and the time of its oldest flow. */
  @ActivityMethod
  FlowSourceState inspectFlows(FlowSourceRequest request);

  /** Moves the source's scoring watermark forward to the given time (never back); returns where it now stands. */
  @ActivityMethod
  FlowWatermark advanceWatermark(FlowWatermark request);

  /** Writes the dataset's detections: the sequences scoring above the threshold, replacing the dataset's earlier. */
  @ActivityMethod
  DetectionResult writeDetections(DetectRequest request);
}
