package io.vigil.schedule;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.VigilSearchAttributes;
import io.vigil.model.anomaly.AnomalyInput;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.anomaly.AnomalyWorkflow;
import io.vigil.model.detection.ScheduledDetectionInput;
import io.vigil.model.detection.ScheduledDetectionWorkflow;
import io.vigil.model.forecast.ForecastInput;
import io.vigil.model.forecast.ForecastWorkflow;
import io.vigil.model.schedule.Job;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationWorkflow;
import java.time.Duration;
import java.util.Map;

/**
 * How one run of a job of one source starts: its workflow type, its one input record, and what the Temporal UI shows
 * about it (readable id, the {@code VigilSource} and {@code VigilJob} search attributes, and a memo with the effective
 * configuration). Schedules, the cron fallback, `vigil run`, `vigil backfill` and `vigil up` start runs from here.
 *
 * @param memo the effective configuration, under {@link #MEMO_CONFIGURATION}
 */
public record JobStart(Job job, String source, Class<?> workflowInterface, Object input, Map<String, Object> memo) {

  /** The memo key of the effective watchlist row (or detection settings) a run works with. */
  public static final String MEMO_CONFIGURATION = "configuration";

  public static JobStart series(SeriesGenerationInput input) {
    return new JobStart(Job.SERIES, input.config().source(), SeriesGenerationWorkflow.class, input,
        configuration(input.config()));
  }

  public static JobStart forecast(SourceConfig config, Duration warmUp) {
    return new JobStart(Job.FORECAST, config.source(), ForecastWorkflow.class, new ForecastInput(config, warmUp),
        configuration(config));
  }

  public static JobStart anomalies(SourceConfig config, AnomalySettings settings) {
    return new JobStart(Job.ANOMALIES, config.source(), AnomalyWorkflow.class, new AnomalyInput(config, settings),
        configuration(config));
  }

  public static JobStart detection(ScheduledDetectionInput input) {
    return new JobStart(Job.DETECT, input.flows(), ScheduledDetectionWorkflow.class, input,
        Map.of(MEMO_CONFIGURATION, input));
  }

  private static Map<String, Object> configuration(SourceConfig config) {
    return Map.of(MEMO_CONFIGURATION, config);
  }

  /** The workflow type name Temporal knows the interface by: its simple name. */
  public String workflowType() {
    return workflowInterface.getSimpleName();
  }

  /** The id of an ad-hoc run, {@code series/<Source>}: at most one at a time per job and source. */
  public String adHocWorkflowId() {
    return job.scheduleId(source);
  }

  /** Options of a run with this id on the CPU queue, with the search attributes and memo. */
  public WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.CPU)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setTypedSearchAttributes(VigilSearchAttributes.of(job, source))
        .setMemo(memo)
        .build();
  }
}
