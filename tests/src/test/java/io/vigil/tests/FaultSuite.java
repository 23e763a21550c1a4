package io.vigil.tests;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.vigil.activities.VigilMetrics;
import io.vigil.backend.Backend;
import io.vigil.backend.azure.AzureTable;
import io.vigil.backend.azure.LogAnalyticsFake;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.flows.FlowStore;
import io.vigil.inference.Model;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.SeriesBin;
import io.vigil.model.SourceConfig;
import io.vigil.model.TaskQueues;
import io.vigil.model.Tables;
import io.vigil.model.TimeRange;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionResult;
import io.vigil.model.detection.DetectionWorkflow;
import io.vigil.model.detection.Threshold;
import io.vigil.model.forecast.ForecastInput;
import io.vigil.model.forecast.ForecastResult;
import io.vigil.model.forecast.ForecastWorkflow;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesGenerationWorkflow;
import io.vigil.sample.SampleFlows;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The fault suite: trials that each run one job (a catch-up, a forecast or a detection) on the embedded stack while
 * one fault strikes at a random moment, then compare every table the job writes with its ground truth. The faults:
 * a worker process (a JVM of its own, holding the DuckDB file) killed with SIGKILL and started again, as a crash and
 * a supervisor's restart would; a series write that fails before or after its commit in the middle of a chunk; and
 * the Azure Log Analytics fake answering a burst of 429 or 503 responses.
 *
 * <p>The ground truth of the time series is {@link GroundTruth}, a grouping of the raw events in Java. Forecasts and
 * detections have no independent formula, so theirs is the same job run once without faults on a copy of the same
 * input; a fault must leave exactly that output, nothing lost, nothing twice, nothing different.
 */
final class FaultSuite implements AutoCloseable {

  /** The faults, tried in this order, round after round. */
  enum Fault {
    KILL_WORKER_IN_CATCH_UP("worker JVM killed in a catch-up"),
    KILL_WORKER_IN_FORECAST("worker JVM killed in a forecast"),
    KILL_WORKER_IN_DETECTION("worker JVM killed in a detection"),
    WRITE_FAILS_MID_CHUNK("series write fails mid-chunk"),
    AZURE_429_BURST("Azure answers a burst of 429"),
    AZURE_503_BURST("Azure answers a burst of 503");

    final String description;

    Fault(String description) {
      this.description = description;
    }
  }

  /**
   * What one trial did and found.
   *
   * @param detail the fault's random parameters, to reproduce it
   * @param struckMidRun whether the fault struck while the job was still running (a kill after the job's end, or a
   *     burst nobody received, tests nothing)
   * @param afterFault from the fault to the job's end
   * @param delay how much longer the job took than without the fault: the time the fault cost
   */
  record Trial(int number, Fault fault, String detail, boolean struckMidRun, List<OutputCheck> checks,
      Duration afterFault, Duration delay) {

    long lost() {
      return checks.stream().mapToLong(OutputCheck::lost).sum();
    }

    long duplicated() {
      return checks.stream().mapToLong(OutputCheck::duplicated).sum();
    }

    long wrong() {
      return checks.stream().mapToLong(OutputCheck::wrong).sum();
    }

    long expected() {
      return checks.stream().mapToLong(OutputCheck::expected).sum();
    }
  }

  private static final String SOURCE = "Logons";
  private static final long EVENTS = 300_000;
  private static final int USERS = 400;
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  /** Fixed one-hour steps in six-hour chunks: 48 steps and 8 chunks over the two days of events. */
  private static final SeriesGenerationInput.Tuning TUNING = new SeriesGenerationInput.Tuning(Duration.ofHours(6),
      Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(5), 20);
  private static final int SCORING_BATCH = 256;

  private final Path dir;
  private final Random random;
  private final EmbeddedTemporal temporal;
  private final SourceConfig row;
  private final Path events;
  private final Path withSeries;
  private final long flows;
  private final Path watchlist;
  private final Path global;
  private final Path models;
  private final Reference catchUp;
  private final Reference forecast;
  private final Reference detection;
  private final Reference azureCatchUp;
  private final List<List<String>> referencePredictions;
  private final List<List<List<String>>> referenceDetectionTables;

  /** A fault-free run of one job: how long it took and how many activities it ran, to aim the faults with. */
  private record Reference(Duration took, int activities) {

    /** A random moment inside the job: after some of its activities, and part of the way into the next. */
    Aim aim(Random random) {
      return new Aim(random.nextInt(Math.max(1, activities - 1)),
          Duration.ofMillis((long) (random.nextDouble() * took.toMillis() / activities)));
    }
  }

