package io.vigil.schedule;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.vigil.config.GlobalConfig;
import io.vigil.config.Watchlists;
import io.vigil.model.SourceConfig;
import io.vigil.model.VigilSearchAttributes;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.ScheduledDetectionInput;
import io.vigil.model.detection.Threshold;
import io.vigil.model.series.SeriesGenerationInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What `vigil schedule apply` asks the server for, built without one so that tests can check it: the jobs of every
 * watchlist row and flows source, and for each the Temporal Schedule (interval spec, overlap policy Skip, catch-up
 * window) or the cron expression of the fallback.
 */
public final class ScheduleRequests {

  /** Flow time one detection activity scores: an hour of flows is a few seconds of scoring on one core. */
  public static final Duration DETECTION_WINDOW = Duration.ofHours(1);
  /** Detection windows per run before it continues as new: a day of catch-up per history. */
  public static final int DETECTION_WINDOWS_PER_RUN = 24;

  private ScheduleRequests() {}

  /**
   * The jobs of the watchlists: per row, series generation and anomaly detection every SeriesGenerationFrequency
   * and forecasts every ForecastGenerationFrequency, each with a catch-up window of the row's
   * MaxTimeSeriesGenerationPeriod; per flows source, scheduled detection every SeriesGenerationFrequency with the
   * global defaults' delay and catch-up bound.
   */
  public static List<ScheduledJob> jobs(Watchlists watchlists, List<String> flowsSources) {
    GlobalConfig global = watchlists.global();
    List<ScheduledJob> jobs = new ArrayList<>();
    for (SourceConfig row : watchlists.sources()) {
      Duration catchUp = row.maxGenerationPeriod();
      jobs.add(new ScheduledJob(JobStart.series(new SeriesGenerationInput(row, SeriesGenerationInput.Tuning.DEFAULT)),
          global.seriesGenerationFrequency(), catchUp));
      jobs.add(new ScheduledJob(JobStart.forecast(row, watchlists.anomalies().forecastWarmUp()),
          global.forecastGenerationFrequency(), catchUp));
      jobs.add(new ScheduledJob(JobStart.anomalies(row, watchlists.anomalies()), global.seriesGenerationFrequency(),
          catchUp));
    }
    for (String flows : flowsSources) {
      jobs.add(new ScheduledJob(JobStart.detection(new ScheduledDetectionInput(flows, Threshold.DEFAULT,
          DetectionInput.DEFAULT_BATCH, true, DETECTION_WINDOW, global.generationDelay(),
          global.maxGenerationPeriod(), DETECTION_WINDOWS_PER_RUN, null)),
          global.seriesGenerationFrequency(), global.maxGenerationPeriod()));
    }
    return jobs;
  }

  /**
   * The Temporal Schedule of a job: start its workflow every {@code every} on the CPU queue, with the job's search
   * attributes and memo; skip a run while the previous one still goes (runs of one source never overlap); start a
   * missed run after an outage only within the catch-up window.
   */
  public static Schedule schedule(ScheduledJob job) {
    JobStart start = job.start();
    return Schedule.newBuilder()
        .setAction(ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(start.workflowType())
            .setArguments(start.input())
            .setOptions(start.options(start.job().scheduledWorkflowId(start.source())))
            .build())
        .setSpec(ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(job.every()))).build())
        .setPolicy(SchedulePolicy.newBuilder()
            .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
            .setCatchupWindow(job.catchupWindow())
            .build())
        .setState(ScheduleState.newBuilder().setNote("applied by vigil schedule apply").build())
        .build();
  }

  /** The schedule's own search attributes and memo, so schedules filter like their runs in the UI. */
  public static ScheduleOptions options(ScheduledJob job) {
    JobStart start = job.start();
    return ScheduleOptions.newBuilder()
        .setTypedSearchAttributes(VigilSearchAttributes.of(start.job(), start.source()))
        .setMemo(start.memo())
        .build();
  }

  /**
   * The cron expression of the fallback for an interval. Cron has no "every N minutes" beyond divisors of the hour
   * and the day, so other intervals are refused with what would work instead.
   */
  public static String cron(Duration every) {
    long minutes = every.toMinutes();
    if (minutes < 1 || !every.equals(Duration.ofMinutes(minutes))) {
      throw new IllegalArgumentException("interval " + every + " is not a whole number of minutes");
    }
    if (minutes < 60 && 60 % minutes == 0) {
      return minutes == 1 ? "* * * * *" : "*/" + minutes + " * * * *";
    }
    if (minutes % 60 == 0 && 24 % (minutes / 60) == 0) {
      long hours = minutes / 60;
      return hours == 1 ? "0 * * * *" : hours == 24 ? "0 0 * * *" : "0 */" + hours + " * * *";
    }
    throw new IllegalArgumentException("an interval of " + minutes + " minutes cannot be written as a cron "
        + "schedule, which the server without Schedules needs; use a frequency that divides an hour (1, 2, 3, 4, "
        + "5, 6, 10, 12, 15, 20, 30) or a day (60, 120, 180, 240, 360, 480, 720, 1440)");
  }
}
