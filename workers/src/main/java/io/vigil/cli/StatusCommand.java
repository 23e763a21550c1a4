package io.vigil.cli;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.vigil.config.Watchlists;
import io.vigil.model.SourceConfig;
import io.vigil.model.detection.ScheduledDetectionResult;
import io.vigil.model.detection.ScheduledDetectionWorkflow;
import io.vigil.model.schedule.Job;
import io.vigil.model.series.SeriesGenerationResult;
import io.vigil.schedule.RunHistory;
import io.vigil.schedule.Schedules;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil status}: where each source stands, from Temporal's record of its runs and schedules. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Per watchlist source and job, and per scheduled flows source: the watermark and how far it is "
        + "behind now (series and detection), the last run (start and outcome), the next scheduled run, and the "
        + "last failure's message, from the runs and schedules on `vigil up`'s server or a cluster.",
        "Exit status: 0, or 1 when the latest run of some job failed."})
public final class StatusCommand implements Callable<Integer> {

  private static final String[] HEADER = {"SOURCE", "JOB", "WATERMARK", "LAG", "LAST RUN", "NEXT RUN",
      "LAST FAILURE"};

  @Mixin WatchlistOptions watchlists;

  @Option(names = "--flows", paramLabel = "TABLE",
      description = "A flows source to report besides those with a detect/ schedule; repeatable.")
  List<String> flows = new ArrayList<>();

  @Mixin TemporalOptions temporal;

  @Spec CommandSpec spec;

  /** One line of the report. */
  private record Line(String source, Job job) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Watchlists config = watchlists.load(err);
    try (TemporalSession session = TemporalSession.open(temporal, err)) {
      Map<String, Schedules.ScheduleSummary> schedules = Schedules.connect(session.client(), err).list().stream()
          .collect(Collectors.toMap(Schedules.ScheduleSummary::id, Function.identity()));
      Set<Line> lines = new LinkedHashSet<>();
      for (SourceConfig row : config.sources()) {
        for (Job job : List.of(Job.SERIES, Job.FORECAST, Job.ANOMALIES)) {
          lines.add(new Line(row.source(), job));
        }
      }
      flows.forEach(source -> lines.add(new Line(source, Job.DETECT)));
      schedules.keySet().stream().map(Job::parse).filter(parsed -> parsed.job() == Job.DETECT)
          .forEach(parsed -> lines.add(new Line(parsed.source(), Job.DETECT)));

      RunHistory history = new RunHistory(session.client());
      Instant now = Instant.now();
      boolean failing = false;
      List<String[]> rows = new ArrayList<>();
      for (Line line : lines) {
        List<RunHistory.Run> runs = history.finishedRuns(line.job(), line.source());
        Instant watermark = watermark(history, runs, line.job()).orElse(null);
        Optional<RunHistory.Run> last = runs.stream().findFirst();
        Optional<RunHistory.Run> lastFailed = runs.stream()
            .filter(run -> run.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED).findFirst();
        failing |= last.filter(run -> run.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED)
            .isPresent();
        Schedules.ScheduleSummary schedule = schedules.get(line.job().scheduleId(line.source()));
        rows.add(new String[] {line.source(), line.job().id(), SummaryTable.instant(watermark),
            watermark == null ? "-" : Durations.compact(Duration.between(watermark, now)),
            last.map(run -> ScheduleCommand.toSecond(run.started()) + " " + outcome(run)).orElse("-"),
            schedule == null ? "not scheduled" : schedule.paused() ? "paused"
                : ScheduleCommand.toSecond(schedule.nextRun()),
            lastFailed.map(run -> ScheduleCommand.toSecond(run.started()) + ": "
                + history.failure(run).orElse("failed")).orElse("-")});
      }
      TextTable.print(HEADER, rows, out);
      return failing ? 1 : 0;
    }
  }

  /**
   * The watermark of the newest completed run that reports one: series runs, and scheduled detection runs (an
   * ad-hoc `vigil detect` run of the same source scores everything and has none).
   */
  private static Optional<Instant> watermark(RunHistory history, List<RunHistory.Run> runs, Job job) {
    for (RunHistory.Run run : runs) {
      if (run.status() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        continue;
      }
      Optional<Instant> watermark = Optional.empty();
      if (job == Job.SERIES) {
        watermark = history.result(run, SeriesGenerationResult.class).map(SeriesGenerationResult::watermark);
      } else if (job == Job.DETECT
          && run.workflowType().equals(ScheduledDetectionWorkflow.class.getSimpleName())) {
        watermark = history.result(run, ScheduledDetectionResult.class).map(ScheduledDetectionResult::watermark);
      }
      if (watermark.isPresent()) {
        return watermark;
      }
    }
    return Optional.empty();
  }

  private static String outcome(RunHistory.Run run) {
    String status = run.status().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
    return status.replace('_', '-');
  }
}