  /** Strike after this many activities have completed, and this long after that. */
  private record Aim(int afterActivities, Duration delay) {
    @Override
    public String toString() {
      return "after " + afterActivities + " activities + " + delay.toMillis() + " ms";
    }
  }

  private FaultSuite(Path dir, long seed) throws Exception {
    this.dir = dir;
    this.random = new Random(seed);
    this.temporal = EmbeddedTemporal.start(0);
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    Instant start = end.minus(Duration.ofDays(2));
    row = new SourceConfig(1, SOURCE, "Computer", "Account", "Action", "Ip", "Bytes", "TimeGenerated",
        Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(7), Duration.ofHours(12), Duration.ofDays(2), 24, null);
    events = dir.resolve("events.duckdb");
    try (DuckDbBackend database = DuckDbBackend.open(events)) {
      EventTables.generate(database, SOURCE, start, end, EVENTS, USERS);
      // The bundled sample flows (benign workstations and five attacks) over the same two days, in the same file.
      flows = new SampleFlows(7, end, Duration.between(start, end)).ensure(database);
    }
    watchlist = Files.writeString(dir.resolve("watchlist.csv"), "Source,HostnameField,UserField,ActivityField,"
        + "SrcIpAddrField,SizeField,TimeSeriesBinSize,TimeSeriesGenerationDelay,MaxTimeSeriesGenerationPeriod\n"
        + SOURCE + ",Computer,Account,Action,Ip,Bytes,10,0,7\n");
    global = Files.writeString(dir.resolve("global.csv"), "Key,Value\n");
    models = Files.createDirectories(dir.resolve("models"));

    // The fault-free runs: their durations aim the faults, and their outputs are the forecast's and the detection's
    // ground truth. The catch-up's output becomes the input of every forecast trial.
    withSeries = dir.resolve("with-series.duckdb");
    Files.copy(events, withSeries);
    try (DuckDbBackend database = DuckDbBackend.open(withSeries);
        CpuWorker worker = CpuWorker.start(temporal.client(), database, EmbeddedTemporal.workerFactoryOptions())) {
      catchUp = reference(seriesJob(), "reference-series");
    }
    Path forecastCopy = copyOf(withSeries, "reference-forecast");
    try (DuckDbBackend database = DuckDbBackend.open(forecastCopy);
        CpuWorker worker = CpuWorker.start(temporal.client(), database, EmbeddedTemporal.workerFactoryOptions())) {
      forecast = reference(forecastJob(), "reference-forecast");
      referencePredictions = OutputCheck.rows(database, PREDICTIONS);
    }
    Path detectionCopy = copyOf(events, "reference-detection");
    try (DuckDbBackend database = DuckDbBackend.open(detectionCopy);
        OnnxScorer scorer = OnnxScorer.load(Model.bundled(), false);
        CpuWorker worker = CpuWorker.startWithDetection(temporal.client(), database, database,
            EmbeddedTemporal.workerFactoryOptions(), scorer, VigilMetrics.none())) {
      detection = reference(detectionJob(), "reference-detection");
      referenceDetectionTables = new ArrayList<>();
      for (DetectionTable table : DetectionTable.values()) {
        referenceDetectionTables.add(OutputCheck.rows(database, table.query));
      }
    }
    try (DuckDbBackend workspace = DuckDbBackend.open(copyOf(events, "reference-azure"));
        LogAnalyticsFake fake = LogAnalyticsFake.start(workspace);
        Backend azure = fake.backend();
        CpuWorker worker = CpuWorker.start(temporal.client(), azure, EmbeddedTemporal.workerFactoryOptions())) {
      azureCatchUp = reference(seriesJob(), "reference-azure");
    }
  }

  /** Sets the suite up in {@code dir}: events, flows and the fault-free reference runs. */
  static FaultSuite prepare(Path dir, long seed) throws Exception {
    return new FaultSuite(dir, seed);
  }

  /** How the fault-free jobs went, for the report. */
  String references() {
    return String.format(Locale.ROOT, "fault-free runs: catch-up %.1f s (%d activities), forecast %.1f s "
            + "(%d), detection %.1f s (%d), catch-up on the Azure fake %.1f s; %,d events, %,d flows",
        seconds(catchUp.took()), catchUp.activities(), seconds(forecast.took()), forecast.activities(),
        seconds(detection.took()), detection.activities(), seconds(azureCatchUp.took()), EVENTS,
        flows);
  }

