package io.vigil.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.ConfigurationException;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.config.GlobalConfig;
import io.vigil.config.Watchlists;
import io.vigil.model.BackendKind;
import io.vigil.model.SourceConfig;
import io.vigil.model.anomaly.AnomalySettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A watchlist row on Snowflake opens the Snowflake backend with the settings of the environment. */
class BackendsTest {

  private static Watchlists oneSnowflakeRow() {
    SourceConfig row = new SourceConfig(1, "SIGNINLOGS", "", "USERPRINCIPALNAME", "", "", "", "TIMEGENERATED",
        Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(7), 24, null);
    return new Watchlists(GlobalConfig.BUILT_IN, List.of(row), Map.of("SIGNINLOGS", BackendKind.SNOWFLAKE),
        AnomalySettings.BUILT_IN, List.of());
  }

  @Test
  void aSnowflakeRowWithoutSettingsNamesWhatIsMissing() {
    try (DuckDbBackend duckdb = DuckDbBackend.inMemory()) {
      ConfigurationException failure = assertThrows(ConfigurationException.class,
          () -> Backends.forWatchlists(oneSnowflakeRow(), duckdb, Map.of("SNOWFLAKE_PASSWORD", "pw-not-shown")));
      assertTrue(failure.getMessage().startsWith("Snowflake settings from the environment: missing SNOWFLAKE_ACCOUNT; "
          + "missing SNOWFLAKE_USER; missing SNOWFLAKE_DATABASE; missing SNOWFLAKE_SCHEMA"), failure.getMessage());
      assertFalse(failure.getMessage().contains("pw-not-shown"));
    }
  }

  @Test
  void aSnowflakeRowLogsInWithTheEnvironmentsSettings() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> environment = Map.of("SNOWFLAKE_ACCOUNT", "acme-prod", "SNOWFLAKE_USER", "VIGIL_SVC",
        "SNOWFLAKE_PASSWORD", "pw-not-shown", "SNOWFLAKE_DATABASE", "SECURITY", "SNOWFLAKE_SCHEMA", "VIGIL",
        "SNOWFLAKE_HOST", "127.0.0.1:" + closedPort, "SNOWFLAKE_LOGIN_TIMEOUT_SECONDS", "2");
    try (DuckDbBackend duckdb = DuckDbBackend.inMemory()) {
      IllegalStateException failure = assertThrows(IllegalStateException.class,
          () -> Backends.forWatchlists(oneSnowflakeRow(), duckdb, environment));
      assertEquals("cannot connect to Snowflake account acme-prod (SECURITY.VIGIL) as user VIGIL_SVC at "
          + "https://127.0.0.1:" + closedPort + " (login timeout 2 s)", failure.getMessage().split(": ")[0]);
    }
  }
}
