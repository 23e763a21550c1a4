package io.vigil.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A half-open interval of instants, {@code [start, end)}, the unit every bin, chunk and skip is expressed in.
 */
public record TimeRange(Instant start, Instant end) {

  public TimeRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("range end " + end + " is before its start " + start);
    }
  }

  /** Ignored by the payload converter: it is derived from the two bounds, not a third field. */
  @JsonIgnore
  public boolean isEmpty() {
    return !end.isAfter(start);
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** Splits the range into consecutive pieces of at most {@code pieceLength}; the last piece may be shorter. */
  public List<TimeRange> split(Duration pieceLength) {
    if (pieceLength.isZero() || pieceLength.isNegative()) {
      throw new IllegalArgumentException("piece length must be positive, got " + pieceLength);
    }
    List<TimeRange> pieces = new ArrayList<>();
    Instant cursor = start;
    while (cursor.isBefore(end)) {
      Instant next = cursor.plus(pieceLength);
      if (next.isAfter(end)) {
        next = end;
      }
      pieces.add(new TimeRange(cursor, next));
      cursor = next;
    }
    return pieces;
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
