package io.vigil.schedule;

import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleUpdate;
import io.vigil.model.schedule.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Vigil's schedules as Temporal Schedules, on a server that has the API. */
final class TemporalSchedules implements Schedules {

  private final ScheduleClient client;

  TemporalSchedules(ScheduleClient client) {
    this.client = client;
  }

  @Override
  public String mechanism() {
    return "Temporal Schedules";
  }

  private Set<String> vigilIds() {
    return client.listSchedules().map(ScheduleListDescription::getScheduleId)
        .filter(id -> Job.parse(id) != null).collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public ApplyResult apply(List<ScheduledJob> jobs) {
    Set<String> existing = vigilIds();
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    for (ScheduledJob job : jobs) {
      Schedule wanted = ScheduleRequests.schedule(job);
      if (existing.remove(job.id())) {
        // The update keeps the schedule's state, so a paused schedule stays paused.
        client.getHandle(job.id()).update(input -> new ScheduleUpdate(Schedule.newBuilder(wanted)
            .setState(input.getDescription().getSchedule().getState()).build()));
        updated.add(job.id());
      } else {
        client.createSchedule(job.id(), wanted, ScheduleRequests.options(job));
        created.add(job.id());
      }
    }
    for (String removed : existing) {
      client.getHandle(removed).delete();
    }
    return new ApplyResult(created, updated, List.of(), List.copyOf(existing));
  }

  @Override
  public List<ScheduleSummary> list() {
    List<ScheduleSummary> summaries = new ArrayList<>();
    for (String id : vigilIds()) {
      ScheduleDescription description = client.getHandle(id).describe();
      Schedule schedule = description.getSchedule();
      String spec = schedule.getSpec().getIntervals().stream().map(ScheduleIntervalSpec::getEvery)
          .map(every -> "every " + every).collect(Collectors.joining(", "));
      List<ScheduleActionResult> recent = description.getInfo().getRecentActions();
      Instant lastRun = recent.isEmpty() ? null : recent.get(recent.size() - 1).getStartedAt();
      List<Instant> next = description.getInfo().getNextActionTimes();
      summaries.add(new ScheduleSummary(id, spec, schedule.getState().isPaused(), schedule.getState().getNote(),
          lastRun, next.isEmpty() ? null : next.get(0)));
    }
    return summaries;
  }

  private ScheduleHandle handle(String id) {
    requireVigil(id);
    return client.getHandle(id);
  }

  static void requireVigil(String id) {
    if (Job.parse(id) == null) {
      throw new IllegalArgumentException("'" + id + "' is not a Vigil schedule id; those are <job>/<source> with job "
          + "one of series, forecast, anomalies, detect (see vigil schedule list)");
    }
  }

  @Override
  public void pause(String id, String note) {
    handle(id).pause(note);
  }

  @Override
  public void unpause(String id, String note) {
    handle(id).unpause(note);
  }

  @Override
  public void trigger(String id) {
    handle(id).trigger();
  }

  @Override
  public void delete(String id) {
    handle(id).delete();
  }
}
