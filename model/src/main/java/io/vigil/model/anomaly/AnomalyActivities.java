package io.vigil.model.anomaly;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The activities of anomaly detection. Implementations live with the backends; workflows see only this contract. */
@ActivityInterface
public interface AnomalyActivities {

  /**
   * Judges the source's bins from its anomaly watermark up to its series watermark: each bin against its forecast
   * (the forecast-deviation rule) and against the baselines, then raises incidents. Writes the anomalies, the
   * incidents and the new anomaly watermark as one atomic step, so a repeated run writes nothing twice.
   */
  @ActivityMethod
  AnomalyResult detectAnomalies(AnomalyRequest request);
}
