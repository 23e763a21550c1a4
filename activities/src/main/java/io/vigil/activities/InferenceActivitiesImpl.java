package io.vigil.activities;

import io.vigil.flows.FlowSequence;
import io.vigil.flows.FlowStore;
import io.vigil.inference.FlowFeatures;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.detection.InferenceActivities;
import io.vigil.model.detection.ScoreRequest;
import io.vigil.model.detection.ScoreResult;
import java.util.List;

/** Scoring with ONNX Runtime; see {@link InferenceActivities}. One scorer (one session) per worker. */
public final class InferenceActivitiesImpl implements InferenceActivities {

  private final FlowStore store;
  private final OnnxScorer scorer;

  public InferenceActivitiesImpl(FlowStore store, OnnxScorer scorer) {
    this.store = store;
    this.scorer = scorer;
  }

  @Override
  public ScoreResult scoreSequences(ScoreRequest request) {
    List<FlowSequence> sequences = store.sequences(request.dataset(), request.from(), request.to());
    int window = scorer.card().length() * FlowFeatures.COUNT;
    float[] features = new float[sequences.size() * window];
    for (int i = 0; i < sequences.size(); i++) {
      FlowFeatures.write(sequences.get(i), scorer.card(), features, i * window);
    }
    long started = System.nanoTime();
    float[] scores = sequences.isEmpty() ? new float[0] : scorer.score(features, sequences.size());
    long nanos = System.nanoTime() - started;
    store.replaceScores(request.dataset(), sequences.stream().map(FlowSequence::id).toList(), scores,
        scorer.card().version());
    return new ScoreResult(sequences.size(), scorer.card().version(), scorer.onGpu() ? "cuda" : "cpu", nanos);
  }
}
