package io.vigil.cli;

import io.vigil.model.TimeRange;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.worker.SeriesPass;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The per-source summary of a series pass: rows written, first and last bin, lag, and what was skipped. */
final class SummaryTable {

  private static final String[] HEADER = {"SOURCE", "ROWS", "FIRST BIN", "LAST BIN", "WATERMARK", "LAG", "NOTE"};

  private SummaryTable() {}

  static void print(List<SeriesPass.Outcome> outcomes, PrintWriter out) {
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADER);
    for (SeriesPass.Outcome outcome : outcomes) {
      SeriesGenerationResult result = outcome.result();
      if (result == null) {
        lines.add(new String[] {outcome.config().source(), "-", "-", "-", "-", "-", "FAILED: " + outcome.problem()});
        continue;
      }
      lines.add(new String[] {result.source(), String.format("%,d", result.rowsWritten()), instant(result.firstBin()),
          instant(result.lastBin()), instant(result.watermark()), Durations.compact(result.lag()), note(result)});
    }
    int[] widths = new int[HEADER.length - 1];
    for (String[] line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        text.append(String.format("%-" + widths[i] + "s  ", line[i]));
      }
      out.println(text.append(line[widths.length]).toString().stripTrailing());
    }
    out.flush();
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

  private static String range(TimeRange range) {
    return "[" + instant(range.start()) + ", " + instant(range.end()) + ")";
  }

  private static String instant(Instant instant) {
    return instant == null ? "-" : instant.toString().replace("T", " ").replace(":00Z", "Z");
  }
}
