package io.vigil.model.forecast;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Forecasts every series of one watchlist row ahead of its watermark. One workflow id per source
 * ({@link #workflowId}), so forecast runs of one source never overlap.
 */
@WorkflowInterface
public interface ForecastWorkflow {

  static String workflowId(String source) {
    return "forecast/" + source;
  }

  @WorkflowMethod
  ForecastResult forecast(ForecastInput input);
}
