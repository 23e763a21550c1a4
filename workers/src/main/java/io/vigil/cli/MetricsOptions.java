package io.vigil.cli;

import io.vigil.worker.Metrics;
import picocli.CommandLine.Option;

/** Where {@code vigil up} and {@code vigil worker} serve {@code /metrics} for Prometheus. */
final class MetricsOptions {

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Port of the Prometheus endpoint /metrics; 0 picks a free one. Default: " + Metrics.DEFAULT_PORT
          + " (`up --once` serves none unless this is given).")
  Integer port;

  @Option(names = "--metrics-address", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address /metrics listens on; 0.0.0.0 for every interface, as in a container. "
          + "Default: ${DEFAULT-VALUE}.")
  String address;

  /**
   * The process's metrics, served when {@code servedByDefault} or when a port was given. A one-shot run ends before
   * any scrape would matter, so {@code up --once} leaves the port free unless asked.
   */
  Metrics start(boolean servedByDefault) {
    Metrics metrics = Metrics.create();
    if (port == null && !servedByDefault) {
      return metrics;
    }
    try {
      return metrics.serve(address, port == null ? Metrics.DEFAULT_PORT : port);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }
}
