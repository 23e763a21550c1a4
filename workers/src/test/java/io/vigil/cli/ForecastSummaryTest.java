package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.forecast.ForecastResult;
import io.vigil.worker.Passes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastSummaryTest {

  private static final Instant END = Instant.parse("2026-02-04T12:00:00Z");

  private static SourceConfig row(String source) {
    return new SourceConfig(1, source, "", "", "", "", "", "TimeGenerated", Duration.ofHours(1), Duration.ZERO,
        Duration.ofDays(14), Duration.ofDays(3), Duration.ofDays(28), 24, null);
  }

  @Test
  void saysWhyARowGotNoPrediction() {
    StringWriter text = new StringWriter();
    ForecastSummary.print(List.of(
        new Passes.Outcome<>(row("Short"), new ForecastResult("Short", END, "kql-avg", END, 0, 4, 0, null, 0), null),
        new Passes.Outcome<>(row("Empty"), new ForecastResult("Empty", END, "kql-avg", null, 0, 0, 0, null, 0), null),
        new Passes.Outcome<>(row("Mixed"), new ForecastResult("Mixed", END, "kql-avg", END, 2, 1, 48,
            new TimeRange(END, END.plus(Duration.ofDays(1))), 7), null),
        new Passes.Outcome<ForecastResult>(row("Broken"), null, "watchlist row 1, column ForecastModel: ...")),
        new PrintWriter(text, true));

    String out = text.toString();
    assertTrue(out.lines().anyMatch(line -> line.startsWith("Short") && line.endsWith(
        "no prediction: every series has less than MinForecastLookbackPeriod (3d) of history")), out);
    assertTrue(out.lines().anyMatch(line -> line.startsWith("Empty")
        && line.endsWith("no prediction: no series generated yet")), out);
    assertTrue(out.lines().anyMatch(line -> line.startsWith("Mixed") && line.contains("forecast [2026-02-04 12:00Z, "
        + "2026-02-05 12:00Z); 1 key(s) skipped with less than MinForecastLookbackPeriod (3d) of history; warm-up: 7 key forecast(s) "
        + "as of earlier times")), out);
    assertTrue(out.lines().anyMatch(line -> line.startsWith("Broken") && line.contains("FAILED: watchlist row 1")),
        out);
  }
}
