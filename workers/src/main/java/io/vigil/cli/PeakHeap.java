package io.vigil.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The JVM's peak heap use over a measured stretch, for the benchmarks; DuckDB's native memory is not included. */
final class PeakHeap {

  private PeakHeap() {}

  /** Collects garbage and restarts every heap pool's peak from its current use. */
  static void reset() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peaks since {@link #reset}, in MiB. */
  static long megabytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed())
        .sum() / (1024 * 1024);
  }
}
