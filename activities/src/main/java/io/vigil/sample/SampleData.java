package io.vigil.sample;

import io.vigil.backend.duckdb.DuckDbBackend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Sample security logs for the embedded default, so a newcomer sees series without any data of their own.
 *
 * <p>Three sources shaped like common Sentinel tables, over {@code history} up to {@code end}:
 * <ul>
 *   <li>{@code SampleSigninLogs}: sign-ins per user, device, IP and application, with session length;
 *   <li>{@code SampleFileEvents}: file actions per computer, account and source IP, with file size;
 *   <li>{@code SampleFirewallLogs}: allowed and denied connections per firewall and source IP, with bytes.
 * </ul>
 * Event rates follow a daily curve (a peak in the early afternoon UTC, a trough at night) and a weekly one
 * (weekends at 35%); each minute's count is Poisson. Forty users each have a home device and one or two home IPs
 * and a Zipf-like activity level. Injected on top, at fixed offsets before {@code end}: a password-spraying burst
 * against one user from one external IP (two days before), a bulk file-copy burst with large files (one day
 * before), a port scan from a workstation denied by the edge firewall (three days before), and new user/IP and user/host pairs in the
 * last 36 hours, among them a contractor account never seen before. The same seed, end and history give the same
 * rows.
 */
public final class SampleData {

  public static final String SIGNINS = "SampleSigninLogs";
  public static final String FILES = "SampleFileEvents";
  public static final String FIREWALL = "SampleFirewallLogs";
  public static final List<String> SOURCES = List.of(SIGNINS, FILES, FIREWALL);

  private static final Map<String, String> SCHEMAS = Map.of(
      SIGNINS, "TimeGenerated TIMESTAMP, UserPrincipalName VARCHAR, IPAddress VARCHAR, AppDisplayName VARCHAR, "
          + "DeviceName VARCHAR, ResultType VARCHAR, SessionDurationSeconds DOUBLE",
      FILES, "TimeGenerated TIMESTAMP, Computer VARCHAR, AccountName VARCHAR, ActionType VARCHAR, "
          + "SourceIp VARCHAR, FileSize BIGINT",
      FIREWALL, "TimeGenerated TIMESTAMP, DeviceName VARCHAR, SrcIp VARCHAR, DestPort INTEGER, Action VARCHAR, "
          + "BytesSent BIGINT");

  private static final int USERS = 40;
  private static final String[] APPS = {"Outlook", "Teams", "SharePoint", "AzurePortal", "VPN"};
  private static final double[] APP_WEIGHTS = {0.35, 0.3, 0.2, 0.05, 0.1};
  private static final String[] FILE_ACTIONS = {"FileRead", "FileWrite", "FileDelete", "FileCopy"};
  private static final double[] FILE_WEIGHTS = {0.6, 0.25, 0.05, 0.1};
  private static final int[] PORTS = {443, 80, 53, 22, 3389, 445};

  private final long seed;
  private final Instant end;
  private final Duration history;

  public SampleData(long seed, Instant end, Duration history) {
    this.seed = seed;
    this.end = end.truncatedTo(ChronoUnit.SECONDS);
    this.history = history;
  }

