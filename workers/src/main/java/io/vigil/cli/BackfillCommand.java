package io.vigil.cli;

import io.temporal.client.WorkflowStub;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.schedule.Job;
import io.vigil.model.series.SeriesGenerationInput;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.model.series.SeriesProgress;
import io.vigil.schedule.JobStart;
import io.vigil.worker.Passes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil backfill}: series of a past range, with a progress bar fed by the workflow's progress query. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = {"Generate a row's series over a past range, older than the catch-up bound if need be, as the "
        + "workflow series/<Source>/backfill, showing its progress (chunks done of planned, watermark) from the "
        + "workflow's progress query. Bins in the range are replaced, so a backfill can be repeated; the watermark "
        + "never moves back. Long ranges continue as new every " + SeriesGenerationInput.Tuning.DEFAULT_CHUNKS_PER_RUN
        + " chunks, keeping histories small.",
        "Exit status: 0 when it succeeded, 1 when it failed."})
public final class BackfillCommand implements Callable<Integer> {

  private static final int BAR_WIDTH = 30;

  @Option(names = "--source", required = true, description = "The watchlist row's Source.")
  String source;

  @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start (ISO-8601 instant or UTC date).")
  String from;

  @Option(names = "--to", required = true, paramLabel = "TIME",
      description = "End, exclusive (ISO-8601 instant or UTC date).")
  String to;

  @Option(names = "--chunk-hours", paramLabel = "HOURS", defaultValue = "168",
      description = "Hours of data per activity: smaller chunks show finer progress and retry less after a failure. "
          + "Default: ${DEFAULT-VALUE} (a week).")
  int chunkHours;

  @Mixin WatchlistOptions watchlists;

  @Mixin TemporalOptions temporal;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SourceConfig row = AdHocRuns.row(watchlists.load(spec.commandLine().getErr()), source);
    TimeRange range = new TimeRange(AdHocRuns.instant(from, "--from"), AdHocRuns.instant(to, "--to"));
    if (chunkHours < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chunk-hours must be at least 1");
    }
    SeriesGenerationInput.Tuning defaults = SeriesGenerationInput.Tuning.DEFAULT;
    SeriesGenerationInput.Tuning tuning = new SeriesGenerationInput.Tuning(Duration.ofHours(chunkHours),
        defaults.step(), defaults.stepTarget(), defaults.heartbeatTimeout(), defaults.chunkTimeout(),
        defaults.maxAttempts(), defaults.chunksPerRun());
    JobStart start = JobStart.series(new SeriesGenerationInput(row, tuning, range, null));
    SeriesProgress[] shown = {null};
    try (TemporalSession session = TemporalSession.open(temporal, spec.commandLine().getErr())) {
      Passes.Outcome<SeriesGenerationResult> outcome = AdHocRuns.run(session.client(), start,
          Job.SERIES.backfillWorkflowId(source), row, SeriesGenerationResult.class, stub -> {
            SeriesProgress progress = progress(stub);
            if (progress != null && !progress.equals(shown[0])) {
              out.print("\r" + bar(progress));
              out.flush();
              shown[0] = progress;
            }
            RunCommand.pause();
          });
      if (shown[0] != null) {
        out.println();
      }
      SummaryTable.print(List.of(outcome), out);
      return outcome.succeeded() ? 0 : 1;
    }
  }

  /** The run's progress, or null while it has not answered yet (its first task not yet run). */
  private static SeriesProgress progress(WorkflowStub stub) {
    try {
      return stub.query("progress", SeriesProgress.class);
    } catch (RuntimeException notYet) {
      return null;
    }
  }

  static String bar(SeriesProgress progress) {
    if (progress == null || progress.chunksPlanned() == 0) {
      return "";
    }
    int filled = (int) ((long) BAR_WIDTH * progress.chunksDone() / progress.chunksPlanned());
    return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + progress.chunksDone() + "/"
        + progress.chunksPlanned() + " chunks, watermark " + SummaryTable.instant(progress.watermark());
  }
}
