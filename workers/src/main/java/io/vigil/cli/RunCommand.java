package io.vigil.cli;

import io.vigil.config.Watchlists;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.forecast.ForecastResult;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.schedule.JobStart;
import io.vigil.worker.Passes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil run}: one run of a watchlist row's job, started now on `vigil up`'s server or a cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run one job of one watchlist row now, as the workflow series/<Source> or forecast/<Source>, on "
        + "the Temporal server whose workers serve Vigil (`vigil up`, or `vigil worker` beside a cluster), and print "
        + "its summary. Exit status: 0 when it succeeded, 1 when it failed.",
    subcommands = {RunCommand.Series.class, RunCommand.Forecast.class})
public final class RunCommand {

  /** The options every run takes. */
  abstract static class Base implements Callable<Integer> {
    @Option(names = "--source", required = true, description = "The watchlist row's Source.")
    String source;

    @Mixin WatchlistOptions watchlists;

    @Mixin TemporalOptions temporal;

    @Spec CommandSpec spec;
  }

  @Command(name = "series", mixinStandardHelpOptions = true,
      description = "Generate the row's series: from its watermark to now minus its delay, or over --from/--to "
          + "(whole bins, no catch-up bound; a range starting after the watermark is extended back to it).")
  static final class Series extends Base {
    @Option(names = "--from", paramLabel = "TIME", description = "Start (ISO-8601 instant or UTC date).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End, exclusive (ISO-8601 instant or UTC date).")
    String to;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if ((from == null) != (to == null)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give both --from and --to, or neither");
      }
      SourceConfig row = AdHocRuns.row(watchlists.load(spec.commandLine().getErr()), source);
      TimeRange range = from == null ? null
          : new TimeRange(AdHocRuns.instant(from, "--from"), AdHocRuns.instant(to, "--to"));
      JobStart start = JobStart.series(new SeriesGenerationInput(row, SeriesGenerationInput.Tuning.DEFAULT, range,
          null));
      try (TemporalSession session = TemporalSession.open(temporal, spec.commandLine().getErr())) {
        Passes.Outcome<SeriesGenerationResult> outcome = AdHocRuns.run(session.client(), start,
            start.adHocWorkflowId(), row, SeriesGenerationResult.class, stub -> pause());
        SummaryTable.print(List.of(outcome), out);
        return outcome.succeeded() ? 0 : 1;
      }
    }
  }

  @Command(name = "forecast", mixinStandardHelpOptions = true,
      description = "Forecast the row's series from its watermark.")
  static final class Forecast extends Base {
    @Override
    public Integer call() {
      Watchlists config = watchlists.load(spec.commandLine().getErr());
      SourceConfig row = AdHocRuns.row(config, source);
      JobStart start = JobStart.forecast(row, config.anomalies().forecastWarmUp());
      try (TemporalSession session = TemporalSession.open(temporal, spec.commandLine().getErr())) {
        Passes.Outcome<ForecastResult> outcome = AdHocRuns.run(session.client(), start, start.adHocWorkflowId(), row,
            ForecastResult.class, stub -> pause());
        ForecastSummary.print(List.of(outcome), spec.commandLine().getOut());
        return outcome.succeeded() ? 0 : 1;
      }
    }
  }

  /** Waits a little between checks for the end of a run. */
  static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the run", e);
    }
  }
}
