package io.vigil.worker;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactoryOptions;
import io.vigil.connection.SearchAttributeRegistration;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * The embedded Temporal service: the Java test server, with time skipping off so timers run on the wall clock,
 * serving real gRPC on 127.0.0.1 only, and a client connected to it. It keeps its state in memory; Vigil's own
 * progress lives in the backend, so a restart resumes from there.
 */
public final class EmbeddedTemporal implements AutoCloseable {

  public static final String NAMESPACE = "default";

  private final TestServicesStarter services;
  private final Server server;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private EmbeddedTemporal(TestServicesStarter services, Server server, Scope metricsScope) {
    this.services = services;
    this.server = server;
    this.stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget("127.0.0.1:" + server.getPort()).setMetricsScope(metricsScope).build());
    this.client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    // The test server accepts custom search attributes once registered; runs and schedules carry Vigil's.
    SearchAttributeRegistration.register(stubs, NAMESPACE).forEach(problem -> {
      throw new IllegalStateException(problem);
    });
  }

  /**
   * Starts the server on 127.0.0.1. The stock {@code TestServer.createPortBoundServer} listens on every interface;
   * the same services are bound here to loopback instead, so the unauthenticated test server is never exposed.
   *
   * @param port the port, or 0 for any free one
   */
  public static EmbeddedTemporal start(int port) {
    return start(port, new NoopScope());
  }

  /**
   * Starts the server on 127.0.0.1 with a client whose Temporal SDK metrics, and those of the workers built on it,
   * go to {@code metricsScope}.
   */
  public static EmbeddedTemporal start(int port, Scope metricsScope) {
    TestServicesStarter services = new TestServicesStarter(true, 0L);
    ServerBuilder<?> builder = NettyServerBuilder.forAddress(
        new InetSocketAddress("127.0.0.1", port), InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      return new EmbeddedTemporal(services, builder.build().start(), metricsScope);
    } catch (IOException e) {
      services.close();
      String reason = portTaken(e)
          ? "port " + port + " is in use; pick another with --temporal-port (0 picks a free one)"
          : e.getMessage();
      throw new IllegalStateException("cannot start the embedded Temporal server on 127.0.0.1:" + port + ": " + reason, e);
    }
  }

  /**
   * Options for workers of the embedded server. Workflow caching is off: a cached workflow's next task goes to its
   * worker's sticky queue, and the Java test server never moves such a task back to the shared queue when that
   * worker dies (a real server does after five seconds), so one stopped worker would stall its workflows forever.
   * Without the cache every workflow task replays the history, which for Vigil's short histories costs little, and
   * the workers ask for no sticky queue (see {@link CpuWorker}).
   */
  public static WorkerFactoryOptions workerFactoryOptions() {
    return WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build();
  }

  /** Netty reports a taken port as its own native exception, or as a BindException, somewhere down the chain. */
  private static boolean portTaken(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  public WorkflowClient client() {
    return client;
  }

  /** The address workers and the Temporal CLI can connect to. */
  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    server.shutdownNow();
    services.close();
  }
}