  /** Runs trial {@code number} (1-based) with the fault its number picks. */
  Trial trial(int number) throws Exception {
    Fault fault = Fault.values()[(number - 1) % Fault.values().length];
    Path trialDir = Files.createDirectories(dir.resolve("trial-" + number));
    return switch (fault) {
      case KILL_WORKER_IN_CATCH_UP -> killTrial(number, fault, trialDir, copyOf(events, "trial-" + number),
          seriesJob(), catchUp);
      case KILL_WORKER_IN_FORECAST -> killTrial(number, fault, trialDir, copyOf(withSeries, "trial-" + number),
          forecastJob(), forecast);
      case KILL_WORKER_IN_DETECTION -> killTrial(number, fault, trialDir, copyOf(events, "trial-" + number),
          detectionJob(), detection);
      case WRITE_FAILS_MID_CHUNK -> writeFailureTrial(number, fault, copyOf(events, "trial-" + number));
      case AZURE_429_BURST -> azureBurstTrial(number, fault, copyOf(events, "trial-" + number), 429);
      case AZURE_503_BURST -> azureBurstTrial(number, fault, copyOf(events, "trial-" + number), 503);
    };
  }

  /**
   * A worker JVM serves the job until the aimed moment, is killed with SIGKILL, and a fresh one is started at once,
   * as a supervisor would; it replays DuckDB's write-ahead log, and Temporal hands it the killed attempt after the
   * heartbeat timeout.
   */
  private Trial killTrial(int number, Fault fault, Path trialDir, Path database, Job job, Reference reference)
      throws Exception {
    Aim aim = reference.aim(random);
    Process first = startWorker(database, trialDir.resolve("worker-1.log"));
    Process second = null;
    try {
      String workflowId = "fault-trial-" + number;
      long started = System.nanoTime();
      WorkflowStub run = job.start(temporal.client(), workflowId);
      awaitCompletedActivities(workflowId, aim.afterActivities());
      Thread.sleep(aim.delay().toMillis());
      boolean running = running(workflowId);
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Instant killed = Instant.now();
      second = startWorker(database, trialDir.resolve("worker-2.log"));
      Object result = awaitResult(run, job, trialDir);
      Duration afterFault = Duration.between(killed, Instant.now());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      try (DuckDbBackend output = DuckDbBackend.open(database)) {
        return new Trial(number, fault, aim.toString(), running, job.checker().check(output, result), afterFault,
            took.minus(reference.took()));
      }
    } finally {
      first.destroyForcibly();
      if (second != null) {
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** A series step in the middle of the catch-up throws, before or after its commit; the chunk is retried. */
  private Trial writeFailureTrial(int number, Fault fault, Path database) throws Exception {
    int step = 2 + random.nextInt(44);
    boolean afterCommit = random.nextBoolean();
    try (DuckDbBackend output = DuckDbBackend.open(database)) {
      FaultyBackend faulty = new FaultyBackend(output, Duration.ZERO);
      if (afterCommit) {
        faulty.failOnceAfterStep(step);
      } else {
        faulty.failOnceBeforeStep(step);
      }
      SeriesGenerationResult result;
      long started = System.nanoTime();
      try (CpuWorker worker = CpuWorker.start(temporal.client(), faulty, EmbeddedTemporal.workerFactoryOptions())) {
        result = seriesJob().start(temporal.client(), "fault-trial-" + number)
            .getResult(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS, SeriesGenerationResult.class);
      }
      Instant end = Instant.now();
      return new Trial(number, fault, "step " + step + (afterCommit ? " after" : " before") + " its commit",
          faulty.failedAt().isPresent(), checkSeries(output, output, result, output.readSeriesBins(SOURCE,
              everything())), Duration.between(faulty.failedAt().orElse(end), end),
          Duration.ofNanos(System.nanoTime() - started).minus(catchUp.took()));
    }
  }

  /**
   * The catch-up against the Log Analytics fake, which at a random moment answers the next requests, queries and
   * uploads alike, with a burst of {@code status}. Short bursts are absorbed by the SDK's retries; longer ones fail
   * the attempt, and Temporal retries the chunk.
   */
  private Trial azureBurstTrial(int number, Fault fault, Path database, int status) throws Exception {
    int burst = 1 + random.nextInt(12);
    // Within the first 80 % of a fault-free run, since a run can be a little quicker than the one measured.
    Duration delay = Duration.ofMillis((long) (random.nextDouble() * 0.8 * azureCatchUp.took().toMillis()));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (DuckDbBackend workspace = DuckDbBackend.open(database);
        LogAnalyticsFake fake = LogAnalyticsFake.start(workspace);
        Backend azure = fake.backend();
        CpuWorker worker = CpuWorker.start(temporal.client(), azure, EmbeddedTemporal.workerFactoryOptions())) {
      Instant[] struck = new Instant[1];
      long started = System.nanoTime();
      WorkflowStub run = seriesJob().start(temporal.client(), "fault-trial-" + number);
      timer.schedule(() -> {
        struck[0] = Instant.now();
        fake.failNext(IntStream.generate(() -> status).limit(burst).toArray());
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
      SeriesGenerationResult result = run.getResult(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS,
          SeriesGenerationResult.class);
      Instant end = Instant.now();
      timer.shutdownNow();
      boolean received = struck[0] != null && fake.failuresLeft() < burst;
      List<SeriesBin> stored = OutputCheck.rows(workspace, "SELECT \"Source\", \"Hostname\", \"User\", "
              + "\"SrcIpAddr\", \"Activity\", epoch_us(\"TimeBin\"), \"Count\", \"Max\", \"Min\", \"Sum\", \"Avg\" "
              + "FROM \"" + AzureTable.TIME_SERIES.tableName() + "\"").stream()
          .map(FaultSuite::seriesBin).toList();
      return new Trial(number, fault, burst + " × " + status + " after " + delay.toMillis() + " ms", received,
          checkSeries(workspace, azure, result, stored),
          Duration.between(struck[0] == null ? end : struck[0], end),
          Duration.ofNanos(System.nanoTime() - started).minus(azureCatchUp.took()));
    } finally {
      timer.shutdownNow();
    }
  }

  /** Checks what a job wrote, given its result. */
  private interface Checker {
    List<OutputCheck> check(DuckDbBackend output, Object result) throws SQLException;
  }

  /** One job of the suite: its workflow's one method with its input on the CPU queue, and how to check its output. */
  private record Job(Class<?> workflow, Object input, Class<?> resultType, Checker checker) {

    WorkflowStub start(WorkflowClient client, String workflowId) {
      WorkflowStub stub = client.newUntypedWorkflowStub(workflow.getSimpleName(), WorkflowOptions.newBuilder()
          .setWorkflowId(workflowId).setTaskQueue(TaskQueues.CPU).build());
      stub.start(input);
      return stub;
    }
  }

  private Job seriesJob() {
    return new Job(SeriesGenerationWorkflow.class, new SeriesGenerationInput(row, TUNING),
        SeriesGenerationResult.class, (output, result) -> checkSeries(output, output, (SeriesGenerationResult) result,
            output.readSeriesBins(SOURCE, everything())));
  }

  private Job forecastJob() {
    return new Job(ForecastWorkflow.class, new ForecastInput(row, Duration.ZERO), ForecastResult.class,
        (output, result) -> List.of(OutputCheck.of(Tables.PREDICTION, referencePredictions,
            OutputCheck.rows(output, PREDICTIONS), 7)));
  }

  private Job detectionJob() {
    return new Job(DetectionWorkflow.class,
        new DetectionInput(SampleFlows.TABLE, Threshold.percentile(95), SCORING_BATCH, true), DetectionResult.class,
        (output, result) -> {
          List<OutputCheck> checks = new ArrayList<>();
          for (DetectionTable table : DetectionTable.values()) {
            checks.add(OutputCheck.of(table.name, referenceDetectionTables.get(table.ordinal()),
                OutputCheck.rows(output, table.query), table.keyColumns));
          }
          return checks;
        });
  }

  /** The predictions, keyed by series key, bin and metric; the time of the run is left out, as it differs. */
  private static final String PREDICTIONS = "SELECT \"Source\", \"Hostname\", \"User\", \"SrcIpAddr\", \"Activity\", "
      + "\"TimeBin\", \"Metric\", round(\"Forecast\", 6), round(\"Lower\", 6), round(\"Upper\", 6), \"Model\" FROM "
      + Tables.PREDICTION;

  /** Every table a detection writes, keyed by its natural key; the time of the run is left out, as it differs. */
  private enum DetectionTable {
    FLOWS(FlowStore.FLOWS, 2, "SELECT * FROM " + FlowStore.FLOWS),
    SEQUENCES(FlowStore.SEQUENCES, 1, "SELECT * FROM " + FlowStore.SEQUENCES),
    SCORES(FlowStore.SCORES, 1, "SELECT \"SequenceId\", \"Dataset\", round(\"Score\", 6), \"ModelVersion\" FROM "
        + FlowStore.SCORES),
    DETECTIONS(FlowStore.DETECTIONS, 1, "SELECT * EXCLUDE (\"DetectedAt\", \"Score\", \"Threshold\", "
        + "\"MitreConfidence\"), round(\"Score\", 6), round(\"Threshold\", 6), round(\"MitreConfidence\", 6) FROM "
        + FlowStore.DETECTIONS);

    final String name;
    final int keyColumns;
    final String query;

    DetectionTable(String name, int keyColumns, String query) {
      this.name = name;
      this.keyColumns = keyColumns;
      this.query = query;
    }
  }

  /**
   * The stored series against a grouping of the raw events over the range the catch-up says it generated, and the
   * source's watermark, as {@code backend} reads it, against the end of that range.
   */
  private List<OutputCheck> checkSeries(DuckDbBackend events, Backend backend, SeriesGenerationResult result,
      List<SeriesBin> stored) throws SQLException {
    OutputCheck bins = OutputCheck.of(Tables.TIME_SERIES, GroundTruth.comparable(GroundTruth.bins(events, row,
        result.generated())), GroundTruth.comparable(stored), (Function<SeriesBin, ?>) bin -> List.of(bin.hostname(),
        bin.user(), bin.srcIpAddr(), bin.activity(), bin.timeBin()));
    OutputCheck watermark = OutputCheck.of(Tables.SERIES_WATERMARK,
        List.of(List.<Object>of(SOURCE, result.generated().end())),
        backend.seriesWatermark(SOURCE).map(end -> List.<Object>of(SOURCE, end)).stream().toList(),
        (Function<List<Object>, ?>) cells -> cells.get(0));
    return List.of(bins, watermark);
  }

  private static SeriesBin seriesBin(List<String> cells) {
    return new SeriesBin(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4),
        DuckDbBackend.fromMicros(Long.parseLong(cells.get(5))), Long.parseLong(cells.get(6)), number(cells.get(7)),
        number(cells.get(8)), number(cells.get(9)), number(cells.get(10)));
  }

  private static Double number(String cell) {
    return cell == null ? null : Double.valueOf(cell);
  }

  private static TimeRange everything() {
    return new TimeRange(Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)));
  }

  /** The job's result; when it does not come, its history is left in {@code trialDir} for a look. */
  private Object awaitResult(WorkflowStub run, Job job, Path trialDir) throws Exception {
    try {
      return run.getResult(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS, job.resultType());
    } catch (TimeoutException e) {
      String workflowId = run.getExecution().getWorkflowId();
      Path history = trialDir.resolve("history.json");
      Files.writeString(history, temporal.client().fetchHistory(workflowId).toJson(true));
      throw new IllegalStateException(workflowId + " did not end within " + JOB_TIMEOUT + "; its history is in "
          + history, e);
    }
  }

  /** Runs {@code job} without faults on the in-process worker that serves it now. */
  private Reference reference(Job job, String workflowId) throws Exception {
    long started = System.nanoTime();
    job.start(temporal.client(), workflowId).getResult(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS, job.resultType());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    return new Reference(took, completedActivities(workflowId));
  }

  private Process startWorker(Path database, Path log) throws Exception {
    Process worker = VigilProcess.start(new String[] {"worker", "--address", temporal.target(), "--namespace",
        EmbeddedTemporal.NAMESPACE, "--db", database.toString(), "--workflow-cache-size", "0",
        "--metrics-port", "0", "--watchlist", watchlist.toString(), "--global", global.toString(),
        "--models", models.toString()}, log);
    VigilProcess.waitFor(log, "Vigil worker:", worker, 60);
    return worker;
  }

  private int completedActivities(String workflowId) {
    return (int) temporal.client().fetchHistory(workflowId).getEvents().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).count();
  }

  private void awaitCompletedActivities(String workflowId, int activities) throws InterruptedException {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (completedActivities(workflowId) < activities && running(workflowId)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(workflowId + " never completed " + activities + " activities");
      }
      Thread.sleep(20);
    }
  }

  private boolean running(String workflowId) {
    return temporal.client().getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder().setNamespace(EmbeddedTemporal.NAMESPACE)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
        .getWorkflowExecutionInfo().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private Path copyOf(Path database, String name) throws IOException {
    Path copy = dir.resolve(name + ".duckdb");
    Files.copy(database, copy);
    return copy;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  @Override
  public void close() {
    temporal.close();
  }
}
