package io.vigil.model.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.BinGrid;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationPlanTest {

  /** A run's clock, deliberately not on a bin boundary. */
  private static final Instant NOW = Instant.parse("2024-05-01T10:17:42Z");
  private static final Duration ONE_DAY = Duration.ofDays(1);

  /** Ten-minute bins, a thirty-minute delay and a one-day catch-up bound. */
  private static final SourceConfig CONFIG = config(10, 30, ONE_DAY);

  /** floor(10:17:42 - 30 min) = floor(09:47:42) on ten-minute bins. */
  private static final Instant END = Instant.parse("2024-05-01T09:40:00Z");
  /** ceil(10:17:42 - 1 day) on ten-minute bins. */
  private static final Instant BOUND = Instant.parse("2024-04-30T10:20:00Z");

  private static SourceConfig config(long binMinutes, long delayMinutes, Duration maxGenerationPeriod) {
    return new SourceConfig(1, "SigninLogs", "Computer", "UserPrincipalName", "OperationName", "IPAddress",
        "", "TimeGenerated", Duration.ofMinutes(binMinutes), Duration.ofMinutes(delayMinutes),
        maxGenerationPeriod, Duration.ofDays(3), Duration.ofDays(28), 24, null);
  }

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static TimeRange range(String start, String end) {
    return new TimeRange(at(start), at(end));
  }

  @Test
  void theEndIsTheLastBinBoundaryAtOrBeforeNowMinusTheDelay() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, at("2024-05-01T09:00:00Z"), null, ONE_DAY);
    assertEquals(END, plan.generate().end());
    // No generated bin ends after now - delay, and the bin after the end would.
    Instant cutoff = NOW.minus(CONFIG.generationDelay());
    assertFalse(plan.generate().end().isAfter(cutoff));
    assertTrue(plan.generate().end().plus(CONFIG.binSize()).isAfter(cutoff));
  }

  @Test
  void aBinThatEndsExactlyAtNowMinusTheDelayIsGenerated() {
    SourceConfig noDelay = config(10, 0, ONE_DAY);
    Instant now = at("2024-05-01T10:20:00Z");
    GenerationPlan plan = GenerationPlan.of(noDelay, now, at("2024-05-01T10:00:00Z"), null, ONE_DAY);
    assertEquals(range("2024-05-01T10:00:00Z", "2024-05-01T10:20:00Z"), plan.generate());
    GenerationPlan justBefore =
        GenerationPlan.of(noDelay, now.minusNanos(1), at("2024-05-01T10:00:00Z"), null, ONE_DAY);
    assertEquals(range("2024-05-01T10:00:00Z", "2024-05-01T10:10:00Z"), justBefore.generate());
  }

  @Test
  void resumesAtTheWatermark() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, at("2024-05-01T09:00:00Z"), null, ONE_DAY);
    assertEquals(range("2024-05-01T09:00:00Z", "2024-05-01T09:40:00Z"), plan.generate());
    assertNull(plan.skipped());
    assertFalse(plan.upToDate());
    assertEquals(List.of(plan.generate()), plan.chunks());
  }

  @Test
  void aWatermarkTakesPrecedenceOverTheEarliestEvent() {
    GenerationPlan plan = GenerationPlan.of(
        CONFIG, NOW, at("2024-05-01T09:00:00Z"), at("2024-01-01T00:00:00Z"), ONE_DAY);
    assertEquals(range("2024-05-01T09:00:00Z", "2024-05-01T09:40:00Z"), plan.generate());
    assertNull(plan.skipped());
  }

  @Test
  void aWatermarkOffTheBinGridIsRoundedUp() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, at("2024-05-01T09:03:20Z"), null, ONE_DAY);
    assertEquals(range("2024-05-01T09:10:00Z", "2024-05-01T09:40:00Z"), plan.generate());
    GenerationPlan nanosPast = GenerationPlan.of(CONFIG, NOW, at("2024-05-01T09:00:00.000000001Z"), null, ONE_DAY);
    assertEquals(at("2024-05-01T09:10:00Z"), nanosPast.generate().start());
  }

  @Test
  void withoutAWatermarkStartsAtTheBinOfTheEarliestEvent() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, null, at("2024-05-01T08:03:10Z"), ONE_DAY);
    assertEquals(range("2024-05-01T08:00:00Z", "2024-05-01T09:40:00Z"), plan.generate());
    assertNull(plan.skipped());
  }

  @Test
  void anEmptySourceWithoutAWatermarkStartsAtTheCatchUpBoundAndSkipsNothing() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, null, null, ONE_DAY);
    assertEquals(new TimeRange(BOUND, END), plan.generate());
    assertNull(plan.skipped());
  }

  @Test
  void nothingOlderThanTheCatchUpBoundIsGeneratedAndTheSkipIsReportedExactly() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, at("2024-04-20T00:00:00Z"), null, ONE_DAY);
    assertEquals(new TimeRange(BOUND, END), plan.generate());
    assertEquals(new TimeRange(at("2024-04-20T00:00:00Z"), BOUND), plan.skipped());
  }

  @Test
  void anOldEarliestEventIsSkippedFromTheStartOfItsBin() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, null, at("2024-03-15T12:34:56Z"), ONE_DAY);
    assertEquals(new TimeRange(BOUND, END), plan.generate());
    assertEquals(new TimeRange(at("2024-03-15T12:30:00Z"), BOUND), plan.skipped());
  }

  @Test
  void anUnalignedOldWatermarkIsSkippedFromTheNextBinBoundary() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, at("2024-04-29T23:55:01Z"), null, ONE_DAY);
    assertEquals(new TimeRange(at("2024-04-30T00:00:00Z"), BOUND), plan.skipped());
  }

  @Test
  void aWatermarkOneBinBeforeTheBoundSkipsExactlyThatBin() {
    Instant watermark = BOUND.minus(CONFIG.binSize());
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, watermark, null, ONE_DAY);
    assertEquals(new TimeRange(watermark, BOUND), plan.skipped());
    assertEquals(BOUND, plan.generate().start());
  }

  @Test
  void aWatermarkAtTheBoundSkipsNothing() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, BOUND, null, ONE_DAY);
    assertNull(plan.skipped());
    assertEquals(new TimeRange(BOUND, END), plan.generate());
  }

  @Test
  void anUnalignedNowMinusTheMaxPeriodRoundsTheBoundUpToTheNextBin() {
    // now - 1 day = 2024-04-30T10:17:42Z; the oldest bin a run may produce starts at 10:20, not 10:10.
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, null, null, ONE_DAY);
    assertEquals(at("2024-04-30T10:20:00Z"), plan.generate().start());
    assertFalse(plan.generate().start().isBefore(NOW.minus(CONFIG.maxGenerationPeriod())));
  }

  @Test
  void aWatermarkAtTheEndIsUpToDate() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, END, null, ONE_DAY);
    assertTrue(plan.upToDate());
    assertTrue(plan.generate().isEmpty());
    assertEquals(END, plan.generate().start());
    assertEquals(List.of(), plan.chunks());
    assertNull(plan.skipped());
  }

  @Test
  void aWatermarkInsideTheLastBinCountsThatBinAsDone() {
    // ceil(09:39:59) is 09:40, the end, so nothing is left to generate.
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, END.minusSeconds(1), null, ONE_DAY);
    assertTrue(plan.upToDate());
    assertEquals(List.of(), plan.chunks());
  }

  @Test
  void aWatermarkOneBinBeforeTheEndGeneratesExactlyOneBin() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, END.minus(CONFIG.binSize()), null, ONE_DAY);
    assertEquals(new TimeRange(END.minus(CONFIG.binSize()), END), plan.generate());
    assertEquals(List.of(plan.generate()), plan.chunks());
  }

  @Test
  void aWatermarkAheadOfTheEndIsUpToDateAndGeneratesNothing() {
    // A raised delay, or a clock that went back, can leave the watermark past this run's end.
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, at("2024-05-01T10:10:00Z"), null, ONE_DAY);
    assertTrue(plan.upToDate());
    assertEquals(List.of(), plan.chunks());
    assertNull(plan.skipped());
    assertFalse(plan.generate().end().isAfter(NOW.minus(CONFIG.generationDelay())));
  }

  @Test
  void eventsOnlyInsideTheDelayWindowMeanNothingToGenerateYet() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, null, at("2024-05-01T10:00:00Z"), ONE_DAY);
    assertTrue(plan.upToDate());
    assertEquals(List.of(), plan.chunks());
    assertNull(plan.skipped());
  }

  @Test
  void skippedHistoryNeverReachesPastTheEnd() {
    // A catch-up bound shorter than the delay (the loader refuses it, the plan must still be sane).
    SourceConfig odd = config(10, 60, Duration.ofMinutes(30));
    GenerationPlan plan = GenerationPlan.of(odd, NOW, at("2024-05-01T08:00:00Z"), null, ONE_DAY);
    assertTrue(plan.upToDate());
    assertEquals(List.of(), plan.chunks());
    assertEquals(range("2024-05-01T08:00:00Z", "2024-05-01T09:10:00Z"), plan.skipped());
  }

  @Test
  void chunksAreWholeBinsOfAtMostTheRoundedUpChunkLength() {
    // 25 minutes round up to three ten-minute bins.
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, at("2024-05-01T08:00:00Z"), null, Duration.ofMinutes(25));
    assertEquals(List.of(
        range("2024-05-01T08:00:00Z", "2024-05-01T08:30:00Z"),
        range("2024-05-01T08:30:00Z", "2024-05-01T09:00:00Z"),
        range("2024-05-01T09:00:00Z", "2024-05-01T09:30:00Z"),
        range("2024-05-01T09:30:00Z", "2024-05-01T09:40:00Z")), plan.chunks());
  }

  @Test
  void aChunkLengthShorterThanABinGivesOneBinPerChunk() {
    GenerationPlan plan = GenerationPlan.of(CONFIG, NOW, at("2024-05-01T09:00:00Z"), null, Duration.ofSeconds(1));
    assertEquals(4, plan.chunks().size());
    plan.chunks().forEach(c -> assertEquals(CONFIG.binSize(), c.length()));
  }

  @Test
  void catchUpChunksAreContiguousAlignedAndCoverTheRange() {
    SourceConfig sevenMinutes = config(7, 15, Duration.ofDays(14));
    Duration chunkLength = Duration.ofHours(6);
    GenerationPlan plan = GenerationPlan.of(sevenMinutes, NOW, null, null, chunkLength);
    assertChunksTile(plan, sevenMinutes.grid(), chunkLength);
    assertTrue(plan.chunks().size() > 50);
  }

  @Test
  void theSamePlanComesOutOfTheSameInputs() {
    GenerationPlan a = GenerationPlan.of(CONFIG, NOW, at("2024-04-20T00:00:00Z"), null, Duration.ofHours(6));
    GenerationPlan b = GenerationPlan.of(CONFIG, NOW, at("2024-04-20T00:00:00Z"), null, Duration.ofHours(6));
    assertEquals(a, b);
  }

  @Test
  void consecutiveRunsResumingFromTheirOwnEndsNeitherOverlapNorLeaveGaps() {
    SourceConfig sevenMinutes = config(7, 13, Duration.ofDays(2));
    Instant watermark = null;
    Instant now = NOW;
    Instant firstStart = null;
    for (int run = 0; run < 500; run++, now = now.plusSeconds(97)) {
      GenerationPlan plan = GenerationPlan.of(sevenMinutes, now, watermark, null, Duration.ofHours(1));
      assertNull(plan.skipped(), "runs every 97 s never fall behind the two-day bound");
      if (!plan.upToDate()) {
        if (watermark != null) {
          assertEquals(watermark, plan.generate().start());
        } else {
          firstStart = plan.generate().start();
        }
        watermark = plan.generate().end();
      }
    }
    assertNotNull(firstStart);
    assertEquals(sevenMinutes.grid().floor(now.minusSeconds(97).minus(sevenMinutes.generationDelay())), watermark);
  }

  @Test
  void planInvariantsHoldAcrossClocksWatermarksAndOddBinSizes() {
    SourceConfig config = config(7, 13, Duration.ofHours(5));
    BinGrid grid = config.grid();
    Duration chunkLength = Duration.ofMinutes(50);
    Instant[] watermarks = {
        null, at("2024-04-01T00:00:00Z"), at("2024-05-01T03:00:00Z"), at("2024-05-01T05:10:11Z"),
        at("2024-05-01T07:00:00Z"), at("2024-05-01T09:59:59Z"), at("2024-05-01T12:00:00Z")};
    Instant[] earliestEvents = {null, at("2024-03-01T00:00:01Z"), at("2024-05-01T06:31:00Z")};
    for (int minute = 0; minute < 180; minute += 1) {
      Instant now = at("2024-05-01T09:00:00Z").plusSeconds(minute * 61L);
      Instant end = grid.floor(now.minus(config.generationDelay()));
      Instant bound = grid.ceil(now.minus(config.maxGenerationPeriod()));
      for (Instant watermark : watermarks) {
        for (Instant earliest : earliestEvents) {
          GenerationPlan plan = GenerationPlan.of(config, now, watermark, earliest, chunkLength);
          String where = "now=" + now + " watermark=" + watermark + " earliest=" + earliest + " plan=" + plan;
          Instant wanted = watermark != null ? grid.ceil(watermark)
              : earliest != null ? grid.floor(earliest) : bound;
          if (wanted.isBefore(end)) {
            assertEquals(end, plan.generate().end(), where);
            assertEquals(wanted.isBefore(bound) ? bound : wanted, plan.generate().start(), where);
          } else {
            assertTrue(plan.upToDate(), where);
          }
          assertFalse(plan.generate().end().isAfter(now.minus(config.generationDelay())), where);
          if (!plan.upToDate()) {
            assertFalse(plan.generate().start().isBefore(now.minus(config.maxGenerationPeriod())), where);
            assertTrue(grid.isAligned(plan.generate().start()), where);
          }
          if (wanted.isBefore(bound) && wanted.isBefore(end)) {
            assertEquals(new TimeRange(wanted, bound.isBefore(end) ? bound : end), plan.skipped(), where);
          } else {
            assertNull(plan.skipped(), where);
          }
          assertChunksTile(plan, grid, chunkLength);
        }
      }
    }
  }

  private static void assertChunksTile(GenerationPlan plan, BinGrid grid, Duration chunkLength) {
    if (plan.upToDate()) {
      assertEquals(List.of(), plan.chunks());
      return;
    }
    List<TimeRange> chunks = plan.chunks();
    assertEquals(plan.generate().start(), chunks.get(0).start());
    assertEquals(plan.generate().end(), chunks.get(chunks.size() - 1).end());
    Duration longest = grid.wholeBins(chunkLength);
    for (int i = 0; i < chunks.size(); i++) {
      TimeRange chunk = chunks.get(i);
      assertFalse(chunk.isEmpty(), "chunk " + i);
      assertTrue(grid.isAligned(chunk.start()), "chunk " + i + " start " + chunk.start());
      assertTrue(grid.isAligned(chunk.end()), "chunk " + i + " end " + chunk.end());
      assertTrue(chunk.length().compareTo(longest) <= 0, "chunk " + i + " length " + chunk.length());
      if (i > 0) {
        assertEquals(chunks.get(i - 1).end(), chunk.start(), "gap or overlap before chunk " + i);
      }
      if (i < chunks.size() - 1) {
        assertEquals(longest, chunk.length(), "only the last chunk may be shorter");
      }
    }
  }

  @Test
  void aRangeRunWidensToWholeBinsReachesPastTheCatchUpBoundAndStopsAtNowMinusTheDelay() {
    // Ten days back is far past the one-day bound; the end lies after now minus the delay.
    GenerationPlan plan = GenerationPlan.ofRange(CONFIG, NOW, at("2024-05-01T00:00:00Z"),
        new TimeRange(at("2024-04-21T03:05:00Z"), at("2024-05-02T00:00:00Z")), ONE_DAY);
    assertEquals(new TimeRange(at("2024-04-21T03:00:00Z"), END), plan.generate());
    assertNull(plan.skipped(), "a backfill skips nothing");
    assertEquals(plan.generate().start(), plan.chunks().get(0).start());
    assertEquals(END, plan.chunks().get(plan.chunks().size() - 1).end());
  }

  @Test
  void aRangeAfterTheWatermarkIsExtendedBackToItSoTheWatermarkNeverJumpsAGap() {
    Instant watermark = at("2024-04-30T20:00:00Z");
    GenerationPlan plan = GenerationPlan.ofRange(CONFIG, NOW, watermark,
        new TimeRange(at("2024-05-01T02:00:00Z"), at("2024-05-01T04:00:00Z")), ONE_DAY);
    assertEquals(new TimeRange(watermark, at("2024-05-01T04:00:00Z")), plan.generate());
  }

  @Test
  void aRangeEntirelyNewerThanNowMinusTheDelayIsEmpty() {
    GenerationPlan plan = GenerationPlan.ofRange(CONFIG, NOW, null,
        new TimeRange(at("2024-05-01T10:00:00Z"), at("2024-05-01T12:00:00Z")), ONE_DAY);
    assertTrue(plan.upToDate());
    assertTrue(plan.chunks().isEmpty());
  }
}
