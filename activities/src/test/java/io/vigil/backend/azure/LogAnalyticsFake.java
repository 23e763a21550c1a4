package io.vigil.backend.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vigil.backend.duckdb.DuckDbBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import reactor.core.publisher.Mono;

/**
 * A Log Analytics workspace with a data collection rule, on 127.0.0.1 over HTTPS with a self-signed certificate,
 * speaking the two wire protocols Vigil's Azure backend uses: the query API ({@code POST
 * /v1/workspaces/{id}/query}, JSON tables, partial results with an error beside them, 400 for invalid queries) and
 * the Logs Ingestion API ({@code POST /dataCollectionRules/{id}/streams/{stream}}, gzip'd JSON arrays). Queries are
 * answered from a DuckDB database through {@link KqlToDuckDb}; ingested rows land in DuckDB tables made from
 * {@link AzureTable}. Tests drive it only through the real SDK clients, and can make it throttle (429), fail (503)
 * or cut results, as the service does. It is also the Entra ID of its tenant: {@code POST
 * /{tenant}/oauth2/v2.0/token} hands its token to the client id {@link #CLIENT_ID} for the client secret it was told
 * to accept, and refuses any other as Entra ID does (401 {@code invalid_client}), so a worker in a JVM of its own can
 * authenticate with azure-identity's real client-secret flow (see {@link #environment} and {@link #trustingJvm}).
 */
public final class LogAnalyticsFake implements AutoCloseable {

  static final String WORKSPACE_ID = "00000000-0000-0000-0000-00000000f00d";
  static final String RULE_ID = "dcr-00000000000000000000000000000000";
  static final String TOKEN = "fake-token";
  public static final String TENANT_ID = "00000000-0000-0000-0000-0000000000aa";
  public static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";

  private static final Pattern QUERY_PATH = Pattern.compile(".*/workspaces/([^/]+)/query");
  private static final Pattern TOKEN_PATH = Pattern.compile("/[^/]+/oauth2/v2\\.0/token");
  private static final Pattern INGEST_PATH = Pattern.compile("/dataCollectionRules/([^/]+)/streams/([^/?]+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpsServer server;
  private final SSLContext clientContext;
  private final DuckDbBackend database;
  private final KqlToDuckDb translator;
  private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Integer> plannedFailures = new ArrayDeque<>();
  private final AtomicInteger uploads = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private volatile String acceptedClientSecret;
  private volatile int failUploadsAfter = -1;
  private volatile int rowLimit = Integer.MAX_VALUE;

  private LogAnalyticsFake(HttpsServer server, SSLContext clientContext, DuckDbBackend database) throws SQLException {
    this.server = server;
    this.clientContext = clientContext;
    this.database = database;
    this.translator = new KqlToDuckDb(database.connection());
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      for (AzureTable table : AzureTable.values()) {
        List<String> columns = table.allColumns().stream().map(column -> '"' + column.name() + "\" " + switch (
            column.type()) {
          case "datetime" -> "TIMESTAMP";
          case "long" -> "BIGINT";
          case "int" -> "INTEGER";
          case "real" -> "DOUBLE";
          case "boolean" -> "BOOLEAN";
          default -> "VARCHAR";
        }).toList();
        statement.execute("CREATE TABLE IF NOT EXISTS \"" + table.tableName() + "\" (" + String.join(", ", columns)
            + ")");
      }
    }
  }

  /** The server's certificate and a client context that trusts it, made once per test JVM (keytool takes a second). */
  private static SSLContext[] contexts;
  /** The certificate's key store, kept for the JVMs {@link #trustingJvm} sets up; deleted when this JVM exits. */
  private static Path keystore;

