package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.vigil.backend.Backend;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.BinGrid;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.TimeRange;
import io.vigil.model.series.GenerationPlan;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesGenerationWorkflow;
import io.vigil.worker.CpuWorker;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Series generation end to end with real activities over DuckDB, on the Temporal test server with a controlled
 * clock: the run's "now" is the server's, set to {@link #T0} and moved forward by the test.
 */
class ControlledClockSeriesTest {

  static final Instant T0 = Instant.parse("2026-02-04T12:34:56Z");
  static final Duration DELAY = Duration.ofMinutes(30);
  static final Duration MAX_PERIOD = Duration.ofDays(3);

  private DuckDbBackend database;
  private TestWorkflowEnvironment environment;

  @BeforeEach
  void createEvents() throws SQLException {
    database = DuckDbBackend.inMemory();
    EventTables.create(database, "Events");
    // Five days of history, and an hour beyond the clock, as clock skew between sources would leave.
    EventTables.append(database, "Events", T0.minus(Duration.ofDays(5)), T0.plus(Duration.ofHours(1)), 6000, 7);
  }

  @AfterEach
  void close() {
    if (environment != null) {
      environment.close();
    }
    database.close();
  }

  private void startWorker(Backend backend) {
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setInitialTime(T0).build());
    CpuWorker.register(environment.getWorkerFactory(), backend);
    environment.start();
  }

  /**
   * Runs one workflow to its end. The client is a plain one, not the environment's: that one lets the server skip
   * time whenever it waits for a result, and with no timer left to wait for, the server then jumps years ahead.
   * Here time moves only when the test says so, with {@code environment.sleep}.
   */
  private SeriesGenerationResult run(SourceConfig row, SeriesGenerationInput.Tuning tuning) {
    WorkflowClient client = WorkflowClient.newInstance(environment.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder().setNamespace(environment.getNamespace()).build());
    SeriesGenerationWorkflow workflow = client.newWorkflowStub(
        SeriesGenerationWorkflow.class, WorkflowOptions.newBuilder()
            .setWorkflowId(SeriesGenerationWorkflow.workflowId(row.source())).setTaskQueue(TaskQueues.CPU).build());
    return workflow.generate(new SeriesGenerationInput(row, tuning));
  }

  static SourceConfig row(String source, String host, String user, String activity, String ip, String size,
      Duration bin) {
    return new SourceConfig(1, source, host, user, activity, ip, size, "TimeGenerated", bin, DELAY, MAX_PERIOD,
        Duration.ofDays(1), Duration.ofDays(7), 24, null);
  }

  static final SourceConfig ALL_DIMENSIONS = row("Events", "Computer", "Account", "Action", "Ip", "Bytes",
      Duration.ofMinutes(10));

  private List<SeriesBin> table(String source) {
    return database.readSeriesBins(source, new TimeRange(Instant.EPOCH, T0.plus(Duration.ofDays(365))));
  }

  @Test
  void aRunCoversExactlyFromTheCatchUpBoundToNowMinusTheDelayAndReportsTheSkip() throws SQLException {
    startWorker(database);
    SeriesGenerationResult result = run(ALL_DIMENSIONS, SeriesGenerationInput.Tuning.DEFAULT);

    // 12:34:56 minus 30 minutes is 12:04:56, so the last bin is 11:50-12:00; the bound is the first bin at or
    // after 2026-02-01T12:34:56, 12:40.
    Instant end = Instant.parse("2026-02-04T12:00:00Z");
    Instant bound = Instant.parse("2026-02-01T12:40:00Z");
    assertEquals(new TimeRange(bound, end), result.generated());
    Instant earliest = database.earliestEvent(ALL_DIMENSIONS).orElseThrow();
    assertEquals(new TimeRange(new BinGrid(Duration.ofMinutes(10)).floor(earliest), bound), result.skipped());
    assertEquals(end, result.watermark());
    assertEquals(end, database.seriesWatermark("Events").orElseThrow());

    List<SeriesBin> table = table("Events");
    assertFalse(table.isEmpty());
    assertTrue(table.stream().allMatch(bin -> !bin.timeBin().plus(Duration.ofMinutes(10)).isAfter(end)),
        "nothing newer than now minus the delay");
    assertTrue(table.stream().allMatch(bin -> !bin.timeBin().isBefore(bound)),
        "nothing older than now minus MaxTimeSeriesGenerationPeriod");
    assertEquals(GroundTruth.comparable(GroundTruth.bins(database, ALL_DIMENSIONS, result.generated())),
        GroundTruth.comparable(table));
    assertEquals(table.size(), result.rowsWritten());
  }

  @Test
  void rowsOfDifferentBinSizesAndDimensionSetsEqualADirectGroupByOfTheRawRows() throws SQLException {
    EventTables.execute(database, "CREATE VIEW EventsByUser AS SELECT * FROM Events");
    EventTables.execute(database, "CREATE VIEW EventsVolume AS SELECT * FROM Events");
    List<SourceConfig> rows = List.of(
        ALL_DIMENSIONS,
        row("EventsByUser", "", "Account", "Action", "", "Bytes", Duration.ofMinutes(60)),
        // No dimensions and no size field: one count per bin; 7-minute bins do not divide an hour or a day.
        row("EventsVolume", "", "", "", "", "", Duration.ofMinutes(7)));
    startWorker(database);

    for (SourceConfig row : rows) {
      SeriesGenerationResult result = run(row, SeriesGenerationInput.Tuning.DEFAULT);
      List<SeriesBin> expected = GroundTruth.bins(database, row, result.generated());
      assertFalse(expected.isEmpty(), row.source());
      assertEquals(GroundTruth.comparable(expected), GroundTruth.comparable(table(row.source())), row.source());
    }
    assertTrue(table("EventsVolume").stream().allMatch(bin -> bin.hostname().isEmpty() && bin.user().isEmpty()
        && bin.srcIpAddr().isEmpty() && bin.activity().isEmpty() && bin.sum() == null && bin.avg() == null));
    assertTrue(table("EventsByUser").stream().allMatch(bin -> bin.hostname().isEmpty() && !bin.user().isEmpty()));
  }

  @Test
  void aSecondRunAddsOnlyNewBinsAndLeavesEarlierOnesUntouched() throws SQLException {
    startWorker(database);
    SeriesGenerationResult first = run(ALL_DIMENSIONS, SeriesGenerationInput.Tuning.DEFAULT);
    List<SeriesBin> before = table("Events");

    // New events after the watermark, and late ones inside bins already generated: those must not change them.
    EventTables.append(database, "Events", first.watermark().minus(Duration.ofHours(1)),
        first.watermark().plus(Duration.ofHours(3)), 800, 11);
    environment.sleep(Duration.ofHours(2));
    SeriesGenerationResult second = run(ALL_DIMENSIONS, SeriesGenerationInput.Tuning.DEFAULT);

    assertEquals(new TimeRange(first.watermark(), Instant.parse("2026-02-04T14:00:00Z")), second.generated());
    assertEquals(before, database.readSeriesBins("Events", new TimeRange(Instant.EPOCH, first.watermark())),
        "bins before the first watermark are exactly as the first run left them");
    assertEquals(GroundTruth.comparable(GroundTruth.bins(database, ALL_DIMENSIONS, second.generated())),
        GroundTruth.comparable(database.readSeriesBins("Events", second.generated())));
    assertEquals(before.size() + second.rowsWritten(), table("Events").size());
    assertTrue(second.rowsWritten() > 0);
  }

  @Test
  void anActivityThatFailsAfterWritingPartOfItsChunkIsRetriedToTheGroundTruth() throws SQLException {
    FaultyBackend faulty = new FaultyBackend(database, Duration.ZERO);
    startWorker(faulty);
    // Fixed two-hour steps inside one-day chunks; the fifth step commits its bins and then fails.
    SeriesGenerationInput.Tuning tuning = new SeriesGenerationInput.Tuning(Duration.ofDays(1), Duration.ofHours(2),
        Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(5), 5);
    faulty.failOnceAfterStep(5);

    SeriesGenerationResult result = run(ALL_DIMENSIONS, tuning);

    GenerationPlan plan = GenerationPlan.of(ALL_DIMENSIONS, result.now(), null,
        database.earliestEvent(ALL_DIMENSIONS).orElseThrow(), tuning.chunk());
    int stepsNeeded = plan.chunks().stream().mapToInt(chunk -> chunk.split(tuning.step()).size()).sum();
    assertTrue(faulty.steps() > stepsNeeded, "the failed step (at least) ran again: " + faulty.steps() + " steps for "
        + stepsNeeded);
    List<SeriesBin> table = table("Events");
    assertEquals(GroundTruth.comparable(GroundTruth.bins(database, ALL_DIMENSIONS, result.generated())),
        GroundTruth.comparable(table), "no duplicates, no gaps");
    assertEquals(table.size(), result.rowsWritten());
  }
}
