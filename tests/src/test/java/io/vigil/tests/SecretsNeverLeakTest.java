package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.vigil.backend.LogonRows;
import io.vigil.backend.azure.LogAnalyticsFake;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.backend.snowflake.PrivateKeyPems;
import io.vigil.backend.snowflake.SnowflakeSettings;
import io.vigil.schedule.RunHistory;
import io.vigil.worker.EmbeddedTemporal;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of secret Vigil takes — the Azure client secret, the Snowflake password, private key and its passphrase,
 * the Temporal API key — given the ways operators give them (variables, files, a flag, the Temporal profile) to
 * {@code vigil} processes with their real logging, in runs that succeed after an authentication error and throttling
 * and in runs that fail; then everything those runs left is searched for each secret, as it is and in the base64 and
 * URL-encoded forms it takes on the wire: the processes' output, every workflow's history and description (inputs,
 * results, failures with their stack traces, search attributes, memo) and every table Vigil wrote.
 */
class SecretsNeverLeakTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("vigil.repo.dir", ".."));
  /** Each Azure request is tried this often by the worker's clients (AzureBackend.open: six retries). */
  private static final int REQUEST_TRIES = 7;

  @Test
  void noSecretReachesAnOutputAHistoryOrATable(@TempDir Path dir) throws Exception {
    String azureSecret = canary("azure-client-secret");
    String snowflakePassword = canary("snowflake-password");
    String passphrase = canary("snowflake-passphrase");
    String temporalKey = canary("temporal-api-key");
    KeyPair snowflakeKey = PrivateKeyPems.rsaKeyPair();
    String keyPem = PrivateKeyPems.encrypted(snowflakeKey.getPrivate(), passphrase);
    List<String> keyLines = keyPem.lines().toList();
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("the Azure client secret", azureSecret);
    secrets.put("the Snowflake password", snowflakePassword);
    secrets.put("the Snowflake key passphrase", passphrase);
    secrets.put("a line of the Snowflake private key file", keyLines.get(keyLines.size() / 2));
    secrets.put("the Snowflake private key's exponent",
        ((RSAPrivateKey) snowflakeKey.getPrivate()).getPrivateExponent().toString(16));
    secrets.put("the Temporal API key", temporalKey);

    Path watchlist = dir.resolve("azure-watchlist.csv");
    Files.writeString(watchlist, "Source,HostnameField,UserField,ActivityField,SrcIpAddrField,SizeField,TimeField,"
        + "TimeSeriesBinSize,Backend\nLogons,Computer,Account,Action,Ip,Bytes,TimeGenerated,10,azure\n");
    Path snowflakeWatchlist = dir.resolve("snowflake-watchlist.csv");
    Files.writeString(snowflakeWatchlist, Files.readString(watchlist).replace(",azure", ",snowflake"));
    Path global = REPOSITORY.resolve("config/global.csv");
    Path azureSecretFile = Files.writeString(dir.resolve("azure-client-secret"), azureSecret + "\n");
    Path keyFile = Files.writeString(dir.resolve("snowflake-key.p8"), keyPem);
    String closedPort = String.valueOf(closedPort());

    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        DuckDbBackend workspaceData = DuckDbBackend.open(dir.resolve("workspace.duckdb"))) {
      for (String statement : LogonRows.EVENTS) {
        EventTables.execute(workspaceData, statement);
      }
      Map<String, Process> failingRuns = new LinkedHashMap<>();
      Map<String, String> places = new LinkedHashMap<>();
      try (LogAnalyticsFake workspace = LogAnalyticsFake.start(workspaceData)) {
        // Snowflake fails at the worker's start, at login: the password from a settings file with the API key in
        // the Temporal profile, and the encrypted key pair from variables with the API key in TEMPORAL_API_KEY.
        Path snowflakeSettings = dir.resolve("snowflake.properties");
        Files.writeString(snowflakeSettings, properties(snowflake(closedPort, Map.of(
            SnowflakeSettings.PASSWORD, snowflakePassword))));
        Path profile = Files.writeString(dir.resolve("temporal.toml"), "[profile.default]\naddress = \""
            + temporal.target() + "\"\napi_key = \"" + temporalKey + "\"\n[profile.default.tls]\ndisabled = true\n");
        failingRuns.put("snowflake-password", VigilProcess.start(List.of(), Map.of(
                SnowflakeSettings.SETTINGS_FILE, snowflakeSettings.toString(),
                "TEMPORAL_CONFIG_FILE", profile.toString()),
            worker(dir, "snowflake-password", snowflakeWatchlist, global), dir.resolve("snowflake-password.log")));
        Map<String, String> keyPairEnvironment = new HashMap<>(temporalEnvironment(temporal, temporalKey));
        keyPairEnvironment.putAll(snowflake(closedPort, Map.of(SnowflakeSettings.PRIVATE_KEY_FILE, keyFile.toString(),
            SnowflakeSettings.PRIVATE_KEY_PASSPHRASE, passphrase)));
        failingRuns.put("snowflake-key-pair", VigilProcess.start(List.of(), keyPairEnvironment,
            worker(dir, "snowflake-key-pair", snowflakeWatchlist, global), dir.resolve("snowflake-key-pair.log")));
        // A profile with the key left unquoted is a syntax error; the error must name the line, not quote the key.
        Path brokenProfile = Files.writeString(dir.resolve("broken.toml"), "[profile.default]\napi_key = "
            + temporalKey + "\n");
        failingRuns.put("broken-profile", VigilProcess.start(List.of(), Map.of(
                "TEMPORAL_CONFIG_FILE", brokenProfile.toString()),
            runSeries(watchlist, global), dir.resolve("broken-profile.log")));
        // The Azure worker authenticates with the client secret from a file, through azure-identity's real flow.
        Map<String, String> azureEnvironment = new HashMap<>(workspace.environment());
        azureEnvironment.putAll(temporalEnvironment(temporal, temporalKey));
        azureEnvironment.putAll(Map.of("VIGIL_AZURE_AUTH", "client-secret",
            "AZURE_TENANT_ID", LogAnalyticsFake.TENANT_ID, "AZURE_CLIENT_ID", LogAnalyticsFake.CLIENT_ID,
            "AZURE_CLIENT_SECRET_FILE", azureSecretFile.toString(),
            "AZURE_AUTHORITY_HOST", workspace.base().toString()));
        Path workerLog = dir.resolve("azure-worker.log");
        Process worker = VigilProcess.start(LogAnalyticsFake.trustingJvm(), azureEnvironment,
            worker(dir, "azure", watchlist, global), workerLog);
        try {
          // The run's client, started while the worker starts, passes the API key as a flag. The worker's first token
          // request is refused, as for a secret not yet registered; once the secret is accepted the workspace
          // throttles, then fails often enough that two activity attempts fail and are retried: their failures are
          // in the runs' descriptions meanwhile.
          List<String> run = new ArrayList<>(List.of(runSeries(watchlist, global)));
          run.addAll(List.of("--address", temporal.target(), "--api-key", temporalKey, "--no-tls"));
          Path runLog = dir.resolve("run-series.log");
          Process series = VigilProcess.start(List.of(), Map.of(), run.toArray(String[]::new), runLog);
          VigilProcess.waitFor(workerLog, "Vigil worker:", worker, 60);
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (workspace.tokenRequests() == 0 && series.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          workspace.acceptClientSecret(azureSecret);
          workspace.failNext(429);
          workspace.failNext(IntStream.range(0, 2 * REQUEST_TRIES).map(i -> 503).toArray());
          while (series.isAlive() && System.nanoTime() < deadline) {
            describeOpenRuns(temporal, places);
            Thread.sleep(50);
          }
          assertTrue(series.waitFor(1, TimeUnit.SECONDS), "the run did not end: " + Files.readString(runLog));
          assertEquals(0, series.exitValue(), Files.readString(runLog) + Files.readString(workerLog));
        } finally {
          worker.destroy();
          worker.waitFor(20, TimeUnit.SECONDS);
        }
        for (Map.Entry<String, Process> failing : failingRuns.entrySet()) {
          Path log = dir.resolve(failing.getKey() + ".log");
          assertTrue(failing.getValue().waitFor(60, TimeUnit.SECONDS), failing.getKey() + " did not end: "
              + Files.readString(log));
          assertEquals(2, failing.getValue().exitValue(), failing.getKey() + " should fail: " + Files.readString(log));
        }
        assertTrue(workspace.tokenRequests() >= 2, "a refused token request, then an accepted one");
      }

      try (Stream<Path> files = Files.list(dir)) {
        for (Path log : files.filter(file -> file.toString().endsWith(".log")).sorted().toList()) {
          places.put("the output of " + log.getFileName(), Files.readString(log));
        }
      }
      List<WorkflowExecutionInfo> runs = RunHistory.allClosed(temporal.client());
      assertFalse(runs.isEmpty(), "the series run left no workflow");
      for (WorkflowExecutionInfo info : runs) {
        WorkflowExecution execution = info.getExecution();
        String history = temporal.client().fetchHistory(execution.getWorkflowId(), execution.getRunId()).toString();
        places.put("the history of " + execution.getWorkflowId(), history);
        places.put("the description of " + execution.getWorkflowId(), temporal.client().getWorkflowServiceStubs()
            .blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(EmbeddedTemporal.NAMESPACE).setExecution(execution).build()).toString());
      }
      assertTrue(places.entrySet().stream().anyMatch(place -> place.getKey().startsWith("the descriptions of ")
          && place.getValue().contains("last_failure")), "a failed attempt was seen with its failure");
      assertTrue(places.get("the output of snowflake-key-pair.log").contains("cannot connect to Snowflake account"),
          places.get("the output of snowflake-key-pair.log"));
      places.put("the tables of the Azure workspace", tables(workspaceData));
      try (DuckDbBackend workerData = DuckDbBackend.open(dir.resolve("azure.duckdb"))) {
        places.put("the tables of the Azure worker's DuckDB", tables(workerData));
      }
      String summary = places.get("the output of run-series.log");
      assertTrue(summary.contains("generated [2026-01-05 00:00Z, 2026-01-06 00:00Z)"),
          "the run wrote the day's series to the workspace: " + summary);

      List<String> leaks = new ArrayList<>();
      secrets.forEach((secret, value) -> forms(value).forEach((form, text) -> places.forEach((place, content) -> {
        if (content.contains(text)) {
          leaks.add(secret + " (" + form + ") in " + place);
        }
      })));
      assertEquals(List.of(), leaks);
    }
  }

  /** Adds what the server says of each open run now, the last failures of its pending activities included. */
  private static void describeOpenRuns(EmbeddedTemporal temporal, Map<String, String> places) {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub service =
        temporal.client().getWorkflowServiceStubs().blockingStub();
    for (WorkflowExecutionInfo info : service.listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest
        .newBuilder().setNamespace(EmbeddedTemporal.NAMESPACE).setMaximumPageSize(1000).build())
        .getExecutionsList()) {
      String description = service.describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
          .setNamespace(EmbeddedTemporal.NAMESPACE).setExecution(info.getExecution()).build()).toString();
      places.merge("the descriptions of " + info.getExecution().getWorkflowId() + " while it ran", description,
          String::concat);
    }
  }

  /**
   * A distinctive value no run could print by chance. Its tilde, as Entra ID puts in client secrets, makes its
   * URL-encoded form differ from the plain one.
   */
  private static String canary(String kind) {
    return kind + "~" + UUID.randomUUID();
  }

  /**
   * The forms a secret takes on its way: as it is, base64 (basic authentication, bytes fields) and URL-encoded. Of
   * the base64 form only the whole three-byte groups count, since the last characters depend on what follows.
   */
  private static Map<String, String> forms(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    return Map.of(
        "as it is", secret,
        "base64", Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, bytes.length / 3 * 3)),
        "URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Map<String, String> temporalEnvironment(EmbeddedTemporal temporal, String apiKey) {
    // An API key turns TLS on; the embedded server serves plaintext and ignores the key it is sent.
    return Map.of("TEMPORAL_ADDRESS", temporal.target(), "TEMPORAL_API_KEY", apiKey, "TEMPORAL_TLS", "false");
  }

  /** Snowflake settings for a login to a closed port, with {@code authentication} added. */
  private static Map<String, String> snowflake(String closedPort, Map<String, String> authentication) {
    Map<String, String> settings = new HashMap<>(Map.of(SnowflakeSettings.ACCOUNT, "vigil-test",
        SnowflakeSettings.USER, "VIGIL_SVC", SnowflakeSettings.DATABASE, "SECURITY", SnowflakeSettings.SCHEMA, "VIGIL",
        SnowflakeSettings.HOST, "127.0.0.1:" + closedPort, SnowflakeSettings.LOGIN_TIMEOUT_SECONDS, "1"));
    settings.putAll(authentication);
    return settings;
  }

  private static String properties(Map<String, String> settings) {
    StringBuilder text = new StringBuilder();
    settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  private static String[] worker(Path dir, String name, Path watchlist, Path global) {
    return new String[] {"worker", "--db", dir.resolve(name + ".duckdb").toString(), "--workflow-cache-size", "0",
        "--metrics-port", "0",
        "--watchlist", watchlist.toString(), "--global", global.toString()};
  }

  private static String[] runSeries(Path watchlist, Path global) {
    return new String[] {"run", "series", "--source", "Logons", "--from", "2026-01-05", "--to", "2026-01-06",
        "--watchlist", watchlist.toString(), "--global", global.toString()};
  }

  /** Every row of every table of {@code database}, as text. */
  private static String tables(DuckDbBackend database) throws SQLException {
    StringBuilder text = new StringBuilder();
    for (List<String> table : OutputCheck.rows(database, "SELECT table_name FROM information_schema.tables")) {
      text.append(table.get(0)).append('\n');
      for (List<String> row : OutputCheck.rows(database, "SELECT * FROM \"" + table.get(0) + "\"")) {
        text.append(String.join("\t", row)).append('\n');
      }
    }
    return text.toString();
  }
}
