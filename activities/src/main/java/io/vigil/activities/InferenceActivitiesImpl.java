package io.vigil.activities;

import io.vigil.flows.FlowSequence;
import io.vigil.flows.FlowStore;
import io.vigil.inference.FlowFeatures;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.detection.InferenceActivities;
import io.vigil.model.detection.ScoreRequest;
import io.vigil.model.detection.ScoreResult;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Scoring with ONNX Runtime; see {@link InferenceActivities}. Each running activity borrows one of the worker's
 * scorers (one ONNX Runtime session each) for its batch, so a worker runs as many batches at once as it holds sessions.
 */
public final class InferenceActivitiesImpl implements InferenceActivities {

  private final FlowStore store;
  private final BlockingQueue<OnnxScorer> scorers;
  private final VigilMetrics metrics;

  public InferenceActivitiesImpl(FlowStore store, List<OnnxScorer> scorers, VigilMetrics metrics) {
    if (scorers.isEmpty()) {
      throw new IllegalArgumentException("an inference worker needs at least one scorer");
    }
    this.store = store;
    this.scorers = new ArrayBlockingQueue<>(scorers.size(), false, scorers);
    this.metrics = metrics;
    scorers.forEach(scorer -> metrics.modelServed(scorer.card().version(), device(scorer)));
  }

  private static String device(OnnxScorer scorer) {
    return scorer.onGpu() ? "cuda" : "cpu";
  }

  @Override
  public ScoreResult scoreSequences(ScoreRequest request) {
    return LivenessHeartbeat.during(() -> scoreWithASession(request));
  }

  private ScoreResult scoreWithASession(ScoreRequest request) {
    OnnxScorer scorer;
    try {
      scorer = scorers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a scoring session", e);
    }
    try {
      return score(scorer, request);
    } finally {
      scorers.add(scorer);
    }
  }

  private ScoreResult score(OnnxScorer scorer, ScoreRequest request) {
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
    metrics.scored(scorer.card().version(), device(scorer), sequences.size(), nanos);
    return new ScoreResult(sequences.size(), scorer.card().version(), device(scorer), nanos);
  }
}
