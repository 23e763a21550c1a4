package io.vigil.workflows;

import io.temporal.workflow.Workflow;
import io.vigil.model.TimeRange;
import io.vigil.model.detection.DetectRequest;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionProgress;
import io.vigil.model.detection.DetectionResult;
import io.vigil.model.detection.FlowActivities;
import io.vigil.model.detection.FlowSourceRequest;
import io.vigil.model.detection.FlowSourceState;
import io.vigil.model.detection.FlowWatermark;
import io.vigil.model.detection.ScheduledDetectionInput;
import io.vigil.model.detection.ScheduledDetectionResult;
import io.vigil.model.detection.ScheduledDetectionWorkflow;
import io.vigil.model.detection.SequencingResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;

/**
 * Scores the flows that arrived since the source's watermark, oldest window first: sequence the window (CPU queue),
 * score it (inference queue), write its detections, then advance the watermark past it. A failure anywhere leaves
 * the watermark at the end of the last window written, and a window done again replaces its own dataset, so the
 * next run resumes there and nothing is detected twice. Missing flow time older than {@code maxCatchUp} is skipped
 * and reported, as series generation does.
 */
public final class ScheduledDetectionWorkflowImpl implements ScheduledDetectionWorkflow {

  private static final Logger log = Workflow.getLogger(ScheduledDetectionWorkflowImpl.class);

  private final FlowActivities flows = Workflow.newActivityStub(FlowActivities.class,
      BackendActivityOptions.heartbeating());
  private final SequenceScoring scoring = new SequenceScoring();

  private int windowsDone;
  private int windowsPlanned;
  private Instant watermark;

  @Override
  public ScheduledDetectionResult detect(ScheduledDetectionInput input) {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    ScheduledDetectionInput.Carried carried = input.carried();
    FlowSourceState state = flows.inspectFlows(new FlowSourceRequest(input.flows()));
    watermark = state.watermark();

    // Whole minutes: a run's windows then end where a rerun's would, whatever the scheduling jitter.
    Instant end = now.minus(input.delay()).truncatedTo(ChronoUnit.MINUTES);
    Instant bound = now.minus(input.maxCatchUp());
    Instant start = watermark != null ? watermark : state.earliestFlow() != null ? state.earliestFlow() : end;
    TimeRange skipped = carried == null ? null : carried.skipped();
    if (start.isBefore(bound)) {
      Instant skippedEnd = bound.isBefore(end) ? bound : end;
      if (carried == null && start.isBefore(skippedEnd)) {
        skipped = new TimeRange(start, skippedEnd);
        log.info("{}: unscored flows older than the catch-up bound are skipped: {}", input.flows(), skipped);
      }
      start = bound;
    }
    List<TimeRange> windows = start.isBefore(end) ? new TimeRange(start, end).split(input.window()) : List.of();
    int carriedWindows = carried == null ? 0 : carried.windowsDone();
    windowsDone = carriedWindows;
    windowsPlanned = carriedWindows + windows.size();
    Instant scoredFrom = carried == null ? start : carried.scoredFrom();
    long flowsRead = carried == null ? 0 : carried.flowsRead();
    int sequences = carried == null ? 0 : carried.sequences();
    int detections = carried == null ? 0 : carried.detections();

    int windowsThisRun = 0;
    for (TimeRange window : windows) {
      if (windowsThisRun == input.windowsPerRun()) {
        Workflow.continueAsNew(new ScheduledDetectionInput(input.flows(), input.threshold(), input.batch(),
            input.mitre(), input.window(), input.delay(), input.maxCatchUp(), input.windowsPerRun(),
            new ScheduledDetectionInput.Carried(scoredFrom, skipped, windowsDone, flowsRead, sequences, detections)));
      }
      SequencingResult sequencing = flows.sequenceFlows(new DetectionInput(input.flows(), input.threshold(),
          input.batch(), input.mitre(), window));
      scoring.scoreAll(sequencing, input.batch());
      DetectionResult written = flows.writeDetections(
          new DetectRequest(sequencing.dataset(), input.threshold(), now, input.mitre()));
      watermark = flows.advanceWatermark(new FlowWatermark(input.flows(), window.end())).scoredUntil();
      flowsRead += sequencing.flows();
      sequences += sequencing.sequences();
      detections += written.detections();
      windowsDone++;
      windowsThisRun++;
    }
    TimeRange scored = scoredFrom.isBefore(end) ? new TimeRange(scoredFrom, end) : new TimeRange(end, end);
    Duration lag = watermark == null ? null : Duration.between(watermark, now);
    return new ScheduledDetectionResult(input.flows(), now, scored, skipped, windowsDone, flowsRead, sequences,
        detections, watermark, lag);
  }

  @Override
  public DetectionProgress progress() {
    return new DetectionProgress(windowsDone, windowsPlanned, watermark);
  }
}
