package io.vigil.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactoryOptions;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.TaskQueues;
import io.vigil.worker.CpuWorker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil worker}: a CPU worker for a Temporal server that runs elsewhere. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {
        "Run a CPU worker (series generation workflows and activities on task queue " + TaskQueues.CPU + ") "
            + "against a Temporal server, with the DuckDB backend, until interrupted.",
        "A DuckDB file can be open in one process only: run one worker per file, or stop `vigil up` first."})
public final class WorkerCommand implements Callable<Integer> {

  @Option(names = "--temporal-address", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7233",
      description = "Temporal frontend address. Default: ${DEFAULT-VALUE}.")
  String address;

  @Option(names = "--namespace", defaultValue = "default", description = "Temporal namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--db", paramLabel = "FILE", defaultValue = "vigil.duckdb",
      description = "DuckDB database file holding sources and Vigil tables. Default: ${DEFAULT-VALUE}.")
  Path database;

  @Option(names = "--workflow-cache-size", paramLabel = "N", defaultValue = "600",
      description = "Workflow executions kept in memory between tasks. Use 0 against the Java test server of "
          + "`vigil up`, which never takes a task back from a stopped worker's cache queue. Default: ${DEFAULT-VALUE}.")
  int workflowCacheSize;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    try (ShutdownLatch stop = new ShutdownLatch();
        DuckDbBackend backend = DuckDbBackend.open(database);
        CpuWorker worker = CpuWorker.start(
            WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build()),
            backend, WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(workflowCacheSize).build())) {
      out.printf("Vigil worker: task queue %s on %s (namespace %s), DuckDB %s; Ctrl-C stops.%n", TaskQueues.CPU,
          address, namespace, backend.location());
      out.flush();
      stop.await();
      return 0;
    } finally {
      stubs.shutdownNow();
    }
  }
}
