package io.vigil.model.detection;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Scoring on the {@link io.vigil.model.TaskQueues#INFERENCE} queue, where GPU workers serve it. */
@ActivityInterface
public interface InferenceActivities {

  /** Scores a range of the dataset's stored sequences with the current model and stores the scores. */
  @ActivityMethod
  ScoreResult scoreSequences(ScoreRequest request);
}
