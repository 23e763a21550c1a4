package io.vigil.model.schedule;

/**
 * The periodic jobs Vigil runs per watchlist row (series, forecast, anomalies) and per flows source (detect). The
 * name is the first part of every workflow and schedule id of the job ({@code series/<Source>}), and the value of
 * the {@code VigilJob} search attribute, so the Temporal UI filters runs by job.
 */
public enum Job {
  SERIES("series"),
  FORECAST("forecast"),
  ANOMALIES("anomalies"),
  DETECT("detect");

  private final String id;

  Job(String id) {
    this.id = id;
  }

  /** The job's name in ids and search attributes. */
  public String id() {
    return id;
  }

  /** The readable id of a source's schedule of this job, which is also the id its ad-hoc runs take. */
  public String scheduleId(String source) {
    return id + "/" + source;
  }

  /**
   * The id of the runs a schedule starts: a real server appends the scheduled time to it, and the cron fallback
   * uses it as is. It differs from the ad-hoc id, so that a scheduled run never blocks `vigil run` or `vigil up`.
   */
  public String scheduledWorkflowId(String source) {
    return scheduleId(source) + "/scheduled";
  }

  /** The id of a backfill, {@code series/<Source>/backfill}: apart from the scheduled and ad-hoc runs. */
  public String backfillWorkflowId(String source) {
    return scheduleId(source) + "/backfill";
  }

  /** The job and source of a schedule id made by {@link #scheduleId}, or null when the id is not Vigil's. */
  public static JobSource parse(String scheduleId) {
    int slash = scheduleId.indexOf('/');
    if (slash <= 0 || slash == scheduleId.length() - 1) {
      return null;
    }
    String prefix = scheduleId.substring(0, slash);
    for (Job job : values()) {
      if (job.id.equals(prefix)) {
        return new JobSource(job, scheduleId.substring(slash + 1));
      }
    }
    return null;
  }

  /** A job of one source. */
  public record JobSource(Job job, String source) {}
}
