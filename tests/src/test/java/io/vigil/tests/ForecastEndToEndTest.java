package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.vigil.activities.ForecastActivitiesImpl;
import io.vigil.activities.VigilMetrics;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.TimeRange;
import io.vigil.model.forecast.ForecastActivities;
import io.vigil.model.forecast.ForecastInput;
import io.vigil.model.forecast.ForecastMethod;
import io.vigil.model.forecast.ForecastRequest;
import io.vigil.model.forecast.ForecastResult;
import io.vigil.model.forecast.ForecastWorkflow;
import io.vigil.model.forecast.Prediction;
import io.vigil.worker.CpuWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forecasts end to end over DuckDB: series written into the TimeSeries table by hand, so that every expected
 * prediction can be worked out, and the forecast workflow run on the test server with a controlled clock.
 */
class ForecastEndToEndTest {

  private static final Instant WATERMARK = Instant.parse("2026-02-04T12:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private DuckDbBackend database;
  private TestActivityEnvironment activityEnvironment;

  @BeforeEach
  void writeSeries() {
    database = DuckDbBackend.inMemory();
    SourceConfig row = row(ForecastMethod.SNAIVE);
    List<SeriesBin> bins = new ArrayList<>();
    // Key "steady": six days of hourly bins whose count is the hour of day plus one, except one empty hour yesterday.
    Instant gap = WATERMARK.minus(Duration.ofHours(20));
    for (Instant bin = WATERMARK.minus(Duration.ofDays(6)); bin.isBefore(WATERMARK); bin = bin.plus(HOUR)) {
      if (!bin.equals(gap)) {
        long count = bin.atZone(java.time.ZoneOffset.UTC).getHour() + 1;
        bins.add(bin("steady", bin, count));
      }
    }
    // Key "new": its first event was a day ago, less than the three days MinForecastLookbackPeriod asks for.
    bins.add(bin("new", WATERMARK.minus(Duration.ofDays(1)), 5));
    // Key "old": long history, but all of it before the four-day MaxForecastLookbackPeriod except the last day.
    bins.add(bin("old", WATERMARK.minus(Duration.ofDays(6)), 9));
    bins.add(bin("old", WATERMARK.minus(Duration.ofHours(3)), 9));
    database.replaceSeriesBins(row, new TimeRange(WATERMARK.minus(Duration.ofDays(7)), WATERMARK), bins);
  }

  @AfterEach
  void close() {
    if (activityEnvironment != null) {
      activityEnvironment.close();
    }
    database.close();
  }

  /** The forecast activities over the test's database, run by Temporal's activity test environment. */
  private ForecastActivities activities() {
    activityEnvironment = TestActivityEnvironment.newInstance();
    activityEnvironment.registerActivitiesImplementations(new ForecastActivitiesImpl(database, VigilMetrics.none()));
    return activityEnvironment.newActivityStub(ForecastActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
  }

  private static SourceConfig row(ForecastMethod method) {
    return new SourceConfig(2, "Logons", "", "Account", "", "", "Bytes", "TimeGenerated", HOUR, Duration.ZERO,
        Duration.ofDays(14), Duration.ofDays(3), Duration.ofDays(4), 30, method);
  }

  private static SeriesBin bin(String user, Instant time, long count) {
    return new SeriesBin("Logons", "", user, "", "", time, count, 10.0, 1.0, count * 2.0, 2.0);
  }

  @Test
  void theWorkflowForecastsKeysWithEnoughHistoryFillingEmptyBinsWithZero() {
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setInitialTime(WATERMARK.plus(Duration.ofMinutes(7))).build())) {
      CpuWorker.register(environment.getWorkerFactory(), database);
      environment.start();
      WorkflowClient client = WorkflowClient.newInstance(environment.getWorkflowServiceStubs(),
          WorkflowClientOptions.newBuilder().setNamespace(environment.getNamespace()).build());
      ForecastWorkflow workflow = client.newWorkflowStub(ForecastWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(ForecastWorkflow.workflowId("Logons")).setTaskQueue(TaskQueues.CPU).build());

      ForecastResult result = workflow.forecast(new ForecastInput(row(ForecastMethod.SNAIVE), Duration.ZERO));

      assertEquals(1, result.keysForecast(), "only the steady key has three days of history inside the lookback");
      assertEquals(2, result.keysSkipped(), "the new key, and the old key whose history before the lookback is cut");
      assertEquals(new TimeRange(WATERMARK, WATERMARK.plus(HOUR.multipliedBy(30))), result.horizon());
      assertEquals("snaive", result.model());
      assertEquals(60, result.rowsWritten(), "30 bins of Count and 30 of Sum");

      List<Prediction> predictions = database.readPredictions("Logons", result.runTime());
      assertEquals(60, predictions.size());
      List<Prediction> counts = predictions.stream().filter(p -> p.metric().equals(Prediction.COUNT)).toList();
      for (int h = 0; h < counts.size(); h++) {
        Prediction prediction = counts.get(h);
        Instant bin = WATERMARK.plus(HOUR.multipliedBy(h));
        assertEquals(bin, prediction.timeBin());
        assertEquals("steady", prediction.user());
        // The seasonal naive forecast repeats yesterday: the hour of day plus one, and 0 for yesterday's empty bin.
        Instant dayBefore = bin.minus(Duration.ofDays(bin.isBefore(WATERMARK.plus(Duration.ofDays(1))) ? 1 : 2));
        double expected = dayBefore.equals(WATERMARK.minus(Duration.ofHours(20))) ? 0
            : dayBefore.atZone(java.time.ZoneOffset.UTC).getHour() + 1;
        assertEquals(expected, prediction.forecast(), 1e-9, "bin " + bin);
        assertTrue(prediction.lower() <= prediction.forecast() && prediction.forecast() <= prediction.upper());
      }
      assertTrue(predictions.stream().filter(p -> p.metric().equals(Prediction.SUM))
          .allMatch(p -> p.forecast() == 2 * counts.get(predictions.indexOf(p) - 30).forecast()));
    }
  }

