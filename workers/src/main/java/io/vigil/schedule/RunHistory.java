package io.vigil.schedule;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionContinuedAsNewEventAttributes;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.vigil.model.VigilSearchAttributes;
import io.vigil.model.schedule.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The finished runs of a job of one source, ad hoc and scheduled alike, newest first, with what each ended with.
 * Found by search attributes where the server has ListWorkflowExecutions, else (the embedded test server) by id
 * among ListClosedWorkflowExecutions.
 */
public final class RunHistory {

  /** One finished run; {@code started} is when it began to execute (a cron run is created earlier). */
  public record Run(String workflowId, String runId, String workflowType, WorkflowExecutionStatus status,
      Instant started, Instant closed) {}

  private final WorkflowClient client;

  public RunHistory(WorkflowClient client) {
    this.client = client;
  }

  /** The job's finished runs for the source, newest start first. */
  public List<Run> finishedRuns(Job job, String source) {
    List<Run> runs = new ArrayList<>();
    try {
      client.listExecutions(VigilSearchAttributes.SOURCE.getName() + " = '" + source.replace("'", "") + "' AND "
          + VigilSearchAttributes.JOB.getName() + " = '" + job.id() + "' AND ExecutionStatus != 'Running'")
          .forEach(run -> runs.add(run(run)));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      runs.addAll(closedByIdAmongAll(job, source));
    }
    runs.sort(Comparator.comparing(Run::started).reversed());
    return runs;
  }

  private static Run run(WorkflowExecutionMetadata run) {
    return new Run(run.getExecution().getWorkflowId(), run.getExecution().getRunId(), run.getWorkflowType(),
        run.getStatus(),
        run.getExecutionTime() != null ? run.getExecutionTime() : run.getStartTime(), run.getCloseTime());
  }

  private List<Run> closedByIdAmongAll(Job job, String source) {
    String adHoc = job.scheduleId(source);
    String scheduled = job.scheduledWorkflowId(source);
    List<Run> runs = new ArrayList<>();
    for (WorkflowExecutionInfo info : allClosed(client)) {
      String id = info.getExecution().getWorkflowId();
      if (id.equals(adHoc) || id.startsWith(scheduled) || id.equals(job.backfillWorkflowId(source))) {
        Run run = new Run(id, info.getExecution().getRunId(), info.getType().getName(), info.getStatus(),
            instant(info.hasExecutionTime() && info.getExecutionTime().getSeconds() > 0 ? info.getExecutionTime()
                : info.getStartTime()), instant(info.getCloseTime()));
        runs.add(info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW
            ? cronOutcome(run) : run);
      }
    }
    return runs;
  }

  /**
   * The test server closes each run of a cron workflow as continued-as-new and keeps what the run ended with in that
   * event (its result, or its failure); such a run is reported as completed or failed like on a real server. A run
   * that continued as new itself (a long catch-up) stays as it is: its successor reports the whole.
   */
  private Run cronOutcome(Run run) {
    List<HistoryEvent> events = client.fetchHistory(run.workflowId(), run.runId()).getEvents();
    WorkflowExecutionContinuedAsNewEventAttributes continued =
        events.get(events.size() - 1).getWorkflowExecutionContinuedAsNewEventAttributes();
    WorkflowExecutionStatus status = continued.hasFailure() ? WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED
        : continued.getLastCompletionResult().getPayloadsCount() > 0
            ? WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED : run.status();
    // Its listing dates a cron run by its creation, right after its predecessor; it began when its backoff ended.
    HistoryEvent first = events.get(0);
    com.google.protobuf.Duration backoff =
        first.getWorkflowExecutionStartedEventAttributes().getFirstWorkflowTaskBackoff();
    Instant began = instant(first.getEventTime()).plusSeconds(backoff.getSeconds()).plusNanos(backoff.getNanos());
    return new Run(run.workflowId(), run.runId(), run.workflowType(), status, began, run.closed());
  }

  /** Every closed run of the namespace, page by page: the listing a server without ListWorkflowExecutions has. */
  public static List<WorkflowExecutionInfo> allClosed(WorkflowClient client) {
    List<WorkflowExecutionInfo> closed = new ArrayList<>();
    ListClosedWorkflowExecutionsResponse page = null;
    do {
      ListClosedWorkflowExecutionsRequest.Builder request = ListClosedWorkflowExecutionsRequest.newBuilder()
          .setNamespace(client.getOptions().getNamespace()).setMaximumPageSize(1000);
      if (page != null) {
        request.setNextPageToken(page.getNextPageToken());
      }
      page = client.getWorkflowServiceStubs().blockingStub().listClosedWorkflowExecutions(request.build());
      closed.addAll(page.getExecutionsList());
    } while (!page.getNextPageToken().isEmpty());
    return closed;
  }

  static Instant instant(com.google.protobuf.Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  /** The run's result when it completed (not when it continued as new, failed or was stopped). */
  public <R> Optional<R> result(Run run, Class<R> type) {
    HistoryEvent last = lastEvent(run);
    Payloads result;
    if (last.hasWorkflowExecutionCompletedEventAttributes()) {
      result = last.getWorkflowExecutionCompletedEventAttributes().getResult();
    } else if (last.hasWorkflowExecutionContinuedAsNewEventAttributes()
        && last.getWorkflowExecutionContinuedAsNewEventAttributes().getLastCompletionResult().getPayloadsCount() > 0) {
      result = last.getWorkflowExecutionContinuedAsNewEventAttributes().getLastCompletionResult();
    } else {
      return Optional.empty();
    }
    return Optional.ofNullable(client.getOptions().getDataConverter().fromPayloads(0, Optional.of(result), type,
        type));
  }

  /** Why the run failed, in the words of the innermost failure (an activity's message says what to fix). */
  public Optional<String> failure(Run run) {
    HistoryEvent last = lastEvent(run);
    Failure failure;
    if (last.hasWorkflowExecutionFailedEventAttributes()) {
      failure = last.getWorkflowExecutionFailedEventAttributes().getFailure();
    } else if (last.hasWorkflowExecutionContinuedAsNewEventAttributes()
        && last.getWorkflowExecutionContinuedAsNewEventAttributes().hasFailure()) {
      failure = last.getWorkflowExecutionContinuedAsNewEventAttributes().getFailure();
    } else {
      return Optional.empty();
    }
    while (failure.hasCause()) {
      failure = failure.getCause();
    }
    return Optional.of(failure.getMessage());
  }

  private HistoryEvent lastEvent(Run run) {
    List<HistoryEvent> events = client.fetchHistory(run.workflowId(), run.runId()).getEvents();
    return events.get(events.size() - 1);
  }
}
