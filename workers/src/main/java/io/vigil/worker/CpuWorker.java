package io.vigil.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.vigil.activities.AnomalyActivitiesImpl;
import io.vigil.activities.ForecastActivitiesImpl;
import io.vigil.activities.SeriesGenerationActivitiesImpl;
import io.vigil.backend.Backend;
import io.vigil.model.TaskQueues;
import io.vigil.workflows.AnomalyWorkflowImpl;
import io.vigil.workflows.ForecastWorkflowImpl;
import io.vigil.workflows.SeriesGenerationWorkflowImpl;

/** The CPU worker: every workflow type and the backend activities, on the {@link TaskQueues#CPU} queue. */
public final class CpuWorker implements AutoCloseable {

  private final WorkerFactory factory;

  private CpuWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  /** Registers everything on a new worker factory and starts polling. */
  public static CpuWorker start(WorkflowClient client, Backend backend, WorkerFactoryOptions options) {
    WorkerFactory factory = WorkerFactory.newInstance(client, options);
    register(factory, backend);
    factory.start();
    return new CpuWorker(factory);
  }

  /** Registers the CPU task queue's workflows and activities on {@code factory}; tests reuse this wiring. */
  public static Worker register(WorkerFactory factory, Backend backend) {
    Worker worker = factory.newWorker(TaskQueues.CPU);
    worker.registerWorkflowImplementationTypes(SeriesGenerationWorkflowImpl.class, ForecastWorkflowImpl.class,
        AnomalyWorkflowImpl.class);
    worker.registerActivitiesImplementations(new SeriesGenerationActivitiesImpl(backend),
        new ForecastActivitiesImpl(backend), new AnomalyActivitiesImpl(backend));
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
