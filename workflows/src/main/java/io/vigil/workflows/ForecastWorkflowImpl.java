package io.vigil.workflows;

import io.temporal.workflow.Workflow;
import io.vigil.model.forecast.ForecastActivities;
import io.vigil.model.forecast.ForecastInput;
import io.vigil.model.forecast.ForecastRequest;
import io.vigil.model.forecast.ForecastResult;
import io.vigil.model.forecast.ForecastWorkflow;
import java.time.Instant;

/**
 * One forecast run of one source. The run's time comes from the workflow clock and names the predictions, so a
 * retried activity replaces its own rows rather than adding to them.
 */
public final class ForecastWorkflowImpl implements ForecastWorkflow {

  private final ForecastActivities activities = Workflow.newActivityStub(ForecastActivities.class,
      BackendActivityOptions.heartbeating());

  @Override
  public ForecastResult forecast(ForecastInput input) {
    Instant runTime = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    return RunMetrics.recorded(input.config().source(),
        () -> activities.forecastSource(new ForecastRequest(input.config(), runTime, input.warmUp())));
  }
}
