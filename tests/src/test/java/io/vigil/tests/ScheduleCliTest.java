package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.activities.VigilMetrics;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.cli.VigilRun;
import io.vigil.flows.FlowStore;
import io.vigil.inference.Model;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.SeriesBin;
import io.vigil.model.TimeRange;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.Threshold;
import io.vigil.model.schedule.Job;
import io.vigil.sample.SampleData;
import io.vigil.sample.SampleFlows;
import io.vigil.schedule.RunHistory;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import io.vigil.worker.Passes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `vigil schedule`, `run`, `backfill` and `status` against the embedded stack, as they would run beside `vigil up`:
 * an embedded Temporal server with a CPU worker over a DuckDB file, and each command connecting to it with
 * --address, like to any cluster.
 */
class ScheduleCliTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("vigil.repo.dir", ".."));

  @Test
  void everyCommandRunsAgainstTheEmbeddedStack(@TempDir Path dir) throws Exception {
    Path watchlist = Files.writeString(dir.resolve("watchlist.csv"), Files.readAllLines(
        REPOSITORY.resolve("config/watchlist.csv")).subList(0, 2).stream().reduce("", (a, b) -> a + b + "\n"));
    Path global = Files.copy(REPOSITORY.resolve("config/global.csv"), dir.resolve("global.csv"));
    Instant now = Instant.now();
    try (DuckDbBackend database = DuckDbBackend.open(dir.resolve("vigil.duckdb"));
        OnnxScorer scorer = OnnxScorer.load(Model.bundled(), false);
        EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        CpuWorker worker = CpuWorker.startWithDetection(temporal.client(), database, database,
            EmbeddedTemporal.workerFactoryOptions(), scorer, VigilMetrics.none())) {
      new SampleData(5, now, Duration.ofDays(3)).ensure(database, List.of(SampleData.SIGNINS));
      new SampleFlows(5, now, Duration.ofHours(2)).ensure(database);
      List<String> connect = List.of("--address", temporal.target());
      List<String> rows = List.of("--watchlist", watchlist.toString(), "--global", global.toString());

      VigilRun apply = vigil(connect, rows, "schedule", "apply", "--flows", SampleFlows.TABLE);
      assertEquals(0, apply.exitCode(), apply.out() + apply.err());
      assertTrue(apply.err().contains("falling back to cron workflows"), apply.err());
      assertTrue(apply.out().contains("4 created, 0 updated, 0 unchanged, 0 deleted"), apply.out());
      VigilRun again = vigil(connect, rows, "schedule", "apply", "--flows", SampleFlows.TABLE);
      assertTrue(again.out().contains("0 created, 0 updated, 4 unchanged, 0 deleted"), again.out());

      VigilRun list = vigil(connect, List.of(), "schedule", "list");
      assertEquals(0, list.exitCode(), list.err());
      assertTrue(line(list.out(), "series/SampleSigninLogs").contains("cron */5 * * * *"), list.out());
      assertTrue(line(list.out(), "forecast/SampleSigninLogs").contains("cron 0 * * * *"), list.out());
      assertTrue(line(list.out(), "detect/SampleNetworkFlows").contains("active"), list.out());

      assertEquals(0, vigil(connect, List.of(), "schedule", "pause", "series/SampleSigninLogs", "--note",
          "maintenance").exitCode());
      String paused = line(vigil(connect, List.of(), "schedule", "list").out(), "series/SampleSigninLogs");
      assertTrue(paused.contains("paused") && paused.contains("maintenance"), paused);
      VigilRun unpause = vigil(connect, List.of(), "schedule", "unpause", "series/SampleSigninLogs");
      assertEquals("Unpaused series/SampleSigninLogs", unpause.out().strip(), unpause.err());
      assertTrue(line(vigil(connect, List.of(), "schedule", "list").out(), "series/SampleSigninLogs")
          .contains("active"));

      VigilRun runSeries = vigil(connect, rows, "run", "series", "--source", SampleData.SIGNINS);
      assertEquals(0, runSeries.exitCode(), runSeries.out() + runSeries.err());
      assertTrue(line(runSeries.out(), SampleData.SIGNINS).contains("generated ["), runSeries.out());
      Instant watermark = database.seriesWatermark(SampleData.SIGNINS).orElseThrow();

      // A past day again, in 6-hour chunks: the same bins, the watermark untouched, progress shown as it went.
      LocalDate day = LocalDate.ofInstant(now.minus(Duration.ofDays(2)), ZoneOffset.UTC);
      Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      TimeRange dayRange = new TimeRange(dayStart, dayStart.plus(Duration.ofDays(1)));
      List<SeriesBin> before = database.readSeriesBins(SampleData.SIGNINS, dayRange);
      VigilRun backfill = vigil(connect, rows, "backfill", "--source", SampleData.SIGNINS, "--from", day.toString(),
          "--to", day.plusDays(1).toString(), "--chunk-hours", "6");
      assertEquals(0, backfill.exitCode(), backfill.out() + backfill.err());
      assertTrue(backfill.out().contains("] 4/4 chunks, watermark "), "the full bar, from the progress query: "
          + backfill.out());
      assertEquals(before, database.readSeriesBins(SampleData.SIGNINS, dayRange), "the backfill rewrote the same bins");
      assertEquals(watermark, database.seriesWatermark(SampleData.SIGNINS).orElseThrow());

      VigilRun forecast = vigil(connect, rows, "run", "forecast", "--source", SampleData.SIGNINS);
      assertEquals(0, forecast.exitCode(), forecast.out() + forecast.err());
      assertTrue(line(forecast.out(), SampleData.SIGNINS).contains("kql-avg"), forecast.out());

      VigilRun trigger = vigil(connect, List.of(), "schedule", "trigger", "detect/" + SampleFlows.TABLE);
      assertEquals(0, trigger.exitCode(), trigger.err());
      RunHistory history = new RunHistory(temporal.client());
      assertTrue(await(() -> history.finishedRuns(Job.DETECT, SampleFlows.TABLE).stream().findFirst()).isPresent(),
          "the triggered detection ran");

      // An ad-hoc detection of the same flows, whose result has no watermark: status must tell the two apart.
      Passes.detection(temporal.client(), SampleFlows.TABLE, new DetectionInput(SampleFlows.TABLE, Threshold.DEFAULT,
          DetectionInput.DEFAULT_BATCH, false));
      VigilRun status = vigil(connect, rows, "status");
      assertEquals(0, status.exitCode(), status.out() + status.err());
      String series = status.out().lines().filter(l -> l.startsWith(SampleData.SIGNINS) && l.contains(" series "))
          .findFirst().orElseThrow(() -> new AssertionError(status.out()));
      assertTrue(series.contains(SummaryInstant.of(watermark)) && series.contains("completed"), series);
      assertTrue(!series.contains("not scheduled") && series.endsWith("-"), "scheduled, never failed: " + series);
      String detect = line(status.out(), SampleFlows.TABLE);
      assertTrue(detect.contains("detect") && detect.contains("completed"), detect);
      assertTrue(detect.contains(SummaryInstant.of(new FlowStore(database).scoredUntil(SampleFlows.TABLE)
          .orElseThrow())), "the scheduled detection's watermark: " + detect);

      Path emptied = Files.writeString(dir.resolve("empty.csv"), Files.readAllLines(watchlist).get(0) + "\n");
      VigilRun removed = vigil(connect, List.of("--watchlist", emptied.toString(), "--global", global.toString()),
          "schedule", "apply", "--flows", SampleFlows.TABLE);
      assertTrue(removed.out().contains("0 created, 0 updated, 1 unchanged, 3 deleted"), removed.out());
      assertTrue(removed.out().contains("deleted   series/SampleSigninLogs (no longer in the watchlist)"),
          removed.out());
      VigilRun delete = vigil(connect, List.of(), "schedule", "delete", "detect/" + SampleFlows.TABLE);
      assertEquals(0, delete.exitCode(), delete.err());
      assertFalse(vigil(connect, List.of(), "schedule", "list").out().contains("detect/"), "nothing left");
      VigilRun unknown = vigil(connect, List.of(), "schedule", "pause", "nonsense");
      assertEquals(2, unknown.exitCode());
      assertTrue(unknown.err().contains("'nonsense' is not a Vigil schedule id"), unknown.err());
    }
  }

  /** Instants as the summaries print them. */
  private static final class SummaryInstant {
    static String of(Instant instant) {
      return instant.truncatedTo(ChronoUnit.MINUTES).toString().replace("T", " ").replace(":00Z", "Z");
    }
  }

  private static VigilRun vigil(List<String> connect, List<String> rows, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(rows);
    args.addAll(connect);
    return VigilRun.of(args.toArray(String[]::new));
  }

  private static String line(String output, String id) {
    return output.lines().filter(l -> l.startsWith(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + id + " in:\n" + output));
  }

  private static <T> Optional<T> await(java.util.function.Supplier<Optional<T>> check) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Optional<T> found = check.get();
    while (found.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(250);
      found = check.get();
    }
    return found;
  }
}
