package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite ({@link FaultSuite}) as a test: one trial of each fault in CI, and as many as
 * {@code -Dvigil.fault.trials} asks for from the README's command. It prints one line per trial, the totals, and a
 * final JSON line, and fails when any trial lost, duplicated or changed a row.
 */
class FaultSuiteTest {

  private static final int TRIALS = Integer.getInteger("vigil.fault.trials", FaultSuite.Fault.values().length);
  private static final long SEED = Long.getLong("vigil.fault.seed", System.nanoTime());

  @Test
  void everyTrialEndsWithEveryOutputTableEqualToItsGroundTruth(@TempDir Path temporary) throws Exception {
    // A folder of one's own keeps every trial's databases and worker logs for a look afterwards.
    Path dir = System.getProperty("vigil.fault.dir") == null ? temporary
        : Files.createDirectories(Path.of(System.getProperty("vigil.fault.dir")));
    System.out.printf(Locale.ROOT, "Fault suite: %d trials, seed %d (-Dvigil.fault.seed=%d repeats them)%n", TRIALS,
        SEED, SEED);
    List<FaultSuite.Trial> trials = new ArrayList<>();
    try (FaultSuite suite = FaultSuite.prepare(dir, SEED)) {
      System.out.println(suite.references());
      for (int number = 1; number <= TRIALS; number++) {
        FaultSuite.Trial trial = suite.trial(number);
        trials.add(trial);
        System.out.printf(Locale.ROOT, "trial %2d  %-34s %-36s mid-run %-3s rows %,8d lost %d duplicated %d wrong %d"
                + "  fault to end %5.1f s, delay %5.1f s%n", number, trial.fault().description, trial.detail(),
            trial.struckMidRun() ? "yes" : "no", trial.expected(), trial.lost(), trial.duplicated(), trial.wrong(),
            seconds(trial.afterFault()), seconds(trial.delay()));
        System.out.flush();
      }
    }
    long lost = trials.stream().mapToLong(FaultSuite.Trial::lost).sum();
    long duplicated = trials.stream().mapToLong(FaultSuite.Trial::duplicated).sum();
    long wrong = trials.stream().mapToLong(FaultSuite.Trial::wrong).sum();
    long struck = trials.stream().filter(FaultSuite.Trial::struckMidRun).count();
    Map<FaultSuite.Fault, List<Duration>> delays = new TreeMap<>(trials.stream().filter(
        FaultSuite.Trial::struckMidRun).collect(Collectors.groupingBy(FaultSuite.Trial::fault,
        Collectors.mapping(FaultSuite.Trial::delay, Collectors.toList()))));
    StringBuilder json = new StringBuilder();
    delays.forEach((fault, times) -> {
      times.sort(Comparator.naturalOrder());
      System.out.printf(Locale.ROOT, "recovery time (the delay the fault cost), %s: median %.1f s, max %.1f s "
          + "over %d trials%n",
          fault.description, seconds(times.get(times.size() / 2)), seconds(times.get(times.size() - 1)),
          times.size());
      json.append(String.format(Locale.ROOT, ",\"%s_recovery_median_s\":%.1f,\"%s_recovery_max_s\":%.1f",
          fault.name().toLowerCase(Locale.ROOT), seconds(times.get(times.size() / 2)),
          fault.name().toLowerCase(Locale.ROOT), seconds(times.get(times.size() - 1))));
    });
    System.out.printf(Locale.ROOT, "Trials run %d (fault struck mid-run in %d); rows lost %d, rows duplicated %d, "
        + "rows wrong %d%n", trials.size(), struck, lost, duplicated, wrong);
    System.out.printf(Locale.ROOT, "{\"benchmark\":\"faults\",\"trials\":%d,\"struck_mid_run\":%d,\"rows_lost\":%d,"
        + "\"rows_duplicated\":%d,\"rows_wrong\":%d,\"seed\":%d%s}%n", trials.size(), struck, lost, duplicated, wrong,
        SEED, json);

    assertEquals(0, lost, "rows lost");
    assertEquals(0, duplicated, "rows duplicated");
    assertEquals(0, wrong, "rows wrong");
    // A fault aimed at a random moment can miss a job that ends early; most must strike, or the suite tests little.
    assertTrue(struck * 2 >= trials.size(), struck + " of " + trials.size() + " faults struck mid-run");
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
