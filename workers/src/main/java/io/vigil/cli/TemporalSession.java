package io.vigil.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.vigil.connection.SearchAttributeRegistration;
import io.vigil.connection.TemporalConnection;
import io.vigil.worker.Passes;
import java.io.PrintWriter;

/**
 * A connection to the Temporal server the commands that drive Vigil remotely talk to (`vigil up`'s embedded server
 * or a cluster), with Vigil's search attributes registered where the server allows.
 */
final class TemporalSession implements AutoCloseable {

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalSession(WorkflowServiceStubs stubs, WorkflowClient client) {
    this.stubs = stubs;
    this.client = client;
  }

  static TemporalSession open(TemporalOptions options, PrintWriter err) {
    TemporalConnection connection = options.resolve();
    WorkflowServiceStubs stubs = connection.connect();
    try {
      SearchAttributeRegistration.register(stubs, connection.namespace()).forEach(err::println);
    } catch (RuntimeException e) {
      stubs.shutdownNow();
      throw new IllegalStateException("cannot reach Temporal at " + connection.describe() + ": "
          + Passes.describe(e) + " (is `vigil up` running, or are --address and the TLS settings right?)", e);
    }
    err.flush();
    return new TemporalSession(stubs, connection.client(stubs));
  }

  WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    stubs.shutdown();
  }
}
