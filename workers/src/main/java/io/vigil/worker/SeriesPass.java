package io.vigil.worker;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesGenerationWorkflow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One pass of series generation: a workflow per watchlist row, all started at once and awaited. A row whose
 * previous run is still going is skipped for this pass, as a schedule with overlap policy Skip would.
 */
public final class SeriesPass {

  /** The end of one row's run: its result, or why there is none. */
  public record Outcome(SourceConfig config, SeriesGenerationResult result, String problem) {
    public boolean succeeded() {
      return result != null;
    }
  }

  private SeriesPass() {}

  public static List<Outcome> run(WorkflowClient client, List<SourceConfig> rows, SeriesGenerationInput.Tuning tuning) {
    List<CompletableFuture<Outcome>> runs = new ArrayList<>();
    for (SourceConfig config : rows) {
      SeriesGenerationWorkflow workflow = client.newWorkflowStub(SeriesGenerationWorkflow.class,
          WorkflowOptions.newBuilder()
              .setWorkflowId(SeriesGenerationWorkflow.workflowId(config.source()))
              .setTaskQueue(TaskQueues.CPU)
              .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
              .build());
      SeriesGenerationInput input = new SeriesGenerationInput(config, tuning);
      CompletableFuture<SeriesGenerationResult> run;
      try {
        run = WorkflowClient.execute(workflow::generate, input);
      } catch (WorkflowExecutionAlreadyStarted e) {
        run = CompletableFuture.failedFuture(e);
      }
      runs.add(run.thenApply(result -> new Outcome(config, result, null))
          .exceptionally(failure -> new Outcome(config, null, describe(failure))));
    }
    return runs.stream().map(CompletableFuture::join).toList();
  }

  /** What went wrong, in words: the innermost application failure's message, or the innermost cause's. */
  static String describe(Throwable failure) {
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
