package io.vigil.worker;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.anomaly.AnomalyInput;
import io.vigil.model.anomaly.AnomalyResult;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.anomaly.AnomalyWorkflow;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionResult;
import io.vigil.model.detection.DetectionWorkflow;
import io.vigil.model.forecast.ForecastInput;
import io.vigil.model.forecast.ForecastResult;
import io.vigil.model.forecast.ForecastWorkflow;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesGenerationWorkflow;
import io.vigil.schedule.JobStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One pass of a job: a workflow per watchlist row, all started at once and awaited. A row whose previous run of the
 * same job is still going is skipped for this pass, as a schedule with overlap policy Skip would.
 */
public final class Passes {

  /** The end of one row's run: its result, or why there is none. */
  public record Outcome<R>(SourceConfig config, R result, String problem) {
    public boolean succeeded() {
      return result != null;
    }
  }

  private Passes() {}

  /** Series generation for every row. */
  public static List<Outcome<SeriesGenerationResult>> series(WorkflowClient client, List<SourceConfig> rows,
      SeriesGenerationInput.Tuning tuning) {
    return run(rows, config -> {
      SeriesGenerationInput input = new SeriesGenerationInput(config, tuning);
      return WorkflowClient.execute(stub(client, SeriesGenerationWorkflow.class, JobStart.series(input))::generate,
          input);
    });
  }

  /** Forecasts for every row, warming up sources that have none yet over {@code warmUp}. */
  public static List<Outcome<ForecastResult>> forecasts(WorkflowClient client, List<SourceConfig> rows,
      Duration warmUp) {
    return run(rows, config -> WorkflowClient.execute(
        stub(client, ForecastWorkflow.class, JobStart.forecast(config, warmUp))::forecast,
        new ForecastInput(config, warmUp)));
  }

  /** Anomaly detection for every row. */
  public static List<Outcome<AnomalyResult>> anomalies(WorkflowClient client, List<SourceConfig> rows,
      AnomalySettings settings) {
    return run(rows, config -> WorkflowClient.execute(
        stub(client, AnomalyWorkflow.class, JobStart.anomalies(config, settings))::detect,
        new AnomalyInput(config, settings)));
  }

  /** One detection run of a dataset, awaited; failures are thrown. */
  public static DetectionResult detection(WorkflowClient client, String dataset, DetectionInput input) {
    return client.newWorkflowStub(DetectionWorkflow.class, options(DetectionWorkflow.workflowId(dataset)))
        .detect(input);
  }

  /**
   * A stub of the row's run under its readable ad-hoc id, with the search attributes and memo the Temporal UI shows
   * (the embedded server registers the attributes when it starts).
   */
  private static <W> W stub(WorkflowClient client, Class<W> type, JobStart start) {
    return client.newWorkflowStub(type, start.options(start.adHocWorkflowId()));
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.CPU)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
  }

  private static <R> List<Outcome<R>> run(List<SourceConfig> rows,
      Function<SourceConfig, CompletableFuture<R>> start) {
    List<CompletableFuture<Outcome<R>>> runs = new ArrayList<>();
    for (SourceConfig config : rows) {
      CompletableFuture<R> run;
      try {
        run = start.apply(config);
      } catch (WorkflowExecutionAlreadyStarted e) {
        run = CompletableFuture.failedFuture(e);
      }
      runs.add(run.thenApply(result -> new Outcome<R>(config, result, null))
          .exceptionally(failure -> new Outcome<R>(config, null, describe(failure))));
    }
    return runs.stream().map(CompletableFuture::join).toList();
  }

  /** What went wrong, in words: the innermost application failure's message, or the innermost cause's. */
  public static String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
        : failure;
    if (cause instanceof WorkflowExecutionAlreadyStarted) {
      return "a run of this source is still in progress; this pass skips it";
    }
    String message = cause.getMessage();
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return application.getOriginalMessage();
      }
      message = t.getMessage();
    }
    return message;
  }
}
