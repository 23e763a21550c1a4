package io.vigil.sample;

import io.vigil.backend.duckdb.DuckDbBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Sample network flows for the embedded default, so a newcomer sees network detections without data of their own:
 * table {@value #TABLE} with DESIGN section 5's columns, over {@code history} up to {@code end}, labelled.
 *
 * <p>Benign (label 0): forty workstations ({@code 10.1.0.1} to {@code 10.1.0.40}) resolve names at {@code
 * 10.0.0.53:53}, browse twenty external HTTPS servers and use the file server {@code 10.0.0.20:445}, at the
 * daily and weekly rhythm of {@link SampleData}. Malicious (label 1), at fixed offsets before {@code end}: a port scan
 * of the server subnet from one workstation (20 hours before), SSH brute force from {@code 203.0.113.66} (16
 * hours), command-and-control beaconing from one workstation to {@code 198.51.100.7:443} every minute for 6
 * hours (12 hours), a bulk upload to {@code 192.0.2.99} (8 hours), and a SYN flood against {@code 10.0.0.80:80}
 * (4 hours). The same seed, end and history give the same rows.
 */
public final class SampleFlows {

  public static final String TABLE = "SampleNetworkFlows";

  private static final String SCHEMA = "timestamp TIMESTAMP, flow_dur DOUBLE, src_ip VARCHAR, src_port INTEGER, "
      + "dest_ip VARCHAR, dest_port INTEGER, fwd_bytes BIGINT, bwd_bytes BIGINT, total_fwd_pkts BIGINT, "
      + "total_bwd_pkts BIGINT, label INTEGER";
  private static final int WORKSTATIONS = 40;

  private final long seed;
  private final Instant end;
  private final Duration history;

  public SampleFlows(long seed, Instant end, Duration history) {
    this.seed = seed;
    this.end = end.truncatedTo(ChronoUnit.SECONDS);
    this.history = history;
  }

  /** Creates and fills the table when it is missing or empty; returns the rows written, 0 when it held some. */
  public long ensure(DuckDbBackend backend) {
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + SCHEMA + ")");
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
        rows.next();
        if (rows.getLong(1) > 0) {
          return 0;
        }
      }
      try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
          .createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
        return fill(new Writer(appender, new Random(seed)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create sample flows in " + backend.location() + ": " + e.getMessage(),
          e);
    }
  }

  /** Appends flows with the shared random source. */
  private record Writer(DuckDBAppender appender, Random random) {

    void flow(Instant time, double duration, String src, String dst, int dstPort, long fwdBytes, long bwdBytes,
        long fwdPkts, long bwdPkts, int label) throws SQLException {
      appender.beginRow().appendEpochMicros(DuckDbBackend.toMicros(time)).append(duration).append(src)
          .append(49152 + random.nextInt(16_384)).append(dst).append(dstPort).append(fwdBytes).append(bwdBytes)
          .append(fwdPkts).append(bwdPkts).append(label).endRow();
    }

    long logNormal(double mu, double sigma) {
      return Math.max(1, (long) Math.exp(mu + sigma * random.nextGaussian()));
    }
  }

  private long fill(Writer out) throws SQLException {
    Random random = out.random();
    long rows = 0;
    Instant start = end.minus(history).truncatedTo(ChronoUnit.MINUTES);
    for (Instant minute = start; minute.isBefore(end); minute = minute.plusSeconds(60)) {
      int flows = SampleData.poisson(random, 12 * SampleData.rateFactor(minute));
      for (int f = 0; f < flows; f++) {
        Instant time = minute.plusMillis(random.nextInt(60_000));
        String workstation = "10.1.0." + (1 + random.nextInt(WORKSTATIONS));
        double kind = random.nextDouble();
        if (kind < 0.45) {
          out.flow(time, 0.01 + random.nextDouble() * 0.05, workstation, "10.0.0.53", 53, 40 + random.nextInt(40),
              80 + random.nextInt(200), 1, 1, 0);
        } else if (kind < 0.85) {
          long down = out.logNormal(10, 1.5);
          out.flow(time, random.nextDouble() * 30, workstation, "203.0.113." + (10 + random.nextInt(20)), 443,
              out.logNormal(7, 1), down, 5 + random.nextInt(20), 5 + down / 1400, 0);
        } else {
          long read = out.logNormal(11, 2);
          out.flow(time, random.nextDouble() * 10, workstation, "10.0.0.20", 445, out.logNormal(8, 1), read,
              10 + random.nextInt(30), 10 + read / 1400, 0);
        }
        rows++;
      }
    }
    rows += inject(out);
    return rows;
  }

  private long inject(Writer out) throws SQLException {
    Random random = out.random();
    long rows = 0;
    Instant scan = end.minus(Duration.ofHours(20));
    for (int i = 0; i < 1500; i++) {
      out.flow(scan.plusMillis(i * 1200L), 0, "10.1.0.21", "10.0.0." + (1 + random.nextInt(254)),
          1 + random.nextInt(1024), 0, 0, 1, 0, 1);
      rows++;
    }
    Instant bruteForce = end.minus(Duration.ofHours(16));
    for (int i = 0; i < 600; i++) {
      out.flow(bruteForce.plusMillis(i * 6000L + random.nextInt(1000)), 2 + random.nextDouble(), "203.0.113.66",
          "10.0.0.22", 22, 1200 + random.nextInt(200), 1800 + random.nextInt(200), 12, 10, 1);
      rows++;
    }
    Instant beacon = end.minus(Duration.ofHours(12));
    for (int i = 0; i < 360; i++) {
      out.flow(beacon.plusSeconds(60L * i).plusMillis(random.nextInt(500)), 0.3, "10.1.0.5", "198.51.100.7", 443,
          310, 420, 4, 4, 1);
      rows++;
    }
    Instant upload = end.minus(Duration.ofHours(8));
    for (int i = 0; i < 20; i++) {
      out.flow(upload.plusSeconds(90L * i), 80 + random.nextDouble() * 20, "10.1.0.13", "192.0.2.99", 443,
          150_000_000L + random.nextInt(50_000_000), 40_000, 110_000, 900, 1);
      rows++;
    }
    Instant flood = end.minus(Duration.ofHours(4));
    for (int i = 0; i < 3000; i++) {
      out.flow(flood.plusMillis(i * 200L), 0, "198.51.100." + (1 + random.nextInt(250)), "10.0.0.80", 80, 40, 0, 1,
          0, 1);
      rows++;
    }
    return rows;
  }
}
