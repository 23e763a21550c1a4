package io.vigil.model.series;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Generates the time series of one watchlist row up to now minus its delay, resuming after the last generated bin
 * and never reaching further back than the catch-up bound. One workflow id per source ({@link #workflowId}), so
 * runs of one source never overlap.
 */
@WorkflowInterface
public interface SeriesGenerationWorkflow {

  static String workflowId(String source) {
    return "series/" + source;
  }

  @WorkflowMethod
  SeriesGenerationResult generate(SeriesGenerationInput input);

  /** Chunks done and planned, and the watermark reached so far. */
  @QueryMethod
  SeriesProgress progress();
}
