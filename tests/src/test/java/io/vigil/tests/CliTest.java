package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.cli.VigilRun;
import io.vigil.model.SeriesBin;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.sample.SampleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code vigil} executable, run in-process on temporary directories. */
class CliTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("vigil.repo.dir", ".."));

  private static List<String> upArgs(Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("up", "--once", "--temporal-port", "0",
        "--db", dir.resolve("vigil.duckdb").toString(),
        "--watchlist", dir.resolve("watchlist.csv").toString(),
        "--global", dir.resolve("global.csv").toString()));
    if (Files.exists(dir.resolve("anomalies.csv"))) {
      args.addAll(List.of("--anomalies", dir.resolve("anomalies.csv").toString(),
          "--exceptions", dir.resolve("exceptions.csv").toString()));
    }
    args.addAll(List.of(more));
    return args;
  }

  private static TimeRange allTime() {
    return new TimeRange(Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)));
  }

  @Test
  void upOnceRunsTheBundledWatchlistOnTheSampleDataAndASecondRunResumes(@TempDir Path dir) throws IOException {
    for (String file : List.of("watchlist.csv", "global.csv", "anomalies.csv", "exceptions.csv")) {
      Files.copy(REPOSITORY.resolve("config").resolve(file), dir.resolve(file));
    }

    VigilRun first = VigilRun.of(upArgs(dir).toArray(String[]::new));

    assertEquals(0, first.exitCode(), first.out() + first.err());
    for (String source : SampleData.SOURCES) {
      assertTrue(first.out().contains("Created sample table " + source), first.out());
      assertTrue(first.out().lines().anyMatch(line -> line.startsWith(source) && line.contains("SKIPPED")),
          "the 21 days of sample history reach past the 14-day catch-up bound: " + first.out());
      assertTrue(first.out().lines().anyMatch(line -> line.startsWith(source) && line.contains("kql-avg")
          && line.contains("forecast [")), "forecasts follow the series: " + first.out());
    }
    assertTrue(first.out().contains("Top 10 of "), first.out());
    assertTrue(first.out().contains("Created sample table SampleNetworkFlows"), first.out());
    assertTrue(first.out().lines().anyMatch(line -> line.startsWith("Flows SampleNetworkFlows: ")
        && line.contains(" 0 rejected;") && line.contains("scored with flow-seq-v1 on cpu")), first.out());
    assertTrue(first.out().contains("Labels: ") && first.out().contains("precision 1.000"),
        "no benign sample sequence is detected: " + first.out());
    assertInjectedAnomaliesFound(dir);
    Map<String, List<SeriesBin>> afterFirst = new java.util.HashMap<>();
    Map<String, Instant> watermarks = new java.util.HashMap<>();
    try (DuckDbBackend database = DuckDbBackend.open(dir.resolve("vigil.duckdb"))) {
      for (String source : SampleData.SOURCES) {
        afterFirst.put(source, database.readSeriesBins(source, allTime()));
        watermarks.put(source, database.seriesWatermark(source).orElseThrow());
        assertFalse(afterFirst.get(source).isEmpty(), source);
      }
    }

    VigilRun second = VigilRun.of(upArgs(dir).toArray(String[]::new));

    assertEquals(0, second.exitCode(), second.out() + second.err());
    assertFalse(second.out().contains("Created sample table"), "sample tables are only filled when empty");
    try (DuckDbBackend database = DuckDbBackend.open(dir.resolve("vigil.duckdb"))) {
      for (String source : SampleData.SOURCES) {
        Instant watermark = watermarks.get(source);
        assertEquals(afterFirst.get(source),
            database.readSeriesBins(source, new TimeRange(Instant.EPOCH, watermark)),
            source + ": the second run left the first run's bins alone");
        assertTrue(database.seriesWatermark(source).orElseThrow().compareTo(watermark) >= 0);
      }
    }
    assertFalse(second.out().contains("SKIPPED ["), "the second run resumed from the watermark: " + second.out());
  }

  /**
   * The sample data's injected scenarios, as the first pass must find them: the password spraying as a first-seen
   * IP of its target, the bulk copy and the port scan as forecast deviations of their keys, and the help desk's
   * account excepted by the bundled exceptions.
   */
  private static void assertInjectedAnomaliesFound(Path dir) {
    try (DuckDbBackend database = DuckDbBackend.open(dir.resolve("vigil.duckdb"))) {
      List<Anomaly> signins = database.readAnomalies(SampleData.SIGNINS, allTime());
      assertTrue(signins.stream().anyMatch(a -> a.kind() == AnomalyKind.FIRST_SEEN_USER_IP
          && a.srcIpAddr().equals("203.0.113.66") && a.actual() >= 300), "the spraying's new IP");
      assertTrue(signins.stream().anyMatch(a -> a.kind() == AnomalyKind.FIRST_SEEN_USER_IP
          && a.user().startsWith("contractor01")), "the new contractor account");
      assertTrue(signins.stream().filter(a -> a.user().startsWith("user01@")).allMatch(Anomaly::excepted));
      List<Anomaly> files = database.readAnomalies(SampleData.FILES, allTime());
      assertTrue(files.stream().anyMatch(a -> a.kind() == AnomalyKind.FORECAST_DEVIATION
          && a.activity().equals("FileCopy") && a.metric().equals("Sum") && a.score() > 6
          && a.alertName().equals("Unusual file copying")), "the bulk copy");
      List<Anomaly> firewall = database.readAnomalies(SampleData.FIREWALL, allTime());
      assertTrue(firewall.stream().anyMatch(a -> a.kind() == AnomalyKind.FORECAST_DEVIATION
          && a.activity().equals("Deny") && a.actual() >= 300),
          "the port scan: 1,500 denials over three 10-minute bins");
      assertFalse(database.readIncidents(SampleData.FILES, allTime()).isEmpty(), "the bulk copy's two hours");
    }
  }

  @Test
  void badWatchlistRowsAreReportedByRowColumnAndValueWhileGoodRowsStillRun(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("watchlist.csv"), String.join("\n",
        "Source,HostnameField,UserField,ActivityField,SrcIpAddrField,SizeField,TimeSeriesBinSize,Colour",
        "SampleSigninLogs,DeviceName,UserPrincipalName,AppDisplayName,IPAddress,SessionDurationSeconds,60,red",
        "SampleFileEvents,NoSuchColumn,AccountName,ActionType,SourceIp,FileSize,30,blue",
        "Other1,,,,,,abc,",
        "Other2,,,,,,0,",
        ",Computer,,,,,60,",
        "\"Sample\"\"Logs\",,,,,,60,",
        "Sample;Logs,,,,,,60,",
        "Sample Logs,,,,,,60,",
        "Sample--Logs,,,,,,60,",
        "Other3,Computer/*x*/,,,,,60,") + "\n");
    Files.copy(REPOSITORY.resolve("config/global.csv"), dir.resolve("global.csv"));

    VigilRun run = VigilRun.of(upArgs(dir).toArray(String[]::new));

    assertEquals(1, run.exitCode(), run.out() + run.err());
    String err = run.err();
    for (String expected : List.of(
        "watchlist.csv header (line 1), column Colour: unknown column, ignored",
        "watchlist.csv row 3 (line 4), column TimeSeriesBinSize, value 'abc': not a number; expected a whole number "
            + "of minutes from 1 to 10080",
        "watchlist.csv row 4 (line 5), column TimeSeriesBinSize, value '0': out of range",
        "watchlist.csv row 5 (line 6), column Source, value '': required",
        "watchlist.csv row 6 (line 7), column Source, value 'Sample\"Logs': is not a name of letters, digits and "
            + "underscores",
        "watchlist.csv row 7 (line 8), column Source, value 'Sample;Logs': is not a name",
        "watchlist.csv row 8 (line 9), column Source, value 'Sample Logs': is not a name",
        "watchlist.csv row 9 (line 10), column Source, value 'Sample--Logs': is not a name",
        "watchlist.csv row 10 (line 11), column HostnameField, value 'Computer/*x*/': is not a name")) {
      assertTrue(err.contains(expected), "missing «" + expected + "» in:\n" + err);
    }
    String out = run.out();
    assertTrue(out.lines().anyMatch(line -> line.startsWith("SampleSigninLogs") && !line.contains("FAILED")), out);
    assertTrue(out.lines().anyMatch(line -> line.startsWith("SampleFileEvents") && line.contains(
        "FAILED: watchlist row 2, column HostnameField, value 'NoSuchColumn': source SampleFileEvents has no such "
            + "column")), out);
    try (DuckDbBackend database = DuckDbBackend.open(dir.resolve("vigil.duckdb"))) {
      assertFalse(database.readSeriesBins("SampleSigninLogs", allTime()).isEmpty(), "the good row produced bins");
      assertTrue(database.readSeriesBins("SampleFileEvents", allTime()).isEmpty());
    }
  }

  @Test
  void validateChecksValuesAndSourcesWithoutRunningAnything(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("watchlist.csv"), "Source,HostnameField\nSampleFirewallLogs,Nope\nBad Name,\n");
    Files.copy(REPOSITORY.resolve("config/global.csv"), dir.resolve("global.csv"));
    try (DuckDbBackend database = DuckDbBackend.open(dir.resolve("vigil.duckdb"))) {
      new SampleData(1, Instant.now(), Duration.ofDays(1)).ensure(database, List.of("SampleFirewallLogs"));
    }

    VigilRun run = VigilRun.of("validate", "--db", dir.resolve("vigil.duckdb").toString(),
        "--watchlist", dir.resolve("watchlist.csv").toString(), "--global", dir.resolve("global.csv").toString());

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("watchlist.csv row 2 (line 3), column Source, value 'Bad Name'"), run.err());
    assertTrue(run.err().contains("watchlist row 1, column HostnameField, value 'Nope': source SampleFirewallLogs "
        + "has no such column"), run.err());
    assertTrue(run.out().contains("1 valid row(s), 2 problem(s)."), run.out());
  }

  @Test
  void aMissingWatchlistOrATakenPortIsNamedWithoutAStackTrace(@TempDir Path dir) throws IOException {
    Files.copy(REPOSITORY.resolve("config/global.csv"), dir.resolve("global.csv"));
    VigilRun missing = VigilRun.of(upArgs(dir).toArray(String[]::new));
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().startsWith("vigil up: cannot read watchlist " + dir.resolve("watchlist.csv")),
        missing.err());
    assertFalse(missing.err().contains("\tat "), "no stack trace: " + missing.err());

    Files.copy(REPOSITORY.resolve("config/watchlist.csv"), dir.resolve("watchlist.csv"));
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      List<String> args = upArgs(dir);
      args.set(args.indexOf("--temporal-port") + 1, String.valueOf(taken.getLocalPort()));
      VigilRun busy = VigilRun.of(args.toArray(String[]::new));
      assertEquals(2, busy.exitCode());
      assertTrue(busy.err().contains("port " + taken.getLocalPort() + " is in use; pick another with "
          + "--temporal-port (0 picks a free one)"), busy.err());
    }
  }

  @Test
  void everyCommandExplainsItselfWithHelp() {
    for (List<String> command : List.of(List.<String>of(), List.of("up"), List.of("worker"), List.of("validate"),
        List.of("bench"), List.of("bench", "series"), List.of("bench", "scale"), List.of("eval"), List.of("eval", "m4"),
        List.of("eval", "nab"), List.of("schedule"), List.of("schedule", "apply"), List.of("run", "series"),
        List.of("backfill"), List.of("status"))) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      VigilRun run = VigilRun.of(args.toArray(String[]::new));
      assertEquals(0, run.exitCode(), String.join(" ", args));
      assertTrue(run.out().startsWith("Usage: vigil" + (command.isEmpty() ? "" : " " + String.join(" ", command))),
          run.out());
    }
    VigilRun unknown = VigilRun.of("frobnicate");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("Unmatched argument"), unknown.err());
  }
}
