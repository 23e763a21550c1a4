package io.vigil.schedule;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import io.vigil.model.schedule.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Vigil's schedules as cron workflows, for a server without the Schedules API (the embedded test server). The
 * workflows are their own record: a schedule is the open cron workflow {@code <job>/<source>/scheduled}, found with
 * ListOpenWorkflowExecutions (the test server has no ListWorkflowExecutions), and its memo keeps the
 * {@link ScheduledJob#fingerprint} it was applied with. Cron workflows cannot pause, so pausing terminates the
 * workflow with a reason that starts with {@value #PAUSED}, and unpausing starts it again exactly as it was started
 * (from its history's first event).
 */
final class CronSchedules implements Schedules {

  static final String PAUSED = "paused by vigil schedule pause";
  static final String DELETED = "deleted by vigil schedule";
  static final String MEMO_SCHEDULE = "schedule";
  private static final String SUFFIX = "/scheduled";

  private final WorkflowClient client;
  private final String namespace;
  private final WorkflowServiceBlockingStub service;

  CronSchedules(WorkflowClient client) {
    this.client = client;
    this.namespace = client.getOptions().getNamespace();
    this.service = client.getWorkflowServiceStubs().blockingStub();
  }

  @Override
  public String mechanism() {
    return "cron workflows, as this server has no Schedules API";
  }

  @Override
  public ApplyResult apply(List<ScheduledJob> jobs) {
    Map<String, WorkflowExecution> open = openSchedules();
    Map<String, WorkflowExecution> paused = pausedSchedules(open);
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (ScheduledJob job : jobs) {
      WorkflowExecution running = open.remove(job.id());
      if (paused.remove(job.id()) != null) {
        // Left paused, as a Temporal Schedule's update leaves it; unpause starts what was paused.
        unchanged.add(job.id());
      } else if (running != null && fingerprint(running).equals(job.fingerprint())) {
        unchanged.add(job.id());
      } else {
        if (running != null) {
          terminate(job.id(), "replaced by vigil schedule apply");
        }
        start(job);
        (running == null ? created : updated).add(job.id());
      }
    }
    List<String> deleted = new ArrayList<>(open.keySet());
    deleted.addAll(paused.keySet());
    deleted.forEach(this::delete);
    return new ApplyResult(created, updated, unchanged, deleted);
  }

  private void start(ScheduledJob job) {
    JobStart start = job.start();
    Map<String, Object> memo = new HashMap<>(start.memo());
    memo.put(MEMO_SCHEDULE, job.fingerprint());
    WorkflowOptions options = WorkflowOptions.newBuilder(start.options(start.job().scheduledWorkflowId(start.source())))
        .setCronSchedule(ScheduleRequests.cron(job.every()))
        .setMemo(memo)
        .build();
    client.newUntypedWorkflowStub(start.workflowType(), options).start(start.input());
  }

  @Override
  public List<ScheduleSummary> list() {
    Map<String, WorkflowExecution> open = openSchedules();
    Map<String, WorkflowExecution> paused = pausedSchedules(open);
    Map<String, ScheduleSummary> summaries = new TreeMap<>();
    for (Map.Entry<String, WorkflowExecution> schedule : open.entrySet()) {
      WorkflowExecutionInfo info = service.describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
          .setNamespace(namespace).setExecution(schedule.getValue()).build()).getWorkflowExecutionInfo();
      Instant next = RunHistory.instant(info.getExecutionTime());
      summaries.put(schedule.getKey(), new ScheduleSummary(schedule.getKey(),
          "cron " + started(schedule.getValue()).getCronSchedule(), false, "", lastRun(schedule.getKey()), next));
    }
    for (Map.Entry<String, WorkflowExecution> schedule : paused.entrySet()) {
      summaries.put(schedule.getKey(), new ScheduleSummary(schedule.getKey(),
          "cron " + started(schedule.getValue()).getCronSchedule(), true,
          terminationReason(schedule.getValue()).orElse(""), lastRun(schedule.getKey()), null));
    }
    return List.copyOf(summaries.values());
  }

  @Override
  public void pause(String id, String note) {
    requireOpen(id);
    terminate(id, PAUSED + (note == null || note.isEmpty() ? "" : ": " + note));
  }

  @Override
  public void unpause(String id, String note) {
    WorkflowExecution paused = pausedSchedules(openSchedules()).get(id);
    if (paused == null) {
      throw new IllegalArgumentException("no paused schedule " + id + " (see vigil schedule list)");
    }
    restart(id, paused);
  }

  @Override
  public void trigger(String id) {
    WorkflowExecution schedule = requireOpen(id);
    WorkflowExecutionStartedEventAttributes started = started(schedule);
    // One run now, beside the cron chain, as a Schedule's trigger starts one: same type, input, memo and search
    // attributes, its id stamped with the time as a Schedule's runs are.
    service.startWorkflowExecution(startRequest(started, workflowId(id) + "-" + Instant.now())
        .clearCronSchedule().build());
  }

  @Override
  public void delete(String id) {
    TemporalSchedules.requireVigil(id);
    Map<String, WorkflowExecution> open = openSchedules();
    WorkflowExecution paused = pausedSchedules(open).get(id);
    if (paused != null) {
      // A paused schedule is its terminated workflow; running it again and ending it with the deletion reason makes
      // the deletion the latest word on it.
      restart(id, paused);
    } else if (!open.containsKey(id)) {
      throw new IllegalArgumentException("no schedule " + id + " (see vigil schedule list)");
    }
    terminate(id, DELETED);
  }

  private WorkflowExecution requireOpen(String id) {
    TemporalSchedules.requireVigil(id);
    WorkflowExecution open = openSchedules().get(id);
    if (open == null) {
      throw new IllegalArgumentException("no running schedule " + id + " (see vigil schedule list)");
    }
    return open;
  }

  private void restart(String id, WorkflowExecution terminated) {
    service.startWorkflowExecution(startRequest(started(terminated), workflowId(id)).build());
  }

  private StartWorkflowExecutionRequest.Builder startRequest(WorkflowExecutionStartedEventAttributes started,
      String workflowId) {
    return StartWorkflowExecutionRequest.newBuilder()
        .setNamespace(namespace)
        .setWorkflowId(workflowId)
        .setWorkflowType(started.getWorkflowType())
        .setTaskQueue(started.getTaskQueue())
        .setInput(started.getInput())
        .setCronSchedule(started.getCronSchedule())
        .setMemo(started.getMemo())
        .setSearchAttributes(started.getSearchAttributes())
        .setWorkflowTaskTimeout(started.getWorkflowTaskTimeout())
        .setIdentity(client.getOptions().getIdentity())
        .setRequestId(UUID.randomUUID().toString());
  }

  private void terminate(String id, String reason) {
    client.newUntypedWorkflowStub(workflowId(id)).terminate(reason);
  }

  private static String workflowId(String scheduleId) {
    return scheduleId + SUFFIX;
  }

  /** The open cron workflows that are Vigil's schedules, by schedule id. */
  private Map<String, WorkflowExecution> openSchedules() {
    Map<String, WorkflowExecution> open = new TreeMap<>();
    ListOpenWorkflowExecutionsResponse page = null;
    do {
      ListOpenWorkflowExecutionsRequest.Builder request = ListOpenWorkflowExecutionsRequest.newBuilder()
          .setNamespace(namespace).setMaximumPageSize(1000);
      if (page != null) {
        request.setNextPageToken(page.getNextPageToken());
      }
      page = service.listOpenWorkflowExecutions(request.build());
      for (WorkflowExecutionInfo info : page.getExecutionsList()) {
        scheduleId(info).ifPresent(id -> open.put(id, info.getExecution()));
      }
    } while (!page.getNextPageToken().isEmpty());
    return open;
  }

  /** Schedules whose latest workflow was terminated by a pause and that have no open workflow, by schedule id. */
  private Map<String, WorkflowExecution> pausedSchedules(Map<String, WorkflowExecution> open) {
    Map<String, WorkflowExecution> paused = new LinkedHashMap<>();
    latestClosed().forEach((id, info) -> {
      if (!open.containsKey(id) && info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED
          && terminationReason(info.getExecution()).filter(reason -> reason.startsWith(PAUSED)).isPresent()) {
        paused.put(id, info.getExecution());
      }
    });
    return paused;
  }

  /** The latest closed run of each schedule's cron workflow, by schedule id. */
  private Map<String, WorkflowExecutionInfo> latestClosed() {
    Map<String, WorkflowExecutionInfo> latest = new HashMap<>();
    for (WorkflowExecutionInfo info : RunHistory.allClosed(client)) {
      scheduleId(info).ifPresent(id -> latest.merge(id, info, (a, b) ->
          Comparator.comparing((WorkflowExecutionInfo run) -> run.getCloseTime().getSeconds())
              .thenComparing(run -> run.getCloseTime().getNanos()).compare(a, b) >= 0 ? a : b));
    }
    return latest;
  }

  /** When the latest finished run of the schedule began, or null when none finished yet. */
  private Instant lastRun(String id) {
    Job.JobSource parsed = Job.parse(id);
    String scheduled = parsed.job().scheduledWorkflowId(parsed.source());
    return new RunHistory(client).finishedRuns(parsed.job(), parsed.source()).stream()
        .filter(run -> run.workflowId().startsWith(scheduled)
            && run.status() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED)
        .findFirst().map(RunHistory.Run::started).orElse(null);
  }

  private static Optional<String> scheduleId(WorkflowExecutionInfo info) {
    String workflowId = info.getExecution().getWorkflowId();
    if (!workflowId.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    String id = workflowId.substring(0, workflowId.length() - SUFFIX.length());
    return Job.parse(id) == null ? Optional.empty() : Optional.of(id);
  }

  private WorkflowExecutionStartedEventAttributes started(WorkflowExecution execution) {
    return client.fetchHistory(execution.getWorkflowId(), execution.getRunId()).getEvents().get(0)
        .getWorkflowExecutionStartedEventAttributes();
  }

  private String fingerprint(WorkflowExecution execution) {
    var memo = started(execution).getMemo().getFieldsMap().get(MEMO_SCHEDULE);
    return memo == null ? "" : DataConverter.getDefaultInstance().fromPayload(memo, String.class, String.class);
  }

  private Optional<String> terminationReason(WorkflowExecution execution) {
    List<HistoryEvent> events = client.fetchHistory(execution.getWorkflowId(), execution.getRunId()).getEvents();
    HistoryEvent last = events.get(events.size() - 1);
    return last.hasWorkflowExecutionTerminatedEventAttributes()
        ? Optional.of(last.getWorkflowExecutionTerminatedEventAttributes().getReason()) : Optional.empty();
  }
}
