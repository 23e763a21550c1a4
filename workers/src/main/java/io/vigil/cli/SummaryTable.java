package io.vigil.cli;

import io.vigil.model.TimeRange;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.worker.Passes;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The per-source summary of a series pass: rows written, first and last bin, lag, and what was skipped. */
final class SummaryTable {

  private static final String[] HEADER = {"SOURCE", "ROWS", "FIRST BIN", "LAST BIN", "WATERMARK", "LAG", "NOTE"};

  private SummaryTable() {}

  static void print(List<Passes.Outcome<SeriesGenerationResult>> outcomes, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    for (Passes.Outcome<SeriesGenerationResult> outcome : outcomes) {
      SeriesGenerationResult result = outcome.result();
      if (result == null) {
        rows.add(new String[] {outcome.config().source(), "-", "-", "-", "-", "-", "FAILED: " + outcome.problem()});
        continue;
      }
      rows.add(new String[] {result.source(), String.format("%,d", result.rowsWritten()), instant(result.firstBin()),
          instant(result.lastBin()), instant(result.watermark()), Durations.compact(result.lag()), note(result)});
    }
    TextTable.print(HEADER, rows, out);
  }

  private static String note(SeriesGenerationResult result) {
    List<String> notes = new ArrayList<>();
    if (result.generated().isEmpty()) {
      notes.add("up to date");
    } else {
      notes.add("generated " + range(result.generated()));
    }
    if (result.skipped() != null) {
      notes.add("SKIPPED " + range(result.skipped()) + " (" + Durations.compact(result.skipped().length())
          + ", older than MaxTimeSeriesGenerationPeriod)");
    }
    return String.join("; ", notes);
  }

  static String range(TimeRange range) {
    return "[" + instant(range.start()) + ", " + instant(range.end()) + ")";
  }

  static String instant(Instant instant) {
    return instant == null ? "-" : instant.toString().replace("T", " ").replace(":00Z", "Z");
  }
}
