package io.vigil.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactoryOptions;
import io.vigil.backend.Backend;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.config.Watchlists;
import io.vigil.connection.SearchAttributeRegistration;
import io.vigil.connection.TemporalConnection;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.TaskQueues;
import io.vigil.worker.Backends;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.Metrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil worker}: a CPU worker for a Temporal server that runs elsewhere. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {
        "Run a worker against a Temporal server until interrupted, each watchlist row on its Backend (DuckDB unless "
            + "the row or DefaultBackend names azure or snowflake): by default every "
            + "workflow and activity on task queue " + TaskQueues.CPU + " and CPU scoring on " + TaskQueues.INFERENCE
            + "; with --gpu only scoring on " + TaskQueues.INFERENCE + ", on the GPU.",
        "A DuckDB file can be open in one process only: run one worker per file, or stop `vigil up` first."})
public final class WorkerCommand implements Callable<Integer> {

  @Mixin TemporalOptions temporal;

  @Option(names = "--db", paramLabel = "FILE", defaultValue = "vigil.duckdb",
      description = "DuckDB database file holding sources and Vigil tables. Default: ${DEFAULT-VALUE}.")
  Path database;

  @Option(names = "--workflow-cache-size", paramLabel = "N", defaultValue = "600",
      description = "Workflow executions kept in memory between tasks. Use 0 against the Java test server of "
          + "`vigil up`, which never takes a task back from a stopped worker's cache queue. Default: ${DEFAULT-VALUE}.")
  int workflowCacheSize;

  @Option(names = "--gpu", description = "Serve only the inference task queue, with ONNX Runtime's CUDA provider "
      + "(a -Pgpu build, CUDA 12 and cuDNN 9); without CUDA it warns and scores on the CPU.")
  boolean gpu;

  @Option(names = "--sessions", paramLabel = "N", defaultValue = "1",
      description = "ONNX Runtime sessions, and so inference batches run at once. Default: ${DEFAULT-VALUE}.")
  int sessions;

  @Mixin ModelOptions models;

  @Mixin WatchlistOptions watchlists;
  @Mixin MetricsOptions metricsOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (sessions < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sessions must be at least 1");
    }
    Metrics metrics = metricsOptions.start(true);
    TemporalConnection connection = temporal.resolve();
    WorkflowServiceStubs stubs = connection.connect(metrics.temporalScope());
    List<OnnxScorer> scorers = new ArrayList<>();
    Watchlists config = watchlists.load(spec.commandLine().getErr());
    try (ShutdownLatch stop = new ShutdownLatch();
        DuckDbBackend backend = DuckDbBackend.open(database);
        Backend sources = Backends.forWatchlists(config, backend, System.getenv())) {
      for (int i = 0; i < sessions; i++) {
        scorers.add(OnnxScorer.load(models.registry().current(), gpu));
      }
      SearchAttributeRegistration.register(stubs, connection.namespace()).forEach(spec.commandLine().getErr()::println);
      WorkflowClient client = connection.client(stubs);
      WorkerFactoryOptions options = WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(workflowCacheSize).build();
      try (CpuWorker worker = gpu ? CpuWorker.startInference(client, backend, options, scorers, metrics.vigil())
          : CpuWorker.startWithDetection(client, sources, backend, options, scorers.get(0), metrics.vigil())) {
        out.printf("Vigil worker: task queue%s on %s, DuckDB %s, sources on %s, scoring on %s with "
            + "%d session(s); Ctrl-C stops.%n", gpu ? " " + TaskQueues.INFERENCE : "s " + TaskQueues.CPU + " and "
            + TaskQueues.INFERENCE, connection.describe(), backend.location(), sources.name(),
            scorers.get(0).onGpu() ? "the GPU" : "the CPU", gpu ? sessions : 1);
        metrics.url().ifPresent(url -> out.printf("Metrics for Prometheus: %s%n", url));
        out.flush();
        stop.await();
      }
      return 0;
    } finally {
      scorers.forEach(OnnxScorer::close);
      stubs.shutdownNow();
      metrics.close();
    }
  }
}
