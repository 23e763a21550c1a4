package io.vigil.connection;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.vigil.backend.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where and how to reach Temporal, taken as Temporal's own CLI and SDKs take it: from flags, else the
 * {@code TEMPORAL_*} environment variables, else a profile of the TOML client configuration file
 * ({@code TEMPORAL_CONFIG_FILE}, default {@code $XDG_CONFIG_HOME/temporalio/temporal.toml} or
 * {@code ~/.config/temporalio/temporal.toml}; profile {@code TEMPORAL_PROFILE}, default {@code default}), else
 * 127.0.0.1:7233 and namespace {@code default}, where `vigil up` serves. TLS is on when asked for, when a client
 * certificate or CA is given, or with an API key (Temporal Cloud), unless explicitly disabled.
 *
 * @param certificate a PEM client certificate (mTLS), or null
 * @param key the certificate's PKCS#8 PEM key, or null
 * @param serverCa a PEM certificate authority to trust instead of the system's, or null
 * @param serverName the name the server's certificate must carry when it differs from the address's host, or null
 * @param apiKey the API key (Temporal Cloud), or null; a {@link Secret}, so printing the connection does not show it
 * @param origin where the settings came from, for messages
 */
public record TemporalConnection(String address, String namespace, boolean tls, Pem certificate, Pem key,
    Pem serverCa, String serverName, boolean disableHostVerification, Secret apiKey, String origin) {

  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  /** PEM text, given inline or as a file; an inline key is as secret as an API key, so it is never printed. */
  public record Pem(String path, String data) {
    @Override
    public String toString() {
      return data != null ? "inline PEM" : path;
    }

    InputStream open() {
      try {
        return data != null ? new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8))
            : Files.newInputStream(Path.of(path));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
      }
    }
  }

  /** The settings given on the command line; null where a flag was not given. */
  public record Flags(String address, String namespace, Boolean tls, String clientCertPath, String clientKeyPath,
      String serverCaCertPath, String serverName, Boolean disableHostVerification, String apiKey, String profile,
      String configFile) {}

  /** Resolves flags over the environment over the profile over the defaults. */
  public static TemporalConnection resolve(Flags flags, Map<String, String> env) {
    String configFile = first(flags.configFile(), env.get("TEMPORAL_CONFIG_FILE"));
    String profileName = first(flags.profile(), env.get("TEMPORAL_PROFILE"));
    Profile profile = Profile.load(configFile == null ? defaultConfigFile(env) : Path.of(configFile),
        configFile != null, profileName == null ? "default" : profileName, profileName != null);

    String address = first(flags.address(), env.get("TEMPORAL_ADDRESS"), profile.get("address"));
    String namespace = first(flags.namespace(), env.get("TEMPORAL_NAMESPACE"), profile.get("namespace"));
    String apiKey = first(flags.apiKey(), env.get("TEMPORAL_API_KEY"), profile.get("api_key"));
    Pem certificate = pem(first(flags.clientCertPath(), env.get("TEMPORAL_TLS_CLIENT_CERT_PATH"),
        profile.get("tls.client_cert_path")), first(env.get("TEMPORAL_TLS_CLIENT_CERT_DATA"),
        profile.get("tls.client_cert_data")));
    Pem key = pem(first(flags.clientKeyPath(), env.get("TEMPORAL_TLS_CLIENT_KEY_PATH"),
        profile.get("tls.client_key_path")), first(env.get("TEMPORAL_TLS_CLIENT_KEY_DATA"),
        profile.get("tls.client_key_data")));
    Pem serverCa = pem(first(flags.serverCaCertPath(), env.get("TEMPORAL_TLS_SERVER_CA_CERT_PATH"),
        profile.get("tls.server_ca_cert_path")), first(env.get("TEMPORAL_TLS_SERVER_CA_CERT_DATA"),
        profile.get("tls.server_ca_cert_data")));
    String serverName = first(flags.serverName(), env.get("TEMPORAL_TLS_SERVER_NAME"),
        profile.get("tls.server_name"));
    boolean disableHostVerification = Objects.requireNonNullElse(first(flags.disableHostVerification(),
        bool(env, "TEMPORAL_TLS_DISABLE_HOST_VERIFICATION"), profile.bool("tls.disable_host_verification")), false);
    Boolean profileTls = null;
    if (profile.bool("tls.disabled") != null) {
      profileTls = !profile.bool("tls.disabled");
    } else if (profile.hasTable("tls")) {
      profileTls = Boolean.TRUE;
    }
    Boolean tlsAsked = first(flags.tls(), bool(env, "TEMPORAL_TLS"), profileTls);
    boolean tls = tlsAsked != null ? tlsAsked
        : apiKey != null || certificate != null || serverCa != null || serverName != null;
    if ((certificate == null) != (key == null)) {
      throw new IllegalArgumentException("a client certificate needs its key and a key its certificate: give both "
          + "--tls-cert-path and --tls-key-path (or TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH)");
    }
    return new TemporalConnection(address == null ? DEFAULT_ADDRESS : address,
        namespace == null ? DEFAULT_NAMESPACE : namespace, tls, certificate, key, serverCa, serverName,
        disableHostVerification, apiKey == null ? null : Secret.of(apiKey), profile.origin());
  }

  /** The service stubs for these settings; the caller shuts them down. */
  public WorkflowServiceStubs connect() {
    return connect(new NoopScope());
  }

  /** The service stubs for these settings, reporting the SDK's client metrics to {@code metrics}. */
  public WorkflowServiceStubs connect(Scope metrics) {
    // The SDK turns TLS on by itself when an API key is added; it is set explicitly so that a key with TLS disabled
    // (a local server, a proxy that terminates TLS) connects as asked.
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(address)
        .setMetricsScope(metrics).setEnableHttps(tls);
    if (tls) {
      options.setSslContext(sslContext());
      if (serverName != null) {
        options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
      }
    }
    if (apiKey != null) {
      options.addApiKey(apiKey::reveal);
    }
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  /** A workflow client of the namespace over {@code stubs}. */
  public WorkflowClient client(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  private SslContext sslContext() {
    try {
      SimpleSslContextBuilder builder = certificate == null ? SimpleSslContextBuilder.noKeyOrCertChain()
          : SimpleSslContextBuilder.forPKCS8(certificate.open(), key.open());
      if (disableHostVerification) {
        builder.setUseInsecureTrustManager(true);
      } else if (serverCa != null) {
        builder.setTrustManager(trusting(serverCa));
      }
      return builder.build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up TLS for " + address + ": " + e.getMessage(), e);
    }
  }

  private static javax.net.ssl.TrustManager trusting(Pem ca) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    try (InputStream in = ca.open()) {
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers()[0];
  }

  /** Where the settings came from and where they point, without the secrets. */
  public String describe() {
    return address + " (namespace " + namespace + (tls ? ", TLS" : "") + (certificate != null ? ", mTLS" : "")
        + (apiKey != null ? ", API key" : "") + "; " + origin + ")";
  }

  private static Path defaultConfigFile(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
        : Path.of(Objects.requireNonNullElse(env.get("HOME"), System.getProperty("user.home")), ".config");
    return base.resolve("temporalio").resolve("temporal.toml");
  }

  private static Pem pem(String path, String data) {
    return path == null && data == null ? null : new Pem(path, data);
  }

  private static Boolean bool(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(name + " is '" + value + "'; expected true or false");
    }
    return Boolean.parseBoolean(value);
  }

  @SafeVarargs
  private static <T> T first(T... candidates) {
    for (T candidate : candidates) {
      if (candidate != null && !"".equals(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** One profile of the TOML file: its keys, with those of its {@code tls} table as {@code tls.<key>}. */
  private record Profile(Map<String, String> values, boolean tlsTable, String origin) {

    static Profile load(Path file, boolean fileRequired, String name, boolean profileRequired) {
      if (!Files.isRegularFile(file)) {
        if (fileRequired) {
          throw new IllegalArgumentException("Temporal configuration file " + file + " does not exist");
        }
        return new Profile(Map.of(), false, "flags and environment");
      }
      Map<String, Map<String, String>> tables;
      try {
        tables = TomlProfiles.parse(Files.readString(file), file.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      Map<String, String> profile = tables.get("profile." + name);
      if (profile == null) {
        if (profileRequired) {
          throw new IllegalArgumentException("profile '" + name + "' is not in " + file + "; it has "
              + tables.keySet().stream().filter(t -> t.startsWith("profile.") && t.indexOf('.', 8) < 0)
                  .map(t -> t.substring(8)).toList());
        }
        return new Profile(Map.of(), false, "flags and environment");
      }
      Map<String, String> values = new java.util.HashMap<>(profile);
      Map<String, String> tls = tables.get("profile." + name + ".tls");
      if (tls != null) {
        tls.forEach((key, value) -> values.put("tls." + key, value));
      }
      return new Profile(values, tls != null, "profile " + name + " of " + file);
    }

    String get(String key) {
      return values.get(key);
    }

    Boolean bool(String key) {
      String value = values.get(key);
      return value == null ? null : Boolean.valueOf(value);
    }

    boolean hasTable(String table) {
      return table.equals("tls") && tlsTable;
    }
  }
}
