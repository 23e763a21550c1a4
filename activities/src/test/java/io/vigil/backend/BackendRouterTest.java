package io.vigil.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.model.TimeRange;
import io.vigil.model.forecast.Prediction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BackendRouterTest {

  private static final Instant RUN = Instant.parse("2026-01-05T12:00:00Z");
  private static final TimeRange DAY =
      new TimeRange(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"));

  @Test
  void eachSourceIsReadAndWrittenOnItsOwnBackendAndOnlyTheRoutedOnesAreClosed() {
    try (DuckDbBackend embedded = DuckDbBackend.inMemory()) {
      DuckDbBackend cloud = DuckDbBackend.inMemory();
      BackendRouter router = new BackendRouter(Map.of("CloudLogs", cloud), embedded);
      router.replacePredictions("CloudLogs", List.of(RUN), List.of(prediction("CloudLogs")));
      router.replacePredictions("LocalLogs", List.of(RUN), List.of(prediction("LocalLogs")));

      assertEquals(List.of(prediction("CloudLogs")), cloud.readPredictions("CloudLogs", RUN));
      assertEquals(List.of(), embedded.readPredictions("CloudLogs", RUN));
      assertEquals(List.of(prediction("LocalLogs")), embedded.readPredictions("LocalLogs", RUN));
      assertEquals(List.of(prediction("LocalLogs")), router.readLatestPredictions("LocalLogs", DAY));
      assertEquals("duckdb", router.name());
      assertEquals(OptionalInt.of(2 * Runtime.getRuntime().availableProcessors()), router.maxConcurrentCalls(),
          "a worker runs no more activities than its embedded backend's cores serve");

      router.close();
      assertTrue(embedded.lastPredictionRun("LocalLogs").isPresent(), "the fallback stays open for its owner");
    }
  }

  private static Prediction prediction(String source) {
    return new Prediction(source, "ws1", "alice", "", "", Instant.parse("2026-01-05T14:00:00Z"), "Count", 3, 2, 4,
        "kql-avg", RUN);
  }
}
