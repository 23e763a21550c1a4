package io.vigil.model;

/**
 * Metrics that only a workflow can know (whether a run succeeded, what its plan skipped), reported through the
 * workflow's Temporal metrics scope, which drops them while a workflow replays. Temporal tags them with namespace,
 * task queue and workflow type; Vigil adds the source. Workers describe them in their Prometheus registry from here.
 */
public enum WorkflowMetric {

  LAST_SUCCESS("vigil_run_last_success_timestamp_seconds", "seconds",
      "When the last run of this workflow type for this source succeeded, in seconds since the Unix epoch"),
  LAST_FAILURE("vigil_run_last_failure_timestamp_seconds", "seconds",
      "When the last run of this workflow type for this source failed, in seconds since the Unix epoch"),
  SERIES_SKIPPED("vigil_series_skipped_seconds", "seconds",
      "Missing history older than MaxTimeSeriesGenerationPeriod that series generation skipped (never generated)");

  /** The tag that names the watchlist row's source. */
  public static final String SOURCE_TAG = "source";

  private final String metricName;
  private final String baseUnit;
  private final String description;

  WorkflowMetric(String metricName, String baseUnit, String description) {
    this.metricName = metricName;
    this.baseUnit = baseUnit;
    this.description = description;
  }

  public String metricName() {
    return metricName;
  }

  public String baseUnit() {
    return baseUnit;
  }

  public String description() {
    return description;
  }
}