  /** Starts the fake on a free port, its tables and source tables in {@code database}. */
  public static LogAnalyticsFake start(DuckDbBackend database) throws Exception {
    SSLContext[] pair = tlsContexts();
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(pair[0]));
    LogAnalyticsFake fake = new LogAnalyticsFake(server, pair[1], database);
    server.createContext("/", fake::handle);
    server.start();
    return fake;
  }

  private static synchronized SSLContext[] tlsContexts() throws Exception {
    if (contexts != null) {
      return contexts;
    }
    char[] password = "changeit".toCharArray();
    Path directory = Files.createTempDirectory("fake-workspace");
    directory.toFile().deleteOnExit();
    keystore = directory.resolve("fake-workspace.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "workspace", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keys.getKeyManagers(), null, null);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, trust.getTrustManagers(), null);
    keystore.toFile().deleteOnExit();
    contexts = new SSLContext[] {serverContext, clientContext};
    return contexts;
  }

  /** Settings that point the Azure backend at this fake. */
  public AzureSettings settings() {
    return AzureSettings.fromEnvironment(environment());
  }

  /**
   * The environment variables that point the Azure backend at this fake, as an operator sets them; the
   * authentication is left to the caller.
   */
  public Map<String, String> environment() {
    return Map.of(
        "VIGIL_AZURE_WORKSPACE_ID", WORKSPACE_ID,
        "VIGIL_AZURE_QUERY_ENDPOINT", base() + "/v1",
        "VIGIL_AZURE_INGESTION_ENDPOINT", base().toString(),
        "VIGIL_AZURE_DCR_ID", RULE_ID);
  }

  /** The fake's address, also its Entra ID authority host ({@code AZURE_AUTHORITY_HOST}). */
  public URI base() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The options that make another JVM trust this fake's certificate as it trusts the system's authorities. */
  public static List<String> trustingJvm() throws Exception {
    tlsContexts();
    return List.of("-Djavax.net.ssl.trustStore=" + keystore, "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-Djavax.net.ssl.trustStorePassword=changeit");
  }

  /** From now on the token endpoint hands out tokens for {@code secret}, and refuses any other. */
  public void acceptClientSecret(String secret) {
    acceptedClientSecret = secret;
  }

  /** How many token requests came, refused ones included. */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** An HTTP client that trusts this fake's certificate, and only that. */
  public HttpClient httpClient() {
    return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(clientContext)).build();
  }

  /** A credential that hands out the token the fake expects; azure-identity is not what these tests are about. */
  public static TokenCredential credential() {
    return request -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
  }

  /** Every query received, in order. */
  public List<String> queries() {
    synchronized (queries) {
      return List.copyOf(queries);
    }
  }

  void clearQueries() {
    queries.clear();
  }

  int requests() {
    return requests.get();
  }

  int uploads() {
    return uploads.get();
  }

  /** The next requests, of either API, are answered with these statuses instead of being served. */
  public synchronized void failNext(int... statuses) {
    for (int status : statuses) {
      plannedFailures.add(status);
    }
  }

  /** Planned failures not yet answered. */
  public synchronized int failuresLeft() {
    return plannedFailures.size();
  }

  /** Accepts this many more uploads, then answers every upload with 500 until {@link #healUploads}. */
  void failUploadsAfter(int accepted) {
    failUploadsAfter = uploads.get() + accepted;
  }

  void healUploads() {
    failUploadsAfter = -1;
  }

  /** Queries with more result rows than this get the first rows and a partial-result error, as at the limits. */
  void limitRows(int rows) {
    rowLimit = rows;
  }

  /** How many rows a custom table holds, copies included. */
  long rawRows(AzureTable table) throws SQLException {
    try (Connection connection = database.connection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + table.tableName() + "\"")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private synchronized Integer plannedFailure() {
    return plannedFailures.poll();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try {
      if (TOKEN_PATH.matcher(exchange.getRequestURI().getPath()).matches()) {
        token(exchange);
        return;
      }
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, error("InvalidAuthenticationTokenAudience", "missing or wrong bearer token"));
        return;
      }
      Integer failure = plannedFailure();
      if (failure != null) {
        exchange.getResponseHeaders().add("Retry-After", "0");
        respond(exchange, failure, error(failure == 429 ? "TooManyRequests" : "ServiceUnavailable",
            "planned failure " + failure));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      Matcher query = QUERY_PATH.matcher(path);
      Matcher ingest = INGEST_PATH.matcher(path);
      if (query.matches() && query.group(1).equals(WORKSPACE_ID)) {
        query(exchange);
      } else if (ingest.matches() && ingest.group(1).equals(RULE_ID)) {
        ingest(exchange, ingest.group(2));
      } else {
        respond(exchange, 404, error("NotFound", "no such resource: " + path));
      }
    } catch (RuntimeException | SQLException e) {
      respond(exchange, 500, error("InternalServerError", String.valueOf(e.getMessage())));
    } finally {
      exchange.close();
    }
  }

  /** The client credentials grant of Entra ID's v2.0 endpoint, with its error for a wrong client or secret. */
  private void token(HttpExchange exchange) throws IOException {
    tokenRequests.incrementAndGet();
    Map<String, String> form = new HashMap<>();
    for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    String accepted = acceptedClientSecret;
    if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
        || accepted == null || !accepted.equals(form.get("client_secret"))) {
      respond(exchange, 401, JSON.createObjectNode().put("error", "invalid_client").put("error_description",
          "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client "
              + "secret value, not the client secret ID, for a secret added to app '" + CLIENT_ID + "'."));
      return;
    }
    respond(exchange, 200, JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", 3599)
        .put("ext_expires_in", 3599).put("access_token", TOKEN));
  }

  private void query(HttpExchange exchange) throws IOException, SQLException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String kql = body.path("query").asText();
    queries.add(kql);
    String sql;
    try {
      sql = translator.translate(kql);
    } catch (IllegalArgumentException e) {
      respond(exchange, 400, error("BadArgumentError", e.getMessage()));
      return;
    }
    ObjectNode table = JSON.createObjectNode().put("name", "PrimaryResult");
    ArrayNode columns = table.putArray("columns");
    ArrayNode rows = table.putArray("rows");
    boolean cut = false;
    try (Connection connection = database.connection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        columns.addObject().put("name", meta.getColumnLabel(c)).put("type", kqlType(meta.getColumnType(c)));
      }
      while (result.next()) {
        if (rows.size() == rowLimit) {
          cut = true;
          break;
        }
        ArrayNode row = rows.addArray();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          Object value = result.getObject(c);
          if (value == null) {
            row.addNull();
          } else if (value instanceof Timestamp || value instanceof java.time.LocalDateTime) {
            row.add(result.getTimestamp(c).toLocalDateTime().atOffset(ZoneOffset.UTC).toInstant().toString());
          } else if (value instanceof Number number && meta.getColumnType(c) == Types.BIGINT) {
            row.add(number.longValue());
          } else if (value instanceof Number number && meta.getColumnType(c) == Types.INTEGER) {
            row.add(number.intValue());
          } else if (value instanceof Number number) {
            row.add(number.doubleValue());
          } else if (value instanceof Boolean flag) {
            row.add(flag);
          } else {
            row.add(value.toString());
          }
        }
      }
    } catch (SQLException e) {
      // An unknown table or column is the client's mistake in Log Analytics too: a 400 with a semantic error.
      respond(exchange, 400, error("BadArgumentError", "Query could not be parsed or resolved: " + e.getMessage()));
      return;
    }
    ObjectNode response = JSON.createObjectNode();
    response.putArray("tables").add(table);
    if (cut) {
      response.set("error", JSON.createObjectNode().put("code", "PartialError")
          .put("message", "There were some errors when processing your query.")
          .set("details", JSON.createArrayNode().add(JSON.createObjectNode().put("code", "EngineError")
              .put("message", "Query result set has exceeded the internal record count limit " + rowLimit))));
    }
    respond(exchange, 200, response);
  }

  private static String kqlType(int sqlType) {
    return switch (sqlType) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> "datetime";
      case Types.BIGINT -> "long";
      case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> "int";
      case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL -> "real";
      case Types.BOOLEAN -> "bool";
      default -> "string";
    };
  }

  private void ingest(HttpExchange exchange, String stream) throws IOException, SQLException {
    int number = uploads.incrementAndGet();
    if (failUploadsAfter >= 0 && number > failUploadsAfter) {
      respond(exchange, 500, error("InternalServerError", "planned failure of upload " + number));
      return;
    }
    AzureTable table = null;
    for (AzureTable candidate : AzureTable.values()) {
      if (candidate.streamName().equals(stream)) {
        table = candidate;
      }
    }
    if (table == null) {
      respond(exchange, 404, error("InvalidStream", "the rule has no stream " + stream));
      return;
    }
    InputStream body = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      body = new GZIPInputStream(body);
    }
    JsonNode rows = JSON.readTree(body);
    List<AzureTable.Column> columns = table.allColumns();
    // The appender writes a whole request at once; prepared INSERTs would take DuckDB a millisecond per row.
    try (Connection connection = database.connection();
        DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
            .createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.tableName())) {
      for (JsonNode row : rows) {
        appender.beginRow();
        for (AzureTable.Column column : columns) {
          JsonNode value = row.get(column.name());
          if (value == null || value.isNull()) {
            appender.appendNull();
          } else {
            switch (column.type()) {
              case "datetime" -> appender.appendEpochMicros(DuckDbBackend.toMicros(Instant.parse(value.asText())));
              case "string" -> appender.append(value.asText());
              case "boolean" -> appender.append(value.asBoolean());
              case "real" -> appender.append(value.asDouble());
              case "int" -> appender.append(value.asInt());
              default -> appender.append(value.asLong());
            }
          }
        }
        appender.endRow();
      }
    }
    exchange.sendResponseHeaders(204, -1);
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.set("error", JSON.createObjectNode().put("code", code).put("message", message));
    return error;
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A backend on this fake with quick retries and the system clock, as a worker would open it. */
  public AzureBackend backend() {
    return backend(Clock.systemUTC());
  }

  /**
   * A backend on this fake with quick retries and the given clock. Six retries leave a margin over the bursts of
   * three failures the tests plan: with three, about one run in five exhausted them, so some attempt beyond the
   * planned ones failed too (the connection the fake closes after an error response is the likely one).
   */
  public AzureBackend backend(Clock clock) {
    return AzureBackend.open(settings(), credential(), httpClient(), new ExponentialBackoffOptions()
        .setMaxRetries(6).setBaseDelay(Duration.ofMillis(5)).setMaxDelay(Duration.ofMillis(50)), clock);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
