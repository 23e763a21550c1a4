package io.vigil.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.vigil.config.GlobalConfig;
import io.vigil.config.Watchlists;
import io.vigil.model.BackendKind;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.VigilSearchAttributes;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.detection.ScheduledDetectionInput;
import io.vigil.model.series.SeriesGenerationInput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Schedule requests `vigil schedule apply` sends to a real server, checked without one. */
class ScheduleRequestsTest {

  private static SourceConfig row(int number, String source, Duration maxGenerationPeriod) {
    return new SourceConfig(number, source, "Computer", "Account", "", "", "", "TimeGenerated",
        Duration.ofMinutes(10), Duration.ofMinutes(30), maxGenerationPeriod, Duration.ofDays(1), Duration.ofDays(7),
        24, null);
  }

  private static final GlobalConfig GLOBAL = new GlobalConfig(Duration.ofMinutes(5), Duration.ofMinutes(60),
      Duration.ofMinutes(60), Duration.ofMinutes(20), Duration.ofDays(14), Duration.ofDays(3), Duration.ofDays(28),
      24, BackendKind.DUCKDB, AnomalySettings.BUILT_IN);
  private static final SourceConfig SIGNINS = row(1, "Signins", Duration.ofDays(3));
  private static final SourceConfig FIREWALL = row(2, "Firewall", Duration.ofHours(12));
  private static final Watchlists WATCHLISTS = new Watchlists(GLOBAL, List.of(SIGNINS, FIREWALL), Map.of(),
      AnomalySettings.BUILT_IN, List.of());

  private static Map<String, ScheduledJob> jobs() {
    return ScheduleRequests.jobs(WATCHLISTS, List.of("Flows")).stream()
        .collect(Collectors.toMap(ScheduledJob::id, job -> job));
  }

  @Test
  void everyRowGetsSeriesForecastAndAnomalySchedulesAndEveryFlowsSourceADetectionSchedule() {
    assertEquals(java.util.Set.of("series/Signins", "forecast/Signins", "anomalies/Signins", "series/Firewall",
        "forecast/Firewall", "anomalies/Firewall", "detect/Flows"), jobs().keySet());
  }

  @Test
  void aSeriesScheduleRunsEveryFrequencySkipsOverlapsAndCatchesUpNoFurtherThanTheRowsBound() {
    Schedule schedule = ScheduleRequests.schedule(jobs().get("series/Firewall"));

    assertEquals(List.of(Duration.ofMinutes(5)), schedule.getSpec().getIntervals().stream()
        .map(ScheduleIntervalSpec::getEvery).toList(), "spec: every SeriesGenerationFrequency");
    assertEquals(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP, schedule.getPolicy().getOverlap());
    assertEquals(Duration.ofHours(12), schedule.getPolicy().getCatchupWindow(),
        "catch-up window: the row's MaxTimeSeriesGenerationPeriod");
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();
    assertEquals("SeriesGenerationWorkflow", action.getWorkflowType());
    WorkflowOptions options = action.getOptions();
    assertEquals("series/Firewall/scheduled", options.getWorkflowId());
    assertEquals(TaskQueues.CPU, options.getTaskQueue());
    assertEquals("Firewall", options.getTypedSearchAttributes().get(VigilSearchAttributes.SOURCE));
    assertEquals("series", options.getTypedSearchAttributes().get(VigilSearchAttributes.JOB));
    assertEquals(FIREWALL, options.getMemo().get(JobStart.MEMO_CONFIGURATION), "memo: the effective row");
    SeriesGenerationInput input = action.getArguments().get(0, SeriesGenerationInput.class);
    assertEquals(FIREWALL, input.config());
    assertEquals(null, input.range(), "scheduled runs go from the watermark to now minus the delay");
  }

  @Test
  void forecastAndDetectionSchedulesRunAtTheirOwnFrequenciesWithinTheirBounds() {
    Schedule forecast = ScheduleRequests.schedule(jobs().get("forecast/Signins"));
    assertEquals(Duration.ofMinutes(60), forecast.getSpec().getIntervals().get(0).getEvery());
    assertEquals(Duration.ofDays(3), forecast.getPolicy().getCatchupWindow());
    assertEquals("ForecastWorkflow", ((ScheduleActionStartWorkflow) forecast.getAction()).getWorkflowType());

    Schedule detect = ScheduleRequests.schedule(jobs().get("detect/Flows"));
    assertEquals(Duration.ofMinutes(5), detect.getSpec().getIntervals().get(0).getEvery());
    assertEquals(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP, detect.getPolicy().getOverlap());
    assertEquals(Duration.ofDays(14), detect.getPolicy().getCatchupWindow());
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) detect.getAction();
    ScheduledDetectionInput input = action.getArguments().get(0, ScheduledDetectionInput.class);
    assertEquals("Flows", input.flows());
    assertEquals(Duration.ofDays(14), input.maxCatchUp(), "detection catches up as far as series generation");
    assertEquals(Duration.ofMinutes(20), input.delay());

    for (ScheduledJob job : jobs().values()) {
      Duration bound = job.start().job() == io.vigil.model.schedule.Job.DETECT ? GLOBAL.maxGenerationPeriod()
          : job.id().endsWith("Signins") ? SIGNINS.maxGenerationPeriod() : FIREWALL.maxGenerationPeriod();
      assertTrue(ScheduleRequests.schedule(job).getPolicy().getCatchupWindow().compareTo(bound) <= 0, job.id());
    }
  }

  @Test
  void theScheduleItselfCarriesTheSearchAttributesAndMemo() {
    ScheduleOptions options = ScheduleRequests.options(jobs().get("anomalies/Signins"));
    assertEquals("Signins", options.getTypedSearchAttributes().get(VigilSearchAttributes.SOURCE));
    assertEquals("anomalies", options.getTypedSearchAttributes().get(VigilSearchAttributes.JOB));
    assertEquals(SIGNINS, options.getMemo().get(JobStart.MEMO_CONFIGURATION));
  }

  @Test
  void cronExpressionsOfTheFallbackCoverDivisorsOfTheHourAndTheDayAndRefuseTheRest() {
    assertEquals("*/5 * * * *", ScheduleRequests.cron(Duration.ofMinutes(5)));
    assertEquals("* * * * *", ScheduleRequests.cron(Duration.ofMinutes(1)));
    assertEquals("0 * * * *", ScheduleRequests.cron(Duration.ofMinutes(60)));
    assertEquals("0 */2 * * *", ScheduleRequests.cron(Duration.ofMinutes(120)));
    assertEquals("0 0 * * *", ScheduleRequests.cron(Duration.ofDays(1)));
    IllegalArgumentException seven = assertThrows(IllegalArgumentException.class,
        () -> ScheduleRequests.cron(Duration.ofMinutes(7)));
    assertTrue(seven.getMessage().contains("7 minutes cannot be written as a cron schedule"), seven.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ScheduleRequests.cron(Duration.ofMinutes(90)));
  }

  @Test
  void theFingerprintChangesExactlyWhenWhatTheScheduleDoesChanges() {
    ScheduledJob job = jobs().get("series/Signins");
    assertEquals(job.fingerprint(), jobs().get("series/Signins").fingerprint());
    SourceConfig widened = row(1, "Signins", Duration.ofDays(4));
    ScheduledJob changed = ScheduleRequests.jobs(new Watchlists(GLOBAL, List.of(widened), Map.of(),
        AnomalySettings.BUILT_IN, List.of()), List.of()).get(0);
    assertTrue(!job.fingerprint().equals(changed.fingerprint()));
  }
}