  @Test
  void rerunningForTheSameRunTimeWritesNothingTwice() {
    ForecastActivities activities = activities();
    Instant runTime = WATERMARK.plusSeconds(30);
    ForecastRequest request = new ForecastRequest(row(ForecastMethod.KQL), runTime, Duration.ZERO);

    ForecastResult first = activities.forecastSource(request);
    List<Prediction> once = database.readPredictions("Logons", runTime);
    ForecastResult second = activities.forecastSource(request);

    assertEquals(first, second);
    assertEquals(once, database.readPredictions("Logons", runTime));
    assertEquals(first.rowsWritten(), once.size());
    assertEquals("kql-avg", once.get(0).model());
  }

  @Test
  void theFirstRunWarmsUpWithForecastsAsOfEarlierTimesEachFromTheHistoryBeforeIt() {
    ForecastActivities activities = activities();
    Instant runTime = WATERMARK.plusSeconds(30);
    // A two-day warm-up with a 30-bin horizon: forecasts as of the watermark minus 48 and minus 18 hours.
    ForecastRequest request = new ForecastRequest(row(ForecastMethod.SNAIVE), runTime, Duration.ofDays(2));

    ForecastResult first = activities.forecastSource(request);

    Instant early = WATERMARK.minus(Duration.ofHours(48));
    Instant late = WATERMARK.minus(Duration.ofHours(18));
    // As of the early time the old key's first bin is still inside its four-day lookback, and four days of
    // history before that time are enough; as of the late time it has no bin before that time in its lookback.
    assertEquals(3, first.warmUpForecasts(), "the steady key as of both times, the old key as of the early one");
    List<Prediction> asOfEarly = database.readPredictions("Logons", early);
    assertEquals(120, asOfEarly.size(), "30 bins of Count and 30 of Sum for two keys");
    assertTrue(asOfEarly.stream().allMatch(p -> !p.timeBin().isBefore(early)));
    assertEquals(60, database.readPredictions("Logons", late).size());
    // sNaive as of 18 hours before the watermark repeats the day before that time, which holds the empty hour.
    Prediction atGapPlusOneDay = database.readPredictions("Logons", late).stream()
        .filter(p -> p.metric().equals(Prediction.COUNT)
            && p.timeBin().equals(WATERMARK.minus(Duration.ofHours(20)).plus(Duration.ofDays(1))))
        .findFirst().orElseThrow();
    assertEquals(0, atGapPlusOneDay.forecast(), 1e-9);
    assertEquals(240, first.rowsWritten(), "120 as of the early time, 60 as of the late one, 60 of the run");
    // The latest run that forecast a bin wins: bins after the watermark come from the run itself.
    List<Prediction> latest = database.readLatestPredictions("Logons",
        new TimeRange(early, WATERMARK.plus(HOUR)));
    assertTrue(latest.stream().filter(p -> p.timeBin().isBefore(late)).allMatch(p -> p.generatedAt().equals(early)));
    assertTrue(latest.stream().filter(p -> !p.timeBin().isBefore(late) && p.timeBin().isBefore(WATERMARK))
        .allMatch(p -> p.generatedAt().equals(late)));
    assertTrue(latest.stream().filter(p -> p.timeBin().equals(WATERMARK))
        .allMatch(p -> p.generatedAt().equals(runTime)));

    // A retry of the same run finds predictions and so does not warm up again, nor duplicate anything.
    ForecastResult retried = activities.forecastSource(request);
    assertEquals(0, retried.warmUpForecasts());
    assertEquals(120, database.readPredictions("Logons", early).size());
    assertEquals(60, database.readPredictions("Logons", runTime).size());
  }

  @Test
  void aSourceWithoutSeriesGetsNoPredictionAndSaysSo() {
    ForecastActivities activities = activities();
    SourceConfig other = new SourceConfig(3, "Other", "", "", "", "", "", "TimeGenerated", HOUR, Duration.ZERO,
        Duration.ofDays(14), Duration.ofDays(3), Duration.ofDays(4), 30, null);

    ForecastResult result = activities.forecastSource(new ForecastRequest(other, WATERMARK, Duration.ZERO));

    assertNull(result.historyEnd());
    assertNull(result.horizon());
    assertEquals(0, result.rowsWritten());
  }
}