  /**
   * Creates and fills each sample table in {@code wanted} that is missing or empty; tables that hold rows are
   * left alone. Returns the rows written per table.
   */
  public Map<String, Long> ensure(DuckDbBackend backend, List<String> wanted) {
    Map<String, Long> written = new LinkedHashMap<>();
    try (Connection connection = backend.connection()) {
      for (String table : wanted) {
        if (!SOURCES.contains(table) || rowCount(connection, table) > 0) {
          continue;
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE IF NOT EXISTS " + DuckDbBackend.quote(table) + " (" + SCHEMAS.get(table) + ")");
        }
        written.put(table, fill((DuckDBConnection) connection, table));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create sample data in " + backend.location() + ": " + e.getMessage(), e);
    }
    return written;
  }

  private static long rowCount(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = lower(?)")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        if (rows.getLong(1) == 0) {
          return 0;
        }
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + DuckDbBackend.quote(table))) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** One person's habits: where they usually sign in from and how active they are. */
  private record User(String upn, String account, String host, String[] ips, double activity) {}

  private List<User> users() {
    Random random = new Random(seed);
    List<User> users = new ArrayList<>();
    for (int i = 1; i <= USERS; i++) {
      String account = String.format("user%02d", i);
      String[] ips = random.nextDouble() < 0.3
          ? new String[] {"10.1." + i + "." + (10 + random.nextInt(200)), "10.2." + i + "." + (10 + random.nextInt(200))}
          : new String[] {"10.1." + i + "." + (10 + random.nextInt(200))};
      users.add(new User(account + "@contoso.com", account, String.format("WS-%03d", i), ips, 1.0 / Math.sqrt(i)));
    }
    return users;
  }

  private long fill(DuckDBConnection connection, String table) throws SQLException {
    List<User> users = users();
    double[] userWeights = users.stream().mapToDouble(User::activity).toArray();
    Random random = new Random(seed * 31 + table.hashCode());
    double peakPerMinute = switch (table) {
      case SIGNINS -> 3;
      case FILES -> 8;
      default -> 15;
    };
    Instant start = end.minus(history).truncatedTo(ChronoUnit.MINUTES);
    long rows = 0;
    try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
      for (Instant minute = start; minute.isBefore(end); minute = minute.plusSeconds(60)) {
        int events = poisson(random, peakPerMinute * rateFactor(minute));
        for (int e = 0; e < events; e++) {
          Instant time = minute.plusMillis(random.nextInt(60_000));
          if (!time.isBefore(end)) {
            continue;
          }
          User user = users.get(pick(random, userWeights));
          append(appender, table, random, time, user, user.ips()[random.nextInt(user.ips().length)], user.host());
          rows++;
        }
      }
      rows += injectAnomalies(appender, table, random, users);
    }
    return rows;
  }

  /** Daily and weekly seasonality, relative to the peak rate. */
  static double rateFactor(Instant minute) {
    ZonedDateTime time = minute.atZone(ZoneOffset.UTC);
    double hour = time.getHour() + time.getMinute() / 60.0;
    double daily = 0.15 + 0.85 * Math.exp(-Math.pow(hour - 13.5, 2) / (2 * 9));
    boolean weekend = time.getDayOfWeek().getValue() >= 6;
    return daily * (weekend ? 0.35 : 1.0);
  }

  private long injectAnomalies(DuckDBAppender appender, String table, Random random, List<User> users)
      throws SQLException {
    long rows = 0;
    switch (table) {
      case SIGNINS -> {
        // Password spraying: one user, one external IP, 400 attempts in an hour, two days ago.
        User target = users.get(6);
        Instant burst = end.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 400; i++) {
          appendSignin(appender, burst.plusMillis(random.nextInt(3_600_000)), target, "203.0.113.66", "VPN",
              target.host(), "50126", 0);
          rows++;
        }
        // New pairs in the last 36 hours: known users from new IPs and hosts, and an account never seen before.
        for (int i = 0; i < 3; i++) {
          User user = users.get(2 + 5 * i);
          for (int j = 0; j < 6; j++) {
            Instant time = end.minus(Duration.ofHours(36)).plusSeconds(random.nextInt(30 * 3600));
            appendSignin(appender, time, user, "192.0.2." + (20 + i), APPS[j % APPS.length], "LAPTOP-NEW-" + i, "0",
                300 + random.nextInt(3000));
            rows++;
          }
        }
        User contractor = new User("contractor01@contoso.com", "contractor01", "WS-099", new String[] {"10.9.9.9"}, 1);
        for (int j = 0; j < 25; j++) {
          Instant time = end.minus(Duration.ofHours(20)).plusSeconds(random.nextInt(18 * 3600));
          appendSignin(appender, time, contractor, "10.9.9.9", APPS[j % 3], "WS-099", "0", 600 + random.nextInt(3000));
          rows++;
        }
      }
      case FILES -> {
        // Bulk copy of large files by one account, one day ago.
        User user = users.get(12);
        Instant burst = end.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 300; i++) {
          appender.beginRow().appendEpochMicros(toMicros(burst.plusMillis(random.nextInt(7_200_000))))
              .append(user.host()).append(user.account()).append("FileCopy").append(user.ips()[0])
              .append(50_000_000L + random.nextInt(200_000_000)).endRow();
          rows++;
        }
      }
      default -> {
        // A port scan from a compromised workstation, denied by the edge firewall, three days ago: its IP and the
        // firewall already have a (small) series of denied connections, so the scan is a deviation from a forecast.
        Instant burst = end.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        String scanner = users.get(20).ips()[0];
        for (int i = 0; i < 1500; i++) {
          appender.beginRow().appendEpochMicros(toMicros(burst.plusMillis(random.nextInt(1_800_000))))
              .append("FW-EDGE-01").append(scanner).append(1 + random.nextInt(65_535)).append("Deny")
              .append(60L).endRow();
          rows++;
        }
      }
    }
    return rows;
  }

  private static void append(DuckDBAppender appender, String table, Random random, Instant time, User user, String ip,
      String host) throws SQLException {
    switch (table) {
      case SIGNINS -> appendSignin(appender, time, user, ip, APPS[pick(random, APP_WEIGHTS)], host,
          random.nextDouble() < 0.03 ? "50126" : "0", Math.round(-Math.log(1 - random.nextDouble()) * 1800));
      case FILES -> appender.beginRow().appendEpochMicros(toMicros(time)).append(host).append(user.account())
          .append(FILE_ACTIONS[pick(random, FILE_WEIGHTS)]).append(ip)
          .append((long) Math.exp(8 + 2.5 * random.nextGaussian())).endRow();
      default -> {
        boolean deny = random.nextDouble() < 0.05;
        appender.beginRow().appendEpochMicros(toMicros(time))
            .append(random.nextDouble() < 0.7 ? "FW-EDGE-01" : "FW-DC-01").append(ip)
            .append(PORTS[random.nextInt(PORTS.length)]).append(deny ? "Deny" : "Allow")
            .append(deny ? 0L : (long) Math.exp(9 + 2 * random.nextGaussian())).endRow();
      }
    }
  }

  private static void appendSignin(DuckDBAppender appender, Instant time, User user, String ip, String app,
      String host, String result, double sessionSeconds) throws SQLException {
    appender.beginRow().appendEpochMicros(toMicros(time)).append(user.upn()).append(ip).append(app).append(host)
        .append(result).append(sessionSeconds).endRow();
  }

  private static long toMicros(Instant instant) {
    return DuckDbBackend.toMicros(instant);
  }

  private static int pick(Random random, double[] weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double draw = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      draw -= weights[i];
      if (draw < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Knuth's method; rates here are small (at most a few dozen per minute). */
  static int poisson(Random random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
