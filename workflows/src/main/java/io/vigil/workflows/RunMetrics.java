package io.vigil.workflows;

import com.uber.m3.tally.Scope;
import io.temporal.workflow.Workflow;
import io.vigil.model.WorkflowMetric;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A run's outcome and plan, reported through the workflow's metrics scope: the time of its last success or failure
 * per source (alerts compare the two) and the history a series plan skipped. The scope reports nothing while the
 * workflow replays, and the times come from the workflow clock, so this stays deterministic.
 */
final class RunMetrics {

  private RunMetrics() {}

  /** Runs {@code run} and records whether it succeeded; a failure is rethrown unchanged. */
  static <R> R recorded(String source, Supplier<R> run) {
    R result;
    try {
      result = run.get();
    } catch (RuntimeException failure) {
      stamp(source, WorkflowMetric.LAST_FAILURE);
      throw failure;
    }
    stamp(source, WorkflowMetric.LAST_SUCCESS);
    return result;
  }

  static void skipped(String source, Duration skipped) {
    scope(source).counter(WorkflowMetric.SERIES_SKIPPED.metricName()).inc(skipped.toSeconds());
  }

  private static void stamp(String source, WorkflowMetric metric) {
    scope(source).gauge(metric.metricName()).update(Workflow.currentTimeMillis() / 1000.0);
  }

  private static Scope scope(String source) {
    return Workflow.getMetricsScope().tagged(Map.of(WorkflowMetric.SOURCE_TAG, source));
  }
}
