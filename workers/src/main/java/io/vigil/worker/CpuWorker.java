package io.vigil.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.vigil.activities.AnomalyActivitiesImpl;
import io.vigil.activities.FlowActivitiesImpl;
import io.vigil.activities.InferenceActivitiesImpl;
import io.vigil.activities.ForecastActivitiesImpl;
import io.vigil.activities.SeriesGenerationActivitiesImpl;
import io.vigil.activities.VigilMetrics;
import io.vigil.backend.Backend;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.flows.FlowStore;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.TaskQueues;
import io.vigil.workflows.AnomalyWorkflowImpl;
import io.vigil.workflows.DetectionWorkflowImpl;
import io.vigil.workflows.ForecastWorkflowImpl;
import io.vigil.workflows.ScheduledDetectionWorkflowImpl;
import io.vigil.workflows.SeriesGenerationWorkflowImpl;
import java.time.Duration;
import java.util.List;

/**
 * The CPU worker: every workflow type and the backend activities, on the {@link TaskQueues#CPU} queue, and with
 * detection the inference activities on {@link TaskQueues#INFERENCE}.
 */
public final class CpuWorker implements AutoCloseable {

  private final WorkerFactory factory;

  private CpuWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  /** Registers the watchlist jobs on a new worker factory and starts polling. */
  public static CpuWorker start(WorkflowClient client, Backend backend, WorkerFactoryOptions options) {
    WorkerFactory factory = WorkerFactory.newInstance(client, options);
    register(factory, workerOptions(options), backend, VigilMetrics.none());
    factory.start();
    return new CpuWorker(factory);
  }

  /**
   * Registers the watchlist jobs and network detection on a new worker factory, with inference on this worker's
   * {@code scorer} (the embedded stack's CPU session), and starts polling. The watchlist jobs use {@code backend};
   * flows and detections live in the DuckDB {@code database}.
   */
  public static CpuWorker startWithDetection(WorkflowClient client, Backend backend, DuckDbBackend database,
      WorkerFactoryOptions options, OnnxScorer scorer, VigilMetrics metrics) {
    WorkerFactory factory = WorkerFactory.newInstance(client, options);
    Worker cpu = register(factory, workerOptions(options), backend, metrics);
    cpu.registerWorkflowImplementationTypes(DetectionWorkflowImpl.class, ScheduledDetectionWorkflowImpl.class);
    cpu.registerActivitiesImplementations(new FlowActivitiesImpl(database, scorer.card(), metrics));
    registerInference(factory, workerOptions(options), database, List.of(scorer), metrics);
    factory.start();
    return new CpuWorker(factory);
  }

  /** Serves only the inference task queue with {@code scorers}, as a GPU worker does, and starts polling. */
  public static CpuWorker startInference(WorkflowClient client, DuckDbBackend database, WorkerFactoryOptions options,
      List<OnnxScorer> scorers, VigilMetrics metrics) {
    WorkerFactory factory = WorkerFactory.newInstance(client, options);
    registerInference(factory, workerOptions(options), database, scorers, metrics);
    factory.start();
    return new CpuWorker(factory);
  }

  /**
   * Serves the inference task queue with {@code scorers}: one activity at a time per scorer (ONNX Runtime session),
   * since a session already spreads one batch over the cores or the GPU.
   */
  private static Worker registerInference(WorkerFactory factory, WorkerOptions.Builder options,
      DuckDbBackend database, List<OnnxScorer> scorers, VigilMetrics metrics) {
    Worker worker = factory.newWorker(TaskQueues.INFERENCE,
        options.setMaxConcurrentActivityExecutionSize(scorers.size()).build());
    worker.registerActivitiesImplementations(new InferenceActivitiesImpl(new FlowStore(database), scorers, metrics));
    return worker;
  }

  /** Registers the CPU task queue's workflows and activities, recording no metrics; tests reuse this wiring. */
  public static Worker register(WorkerFactory factory, Backend backend) {
    return register(factory, WorkerOptions.newBuilder(), backend, VigilMetrics.none());
  }

  /**
   * The options of every worker of a factory with {@code options}. Without a workflow cache, a sticky task queue has
   * nothing to serve, yet the SDK still asks the server for one: each workflow's next task then waits on the sticky
   * queue of the worker that ran the last one. A real server hands such a task back to the shared queue after the
   * sticky schedule-to-start timeout when that worker has died; the Java test server never does, so a killed worker
   * would stall its workflows for good. A zero timeout asks for no sticky queue at all.
   */
  private static WorkerOptions.Builder workerOptions(WorkerFactoryOptions options) {
    WorkerOptions.Builder builder = WorkerOptions.newBuilder();
    return options.getWorkflowCacheSize() == 0 ? builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO) : builder;
  }

  /**
   * Registers the CPU task queue's workflows and activities on {@code factory}, recording into {@code metrics}, with
   * no more activities at once than the backend serves well.
   */
  private static Worker register(WorkerFactory factory, WorkerOptions.Builder options, Backend backend,
      VigilMetrics metrics) {
    backend.maxConcurrentCalls().ifPresent(options::setMaxConcurrentActivityExecutionSize);
    Worker worker = factory.newWorker(TaskQueues.CPU, options.build());
    worker.registerWorkflowImplementationTypes(SeriesGenerationWorkflowImpl.class, ForecastWorkflowImpl.class,
        AnomalyWorkflowImpl.class);
    worker.registerActivitiesImplementations(new SeriesGenerationActivitiesImpl(backend, metrics),
        new ForecastActivitiesImpl(backend, metrics), new AnomalyActivitiesImpl(backend, metrics));
    return worker;
  }

  /** Stops polling at once; activities in flight are abandoned and Temporal retries them on another worker. */
  public void kill() {
    factory.shutdownNow();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
