package io.vigil.backend.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What the backend does before and at login, without a Snowflake account. */
class SnowflakeConnectionTest {

  private static final String PASSWORD = "Tr0ub4dor&3-not-in-any-log";

  @Test
  void aClosedPortFailsFastNamingTheAccountAndHostButNeverThePassword() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SnowflakeSettings settings = SnowflakeSettings.fromEnvironment(Map.of(
        SnowflakeSettings.ACCOUNT, "vigil-test", SnowflakeSettings.USER, "VIGIL_SVC",
        SnowflakeSettings.PASSWORD, PASSWORD, SnowflakeSettings.DATABASE, "SECURITY",
        SnowflakeSettings.SCHEMA, "VIGIL", SnowflakeSettings.HOST, "127.0.0.1:" + closedPort,
        SnowflakeSettings.LOGIN_TIMEOUT_SECONDS, "3"));

    long started = System.nanoTime();
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> SnowflakeBackend.open(settings));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
    assertTrue(failure.getMessage().startsWith("cannot connect to Snowflake account vigil-test (SECURITY.VIGIL) as user "
        + "VIGIL_SVC at https://127.0.0.1:" + closedPort + " (login timeout 3 s): "), failure.getMessage());
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(PASSWORD), "the password appears in the failure:\n" + trace);
  }

  @Test
  void aHostileFlowTableIsRejectedBeforeTheLoginIsTried() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SnowflakeSettings settings = new SnowflakeSettings("vigil-test", "VIGIL_SVC",
        new SnowflakeSettings.Password(Secret.of(PASSWORD)), null, null, "SECURITY", "VIGIL", "127.0.0.1:" + closedPort,
        Duration.ofSeconds(3));

    long started = System.nanoTime();
    assertThrows(IllegalArgumentException.class,
        () -> SnowflakeBackend.readFlows(settings, "flows\"; drop table y; --"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // A login attempt against the closed port would take the three-second login timeout.
    assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "took " + took);
    assertThrows(IllegalStateException.class, () -> SnowflakeBackend.readFlows(settings, "NETWORK_FLOWS"));
  }

  @Test
  void sessionsRunInUtcWithArrowResultsWhenTheJvmOpensJavaNio() {
    SnowflakeSettings settings = new SnowflakeSettings("xy12345.eu-west-1.aws", "VIGIL_SVC",
        new SnowflakeSettings.Password(Secret.of(PASSWORD)), "VIGIL_ROLE", "VIGIL_WH", "SECURITY", "VIGIL", null,
        Duration.ofSeconds(30));

    Properties properties = SnowflakeBackend.connectionProperties(settings);

    assertEquals("UTC", properties.get("TIMEZONE"));
    assertEquals("true", properties.get("JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC"));
    assertEquals("30", properties.get("loginTimeout"));
    assertEquals("VIGIL_ROLE", properties.get("role"));
    assertEquals("VIGIL_WH", properties.get("warehouse"));
    // Surefire's argLine opens java.nio as the launcher does.
    assertEquals("ARROW", properties.get("JDBC_QUERY_RESULT_FORMAT"));
    assertEquals("xy12345.eu-west-1.aws.snowflakecomputing.com", settings.host());
    assertEquals(PASSWORD, properties.get("password"));
  }
}
