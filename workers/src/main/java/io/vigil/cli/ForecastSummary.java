package io.vigil.cli;

import io.vigil.model.forecast.ForecastResult;
import io.vigil.worker.Passes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The per-source summary of a forecast pass: model, keys forecast and skipped, rows written, bins forecast. */
final class ForecastSummary {

  private static final String[] HEADER = {"SOURCE", "MODEL", "KEYS", "SKIPPED", "PREDICTIONS", "NOTE"};

  private ForecastSummary() {}

  static void print(List<Passes.Outcome<ForecastResult>> outcomes, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    for (Passes.Outcome<ForecastResult> outcome : outcomes) {
      ForecastResult result = outcome.result();
      if (result == null) {
        rows.add(new String[] {outcome.config().source(), "-", "-", "-", "-", "FAILED: " + outcome.problem()});
        continue;
      }
      rows.add(new String[] {result.source(), result.model(), String.format("%,d", result.keysForecast()),
          String.format("%,d", result.keysSkipped()), String.format("%,d", result.rowsWritten()),
          note(result, outcome)});
    }
    TextTable.print(HEADER, rows, out);
  }

  private static String note(ForecastResult result, Passes.Outcome<ForecastResult> outcome) {
    if (result.historyEnd() == null) {
      return "no prediction: no series generated yet";
    }
    String shortHistory = "less than MinForecastLookbackPeriod ("
        + Durations.compact(outcome.config().minForecastLookback()) + ") of history";
    if (result.keysForecast() == 0) {
      return "no prediction: every series has " + shortHistory;
    }
    String note = "forecast " + SummaryTable.range(result.horizon());
    if (result.keysSkipped() > 0) {
      note += "; " + result.keysSkipped() + " key(s) skipped with " + shortHistory;
    }
    if (result.warmUpForecasts() > 0) {
      note += "; warm-up: " + String.format("%,d", result.warmUpForecasts()) + " key forecast(s) as of earlier times";
    }
    return note;
  }
}
