package io.vigil.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Bins of a fixed size aligned to the Unix epoch in UTC: a bin is {@code [start, start + size)} and every start is
 * a whole multiple of the size since 1970-01-01T00:00Z, so 10-minute bins start at 10:10, 10:20 and so on.
 */
public record BinGrid(Duration size) {

  public BinGrid {
    if (size.isZero() || size.isNegative() || size.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException("bin size must be a positive whole number of seconds, got " + size);
    }
  }

  public static BinGrid ofMinutes(long minutes) {
    return new BinGrid(Duration.ofMinutes(minutes));
  }

  /** The start of the bin holding {@code instant}. */
  public Instant floor(Instant instant) {
    long sizeSeconds = size.getSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), sizeSeconds) * sizeSeconds);
  }

  /** The first bin start at or after {@code instant}. */
  public Instant ceil(Instant instant) {
    Instant floor = floor(instant);
    return floor.equals(instant) ? floor : floor.plus(size);
  }

  public boolean isAligned(Instant instant) {
    return floor(instant).equals(instant);
  }

  /** {@code length} rounded up to a whole number of bins, and at least one bin. */
  public Duration wholeBins(Duration length) {
    long bins = length.dividedBy(size);
    if (size.multipliedBy(bins).compareTo(length) < 0) {
      bins++;
    }
    return size.multipliedBy(Math.max(1, bins));
  }
}
