package io.vigil.schedule;

import java.time.Duration;

/**
 * A job of one source that runs every {@code every}, as a Temporal Schedule or, without one, a cron workflow.
 *
 * @param catchupWindow how late a missed run may still start after an outage: never more than the source's
 *     MaxTimeSeriesGenerationPeriod, beyond which a run skips the missing history anyway
 */
public record ScheduledJob(JobStart start, Duration every, Duration catchupWindow) {

  /** The schedule's readable id, {@code series/<Source>}. */
  public String id() {
    return start.job().scheduleId(start.source());
  }

  /**
   * A description of everything the schedule does, equal between two applies exactly when nothing changed: the
   * cron fallback restarts a workflow only when it differs.
   */
  public String fingerprint() {
    return start.workflowType() + " every " + every + " catch-up " + catchupWindow + " " + start.input();
  }
}
