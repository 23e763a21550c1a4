package io.vigil.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.vigil.model.TaskQueues;
import io.vigil.model.detection.InferenceActivities;
import io.vigil.model.detection.ScoreRequest;
import io.vigil.model.detection.ScoreResult;
import io.vigil.model.detection.SequencingResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a sequenced dataset in batches on the inference queue, all batches at once so that every GPU worker takes
 * some; shared by ad-hoc and scheduled detection. Create it inside a workflow: it holds an activity stub.
 */
final class SequenceScoring {

  private final InferenceActivities inference = Workflow.newActivityStub(InferenceActivities.class,
      ActivityOptions.newBuilder(BackendActivityOptions.heartbeating()).setTaskQueue(TaskQueues.INFERENCE)
          .build());

  /** Scores every sequence of the dataset; returns the device the last batch ran on, empty when there was none. */
  String scoreAll(SequencingResult sequencing, int batch) {
    List<Promise<ScoreResult>> batches = new ArrayList<>();
    for (int from = 0; from < sequencing.sequences(); from += batch) {
      int to = Math.min(from + batch, sequencing.sequences());
      batches.add(Async.function(inference::scoreSequences, new ScoreRequest(sequencing.dataset(), from, to)));
    }
    String device = "";
    for (Promise<ScoreResult> scored : batches) {
      device = scored.get().device();
    }
    return device;
  }
}
