package io.vigil.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection settings from flags over TEMPORAL_* variables over a temporal.toml profile over the defaults. */
class TemporalConnectionTest {

  private static final TemporalConnection.Flags NO_FLAGS =
      new TemporalConnection.Flags(null, null, null, null, null, null, null, null, null, null, null);

  private static final String TOML = String.join("\n",
      "# Temporal client configuration",
      "[profile.default]",
      "address = \"default.example:7233\"",
      "namespace = 'vigil-dev'",
      "",
      "[profile.prod]",
      "address = \"prod.tmprl.cloud:7233\"  # Temporal Cloud",
      "namespace = \"vigil.a1b2c\"",
      "api_key = \"secret-key\"",
      "",
      "[profile.mtls]",
      "address = \"mtls.example:7233\"",
      "[profile.mtls.tls]",
      "client_cert_path = \"/etc/vigil/client.pem\"",
      "client_key_path = \"/etc/vigil/client.key\"",
      "server_name = \"temporal.internal\"",
      "");

  private static Map<String, String> env(Path dir, String... pairs) throws IOException {
    Path file = dir.resolve("temporal.toml");
    Files.writeString(file, TOML);
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.resolve("home").toString());
    env.put("TEMPORAL_CONFIG_FILE", file.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void withNothingGivenItIsTheEmbeddedStacksAddressWithoutTls(@TempDir Path dir) {
    TemporalConnection connection = TemporalConnection.resolve(NO_FLAGS, Map.of("HOME", dir.toString()));
    assertEquals("127.0.0.1:7233", connection.address());
    assertEquals("default", connection.namespace());
    assertFalse(connection.tls());
  }

  @Test
  void theDefaultProfileIsReadFromTheConfigFile(@TempDir Path dir) throws IOException {
    TemporalConnection connection = TemporalConnection.resolve(NO_FLAGS, env(dir));
    assertEquals("default.example:7233", connection.address());
    assertEquals("vigil-dev", connection.namespace());
    assertTrue(connection.origin().contains("profile default"), connection.origin());
  }

  @Test
  void anApiKeyProfileTurnsTlsOnAndEnvironmentVariablesOverrideTheProfileAndFlagsOverrideBoth(@TempDir Path dir)
      throws IOException {
    TemporalConnection cloud = TemporalConnection.resolve(NO_FLAGS, env(dir, "TEMPORAL_PROFILE", "prod"));
    assertEquals("prod.tmprl.cloud:7233", cloud.address());
    assertEquals("secret-key", cloud.apiKey().reveal());
    assertTrue(cloud.tls(), "an API key needs TLS, as Temporal Cloud does");
    assertFalse(cloud.describe().contains("secret-key"), "the key is never printed");
    assertFalse(cloud.toString().contains("secret-key"), "nor is it when the connection itself is printed");

    TemporalConnection fromEnv = TemporalConnection.resolve(NO_FLAGS, env(dir, "TEMPORAL_PROFILE", "prod",
        "TEMPORAL_NAMESPACE", "other", "TEMPORAL_TLS", "false"));
    assertEquals("other", fromEnv.namespace());
    assertFalse(fromEnv.tls(), "TLS explicitly disabled");

    TemporalConnection fromFlags = TemporalConnection.resolve(new TemporalConnection.Flags("flag.example:7233",
        null, null, null, null, null, null, null, null, "prod", null), env(dir, "TEMPORAL_ADDRESS", "env:1"));
    assertEquals("flag.example:7233", fromFlags.address());
    assertEquals("vigil.a1b2c", fromFlags.namespace());
  }

  @Test
  void anMtlsProfileNamesItsCertificateKeyAndServerName(@TempDir Path dir) throws IOException {
    TemporalConnection mtls = TemporalConnection.resolve(NO_FLAGS, env(dir, "TEMPORAL_PROFILE", "mtls"));
    assertTrue(mtls.tls());
    assertEquals("/etc/vigil/client.pem", mtls.certificate().path());
    assertEquals("/etc/vigil/client.key", mtls.key().path());
    assertEquals("temporal.internal", mtls.serverName());
    assertNull(mtls.apiKey());
  }

  @Test
  void mistakesNameTheirFileLineOrSetting(@TempDir Path dir) throws IOException {
    IllegalArgumentException profile = assertThrows(IllegalArgumentException.class,
        () -> TemporalConnection.resolve(NO_FLAGS, env(dir, "TEMPORAL_PROFILE", "staging")));
    assertTrue(profile.getMessage().contains("profile 'staging' is not in") && profile.getMessage().contains("prod"),
        profile.getMessage());

    Path broken = dir.resolve("broken.toml");
    Files.writeString(broken, "[profile.default]\napi_key = unquoted-key\n");
    IllegalArgumentException toml = assertThrows(IllegalArgumentException.class, () -> TemporalConnection.resolve(
        NO_FLAGS, Map.of("TEMPORAL_CONFIG_FILE", broken.toString())));
    assertEquals(broken + " line 2, key api_key: the value is neither a quoted string nor true/false",
        toml.getMessage());

    IllegalArgumentException halfMtls = assertThrows(IllegalArgumentException.class, () -> TemporalConnection.resolve(
        new TemporalConnection.Flags(null, null, null, "/c.pem", null, null, null, null, null, null, null),
        Map.of("HOME", dir.toString())));
    assertTrue(halfMtls.getMessage().contains("--tls-key-path"), halfMtls.getMessage());

    IllegalArgumentException bool = assertThrows(IllegalArgumentException.class, () -> TemporalConnection.resolve(
        NO_FLAGS, Map.of("HOME", dir.toString(), "TEMPORAL_TLS", "yes")));
    assertTrue(bool.getMessage().contains("TEMPORAL_TLS is 'yes'; expected true or false"), bool.getMessage());
  }
}
