package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static TimeRange range(String start, String end) {
    return new TimeRange(Instant.parse(start), Instant.parse(end));
  }

  @Test
  void rejectsAnEndBeforeTheStart() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TimeRange(T0, T0.minusNanos(1)));
    assertTrue(e.getMessage().contains(T0.toString()), e.getMessage());
  }

  @Test
  void rejectsMissingBounds() {
    assertThrows(NullPointerException.class, () -> new TimeRange(null, T0));
    assertThrows(NullPointerException.class, () -> new TimeRange(T0, null));
  }

  @Test
  void aRangeWithEqualBoundsIsEmpty() {
    TimeRange empty = new TimeRange(T0, T0);
    assertTrue(empty.isEmpty());
    assertEquals(Duration.ZERO, empty.length());
  }

  @Test
  void aRangeWithAPositiveLengthIsNotEmpty() {
    TimeRange range = new TimeRange(T0, T0.plusNanos(1));
    assertFalse(range.isEmpty());
    assertEquals(Duration.ofNanos(1), range.length());
    assertEquals(Duration.ofHours(2), range("2024-05-01T10:00:00Z", "2024-05-01T12:00:00Z").length());
  }

  @Test
  void containsIsHalfOpen() {
    TimeRange range = range("2024-05-01T10:10:00Z", "2024-05-01T10:20:00Z");
    assertTrue(range.contains(Instant.parse("2024-05-01T10:10:00Z")));
    assertTrue(range.contains(Instant.parse("2024-05-01T10:15:00Z")));
    assertTrue(range.contains(Instant.parse("2024-05-01T10:19:59.999999999Z")));
    assertFalse(range.contains(Instant.parse("2024-05-01T10:20:00Z")));
    assertFalse(range.contains(Instant.parse("2024-05-01T10:09:59.999999999Z")));
  }

  @Test
  void anEmptyRangeContainsNothing() {
    TimeRange empty = new TimeRange(T0, T0);
    assertFalse(empty.contains(T0));
  }

  @Test
  void splitIntoAnExactMultipleGivesEqualPieces() {
    TimeRange range = range("2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z");
    List<TimeRange> pieces = range.split(Duration.ofHours(6));
    assertEquals(List.of(
        range("2024-05-01T00:00:00Z", "2024-05-01T06:00:00Z"),
        range("2024-05-01T06:00:00Z", "2024-05-01T12:00:00Z"),
        range("2024-05-01T12:00:00Z", "2024-05-01T18:00:00Z"),
        range("2024-05-01T18:00:00Z", "2024-05-02T00:00:00Z")), pieces);
  }

  @Test
  void splitLeavesAShorterLastPiece() {
    TimeRange range = range("2024-05-01T10:00:00Z", "2024-05-01T10:25:00Z");
    assertEquals(List.of(
        range("2024-05-01T10:00:00Z", "2024-05-01T10:10:00Z"),
        range("2024-05-01T10:10:00Z", "2024-05-01T10:20:00Z"),
        range("2024-05-01T10:20:00Z", "2024-05-01T10:25:00Z")), range.split(Duration.ofMinutes(10)));
  }

  @Test
  void splitWithAPieceLongerThanTheRangeGivesTheRangeItself() {
    TimeRange range = range("2024-05-01T10:00:00Z", "2024-05-01T10:25:00Z");
    assertEquals(List.of(range), range.split(Duration.ofDays(1)));
  }

  @Test
  void splittingAnEmptyRangeGivesNoPieces() {
    assertEquals(List.of(), new TimeRange(T0, T0).split(Duration.ofMinutes(10)));
  }

  @Test
  void splitPiecesAreContiguousNonEmptyAndCoverTheRange() {
    TimeRange range = new TimeRange(T0, T0.plus(Duration.ofMinutes(1_000)).plusSeconds(13));
    Duration piece = Duration.ofMinutes(7);
    List<TimeRange> pieces = range.split(piece);
    assertEquals(range.start(), pieces.get(0).start());
    assertEquals(range.end(), pieces.get(pieces.size() - 1).end());
    for (int i = 0; i < pieces.size(); i++) {
      TimeRange p = pieces.get(i);
      assertFalse(p.isEmpty());
      assertTrue(p.length().compareTo(piece) <= 0);
      if (i > 0) {
        assertEquals(pieces.get(i - 1).end(), p.start());
      }
    }
    assertEquals(143, pieces.size());
  }

  @Test
  void splitRejectsANonPositivePieceLength() {
    TimeRange range = range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z");
    assertThrows(IllegalArgumentException.class, () -> range.split(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> range.split(Duration.ofMinutes(-1)));
  }

  @Test
  void toStringShowsAHalfOpenInterval() {
    assertEquals("[2024-05-01T10:00:00Z, 2024-05-01T11:00:00Z)",
        range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z").toString());
  }

  @Test
  void rangesWithTheSameBoundsAreEqual() {
    assertEquals(range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"),
        range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));
    assertEquals(range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z").hashCode(),
        range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z").hashCode());
  }
}
