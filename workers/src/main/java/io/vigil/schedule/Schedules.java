package io.vigil.schedule;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * Vigil's schedules on one Temporal namespace: Temporal Schedules where the server has them, cron workflows where it
 * does not (the embedded test server). Schedule ids are the readable {@code <job>/<source>}; only ids of that form
 * are Vigil's, and only those are listed, changed or deleted.
 */
public interface Schedules {

  /** How the schedules are kept, in words, for the commands' output. */
  String mechanism();

  /**
   * Creates or updates one schedule per job and deletes Vigil's schedules that are no longer wanted (rows removed
   * from the watchlist). A paused schedule stays paused.
   */
  ApplyResult apply(List<ScheduledJob> jobs);

  /** Vigil's schedules, by id. */
  List<ScheduleSummary> list();

  void pause(String id, String note);

  void unpause(String id, String note);

  /** Starts one run of the schedule now. */
  void trigger(String id);

  void delete(String id);

  /** What an apply did, by schedule id. */
  record ApplyResult(List<String> created, List<String> updated, List<String> unchanged, List<String> deleted) {}

  /**
   * One schedule as listed.
   *
   * @param spec when it runs, in the mechanism's terms (an interval or a cron expression)
   * @param lastRun when its latest run started, or null
   * @param nextRun when its next run is due, or null while paused
   */
  record ScheduleSummary(String id, String spec, boolean paused, String note, Instant lastRun, Instant nextRun) {}

  /**
   * The schedules of the client's namespace. Probes the Schedules API once; on a server that answers UNIMPLEMENTED
   * it says so on {@code err} and falls back to cron workflows.
   */
  static Schedules connect(WorkflowClient client, PrintWriter err) {
    ScheduleClient schedules = ScheduleClient.newInstance(client.getWorkflowServiceStubs(),
        ScheduleClientOptions.newBuilder().setNamespace(client.getOptions().getNamespace()).build());
    try {
      schedules.listSchedules(1).findFirst();
      return new TemporalSchedules(schedules);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      err.println("This Temporal server has no Schedules API (the embedded test server has none): falling back to "
          + "cron workflows, which cannot skip overlaps by policy (a cron run never overlaps its predecessor), have "
          + "no catch-up window (a missed run starts once) and pause by stopping.");
      err.flush();
      return new CronSchedules(client);
    }
  }
}
