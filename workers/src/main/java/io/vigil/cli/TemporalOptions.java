package io.vigil.cli;

import io.vigil.connection.TemporalConnection;
import picocli.CommandLine.Option;

/**
 * The Temporal connection flags, named as Temporal's own CLI names them; each falls back to its {@code TEMPORAL_*}
 * environment variable, then to the profile of the TOML client configuration file (see {@link TemporalConnection}).
 */
final class TemporalOptions {

  @Option(names = {"--address", "--temporal-address"}, paramLabel = "HOST:PORT",
      description = "Temporal frontend address (TEMPORAL_ADDRESS). Default: the profile's, else "
          + TemporalConnection.DEFAULT_ADDRESS + ", where `vigil up` serves.")
  String address;

  @Option(names = "--namespace", paramLabel = "NS",
      description = "Temporal namespace (TEMPORAL_NAMESPACE). Default: the profile's, else default.")
  String namespace;

  @Option(names = "--tls", negatable = true, description = "Connect with TLS (TEMPORAL_TLS). On by default with an "
      + "API key or a client certificate.")
  Boolean tls;

  @Option(names = "--tls-cert-path", paramLabel = "FILE",
      description = "PEM client certificate for mTLS (TEMPORAL_TLS_CLIENT_CERT_PATH).")
  String tlsCertPath;

  @Option(names = "--tls-key-path", paramLabel = "FILE",
      description = "PKCS#8 PEM key of the client certificate (TEMPORAL_TLS_CLIENT_KEY_PATH).")
  String tlsKeyPath;

  @Option(names = "--tls-ca-path", paramLabel = "FILE",
      description = "PEM certificate authority to trust for the server (TEMPORAL_TLS_SERVER_CA_CERT_PATH).")
  String tlsCaPath;

  @Option(names = "--tls-server-name", paramLabel = "NAME",
      description = "Name the server's certificate carries, when it differs from the address (TEMPORAL_TLS_SERVER_NAME).")
  String tlsServerName;

  @Option(names = "--tls-disable-host-verification",
      description = "Do not verify the server's certificate (TEMPORAL_TLS_DISABLE_HOST_VERIFICATION); for tests only.")
  Boolean tlsDisableHostVerification;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "API key, as Temporal Cloud takes it (TEMPORAL_API_KEY); turns TLS on. On the command line it "
          + "shows in the process list to every user of the machine: prefer TEMPORAL_API_KEY or the profile's api_key.")
  String apiKey;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Profile of the client configuration file (TEMPORAL_PROFILE). Default: default.")
  String profile;

  @Option(names = "--config-file", paramLabel = "FILE",
      description = "Temporal client configuration file, TOML (TEMPORAL_CONFIG_FILE). Default: "
          + "~/.config/temporalio/temporal.toml when it exists.")
  String configFile;

  TemporalConnection resolve() {
    return TemporalConnection.resolve(new TemporalConnection.Flags(address, namespace, tls, tlsCertPath, tlsKeyPath,
        tlsCaPath, tlsServerName, tlsDisableHostVerification, apiKey, profile, configFile), System.getenv());
  }
}
