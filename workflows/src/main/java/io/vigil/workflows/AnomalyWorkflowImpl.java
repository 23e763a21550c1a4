package io.vigil.workflows;

import io.temporal.workflow.Workflow;
import io.vigil.model.anomaly.AnomalyActivities;
import io.vigil.model.anomaly.AnomalyInput;
import io.vigil.model.anomaly.AnomalyRequest;
import io.vigil.model.anomaly.AnomalyResult;
import io.vigil.model.anomaly.AnomalyWorkflow;
import java.time.Instant;

/**
 * One anomaly run of one source. The run's time comes from the workflow clock and stamps the anomalies it finds;
 * the activity replaces the judged range as a whole, so a retry rewrites rather than adds.
 */
public final class AnomalyWorkflowImpl implements AnomalyWorkflow {

  private final AnomalyActivities activities = Workflow.newActivityStub(AnomalyActivities.class,
      BackendActivityOptions.heartbeating());

  @Override
  public AnomalyResult detect(AnomalyInput input) {
    Instant runTime = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    return RunMetrics.recorded(input.config().source(),
        () -> activities.detectAnomalies(new AnomalyRequest(input.config(), input.settings(), runTime)));
  }
}
