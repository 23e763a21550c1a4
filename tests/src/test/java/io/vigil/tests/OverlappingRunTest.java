package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.SourceConfig;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.worker.Passes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Runs of one source never overlap: a pass that finds the previous run still going skips the source and says so. */
class OverlappingRunTest {

  @Test
  void aPassSkipsASourceWhoseRunIsStillGoing() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    SourceConfig row = new SourceConfig(1, "Events", "Computer", "", "", "", "", "TimeGenerated",
        Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(2), Duration.ofDays(1), Duration.ofDays(7), 24, null);
    try (DuckDbBackend database = DuckDbBackend.inMemory();
        EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      EventTables.create(database, "Events");
      EventTables.append(database, "Events", now.minus(Duration.ofDays(1)), now, 1_000, 5);
      FaultyBackend slow = new FaultyBackend(database, Duration.ZERO);
      slow.hangOnceBeforeStep(1, Duration.ofSeconds(3));
      try (CpuWorker worker = CpuWorker.start(temporal.client(), slow, EmbeddedTemporal.workerFactoryOptions())) {
        CompletableFuture<List<Passes.Outcome<SeriesGenerationResult>>> first = CompletableFuture.supplyAsync(
            () -> Passes.series(temporal.client(), List.of(row), SeriesGenerationInput.Tuning.DEFAULT));
        Thread.sleep(1_000);

        Passes.Outcome<SeriesGenerationResult> second =
            Passes.series(temporal.client(), List.of(row), SeriesGenerationInput.Tuning.DEFAULT).get(0);

        assertNull(second.result());
        assertEquals("a run of this source is still in progress; this pass skips it", second.problem());
        Passes.Outcome<SeriesGenerationResult> firstOutcome = first.get().get(0);
        assertTrue(firstOutcome.succeeded(), firstOutcome.problem());
        assertTrue(firstOutcome.result().rowsWritten() > 0);
      }
    }
  }
}
