package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinGridTest {

  private static final BinGrid TEN_MINUTES = BinGrid.ofMinutes(10);
  private static final BinGrid SEVEN_MINUTES = BinGrid.ofMinutes(7);

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void ofMinutesBuildsTheGridOfThatSize() {
    assertEquals(Duration.ofMinutes(10), TEN_MINUTES.size());
    assertEquals(new BinGrid(Duration.ofMinutes(10)), TEN_MINUTES);
  }

  @Test
  void floorReturnsTheStartOfTheBinHoldingTheInstant() {
    assertEquals(at("2024-05-01T10:10:00Z"), TEN_MINUTES.floor(at("2024-05-01T10:10:00Z")));
    assertEquals(at("2024-05-01T10:10:00Z"), TEN_MINUTES.floor(at("2024-05-01T10:17:42Z")));
    assertEquals(at("2024-05-01T10:10:00Z"), TEN_MINUTES.floor(at("2024-05-01T10:19:59.999999999Z")));
    assertEquals(at("2024-05-01T10:20:00Z"), TEN_MINUTES.floor(at("2024-05-01T10:20:00Z")));
  }

  @Test
  void binsAreHalfOpenSoTheEndBelongsToTheNextBin() {
    // 10:10 <= t < 10:20 is one bin: 10:20 itself starts the next one.
    Instant start = at("2024-05-01T10:10:00Z");
    Instant end = start.plus(TEN_MINUTES.size());
    assertEquals(start, TEN_MINUTES.floor(end.minusNanos(1)));
    assertEquals(end, TEN_MINUTES.floor(end));
  }

  @Test
  void ceilReturnsTheFirstBinStartAtOrAfterTheInstant() {
    assertEquals(at("2024-05-01T10:10:00Z"), TEN_MINUTES.ceil(at("2024-05-01T10:10:00Z")));
    assertEquals(at("2024-05-01T10:20:00Z"), TEN_MINUTES.ceil(at("2024-05-01T10:10:00.000000001Z")));
    assertEquals(at("2024-05-01T10:20:00Z"), TEN_MINUTES.ceil(at("2024-05-01T10:10:01Z")));
    assertEquals(at("2024-05-01T10:20:00Z"), TEN_MINUTES.ceil(at("2024-05-01T10:17:42Z")));
  }

  @Test
  void isAlignedOnlyForExactBinStarts() {
    assertTrue(TEN_MINUTES.isAligned(at("2024-05-01T10:10:00Z")));
    assertTrue(TEN_MINUTES.isAligned(Instant.EPOCH));
    assertFalse(TEN_MINUTES.isAligned(at("2024-05-01T10:15:00Z")));
    assertFalse(TEN_MINUTES.isAligned(at("2024-05-01T10:10:01Z")));
    assertFalse(TEN_MINUTES.isAligned(at("2024-05-01T10:10:00.000000001Z")));
  }

  @Test
  void alignmentIsToTheEpochInUtcNotToLocalTime() {
    // 10:45 in India (UTC+05:30) is 05:15Z; hourly bins start on whole UTC hours, i.e. 10:30 local time.
    BinGrid hourly = BinGrid.ofMinutes(60);
    Instant instant = OffsetDateTime.parse("2024-05-01T10:45:00+05:30").toInstant();
    assertEquals(at("2024-05-01T05:00:00Z"), hourly.floor(instant));
    assertEquals(at("2024-05-01T06:00:00Z"), hourly.ceil(instant));
    assertTrue(hourly.isAligned(OffsetDateTime.parse("2024-05-01T10:30:00+05:30").toInstant()));
    assertFalse(hourly.isAligned(OffsetDateTime.parse("2024-05-01T10:00:00+05:30").toInstant()));
  }

  @Test
  void oddSizesAreAlignedToTheEpochAndNotToMidnight() {
    // 2024-01-01T00:00Z is 1704067200 s after the epoch, 360 s past a multiple of 420 s (7 minutes).
    assertEquals(at("2023-12-31T23:54:00Z"), SEVEN_MINUTES.floor(at("2024-01-01T00:00:00Z")));
    assertEquals(at("2024-01-01T00:01:00Z"), SEVEN_MINUTES.ceil(at("2024-01-01T00:00:00Z")));
    assertFalse(SEVEN_MINUTES.isAligned(at("2024-01-01T00:00:00Z")));
    assertEquals(at("2024-05-01T10:14:00Z"), SEVEN_MINUTES.floor(at("2024-05-01T10:17:42Z")));
    assertEquals(at("2024-05-01T10:21:00Z"), SEVEN_MINUTES.ceil(at("2024-05-01T10:17:42Z")));
    assertTrue(SEVEN_MINUTES.isAligned(at("1970-01-01T00:07:00Z")));
  }

  @Test
  void everyFloorIsAWholeMultipleOfTheSizeSinceTheEpoch() {
    Instant t = at("2024-05-01T00:00:00Z");
    for (int i = 0; i < 2_000; i++, t = t.plusSeconds(37)) {
      Instant floor = SEVEN_MINUTES.floor(t);
      assertEquals(0, floor.getEpochSecond() % 420, () -> "floor of " + floor);
      assertFalse(floor.isAfter(t));
      assertTrue(t.isBefore(floor.plus(SEVEN_MINUTES.size())));
      Instant ceil = SEVEN_MINUTES.ceil(t);
      assertTrue(SEVEN_MINUTES.isAligned(ceil));
      assertFalse(ceil.isBefore(t));
      assertTrue(ceil.minus(SEVEN_MINUTES.size()).isBefore(t));
    }
  }

  @Test
  void instantsBefore1970RoundTowardsTheFarPast() {
    assertEquals(at("1969-12-31T23:50:00Z"), TEN_MINUTES.floor(at("1969-12-31T23:59:59Z")));
    assertEquals(at("1969-12-31T23:50:00Z"), TEN_MINUTES.floor(at("1969-12-31T23:59:59.5Z")));
    assertEquals(Instant.EPOCH, TEN_MINUTES.ceil(at("1969-12-31T23:59:59Z")));
    assertEquals(at("1969-12-31T23:50:00Z"), TEN_MINUTES.floor(at("1969-12-31T23:50:00Z")));
    assertEquals(at("1969-12-31T23:50:00Z"), TEN_MINUTES.ceil(at("1969-12-31T23:50:00Z")));
    assertTrue(TEN_MINUTES.isAligned(at("1969-12-31T23:50:00Z")));
    assertFalse(TEN_MINUTES.isAligned(at("1969-12-31T23:55:00Z")));
    assertEquals(at("1969-12-31T23:53:00Z"), SEVEN_MINUTES.floor(at("1969-12-31T23:59:59Z")));
    assertEquals(at("1969-12-31T23:46:00Z"), SEVEN_MINUTES.floor(at("1969-12-31T23:52:59Z")));
  }

  @Test
  void wholeBinsRoundsUpToAWholeNumberOfBins() {
    assertEquals(Duration.ofMinutes(30), TEN_MINUTES.wholeBins(Duration.ofMinutes(25)));
    assertEquals(Duration.ofMinutes(30), TEN_MINUTES.wholeBins(Duration.ofMinutes(30)));
    assertEquals(Duration.ofMinutes(40), TEN_MINUTES.wholeBins(Duration.ofMinutes(30).plusSeconds(1)));
    assertEquals(Duration.ofDays(1), TEN_MINUTES.wholeBins(Duration.ofDays(1)));
    // One day is 1440 minutes, 205 5/7 seven-minute bins, so it rounds up to 206 bins.
    assertEquals(Duration.ofMinutes(206 * 7), SEVEN_MINUTES.wholeBins(Duration.ofDays(1)));
  }

  @Test
  void wholeBinsIsAtLeastOneBin() {
    assertEquals(Duration.ofMinutes(10), TEN_MINUTES.wholeBins(Duration.ZERO));
    assertEquals(Duration.ofMinutes(10), TEN_MINUTES.wholeBins(Duration.ofSeconds(1)));
    assertEquals(Duration.ofMinutes(10), TEN_MINUTES.wholeBins(Duration.ofMinutes(-5)));
  }

  @Test
  void wholeBinsRoundsUpSubSecondRemainders() {
    // The javadoc promises the length rounded up; a length just past one bin therefore needs two bins.
    assertEquals(Duration.ofMinutes(20), TEN_MINUTES.wholeBins(Duration.ofMinutes(10).plusMillis(1)));
  }

  @Test
  void rejectsSizesThatAreNotAPositiveWholeNumberOfSeconds() {
    assertThrows(IllegalArgumentException.class, () -> new BinGrid(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new BinGrid(Duration.ofMinutes(-10)));
    assertThrows(IllegalArgumentException.class, () -> new BinGrid(Duration.ofMillis(1500)));
    assertThrows(IllegalArgumentException.class, () -> BinGrid.ofMinutes(0));
    assertEquals(Duration.ofSeconds(1), new BinGrid(Duration.ofSeconds(1)).size());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 5, 7, 10, 15, 60, 90, 1440, 10_080})
  void floorAndCeilAgreeOnAlignedInstantsForEverySize(long minutes) {
    BinGrid grid = BinGrid.ofMinutes(minutes);
    Instant aligned = Instant.ofEpochSecond(minutes * 60 * 28_000);
    assertTrue(grid.isAligned(aligned));
    assertEquals(aligned, grid.floor(aligned));
    assertEquals(aligned, grid.ceil(aligned));
    assertEquals(aligned, grid.floor(aligned.plus(grid.size()).minusSeconds(1)));
    assertEquals(aligned.plus(grid.size()), grid.ceil(aligned.plusSeconds(1)));
  }
}
