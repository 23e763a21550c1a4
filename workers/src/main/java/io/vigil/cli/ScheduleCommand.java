package io.vigil.cli;

import io.vigil.config.Watchlists;
import io.vigil.schedule.ScheduleRequests;
import io.vigil.schedule.ScheduledJob;
import io.vigil.schedule.Schedules;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil schedule}: Vigil's periodic jobs as Temporal Schedules, or cron workflows where there are none. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    description = {
        "Manage one Temporal Schedule per watchlist row and job (series/<Source>, forecast/<Source>, "
            + "anomalies/<Source>) and per flows source (detect/<flows>), on `vigil up`'s server or a cluster.",
        "On a server without the Schedules API (the embedded test server) the schedules are cron workflows "
            + "<id>/scheduled instead, and the commands say so."},
    subcommands = {ScheduleCommand.Apply.class, ScheduleCommand.ListSchedules.class, ScheduleCommand.Pause.class,
        ScheduleCommand.Unpause.class, ScheduleCommand.Trigger.class, ScheduleCommand.Delete.class})
public final class ScheduleCommand {

  /** A subcommand's connection and output. */
  abstract static class Base implements Callable<Integer> {

    @Mixin TemporalOptions temporal;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try (TemporalSession session = TemporalSession.open(temporal, err)) {
        return run(Schedules.connect(session.client(), err), spec.commandLine().getOut(), err);
      }
    }

    abstract int run(Schedules schedules, PrintWriter out, PrintWriter err);
  }

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = {"Create or update the schedules of every valid watchlist row and of each --flows source, and "
          + "delete Vigil's schedules that are no longer wanted. Series and anomalies run every "
          + "SeriesGenerationFrequency, forecasts every ForecastGenerationFrequency, detection every "
          + "SeriesGenerationFrequency; overlap policy Skip; catch-up window MaxTimeSeriesGenerationPeriod.",
          "Exit status: 0 when every row was applied, 1 when a watchlist row had errors (the others are applied)."})
  static final class Apply extends Base {

    @Mixin WatchlistOptions watchlists;

    @Option(names = "--flows", paramLabel = "TABLE",
        description = "A flows table (or file) to score on a schedule, from where its last run stopped; repeatable.")
    List<String> flows = new ArrayList<>();

    @Override
    int run(Schedules schedules, PrintWriter out, PrintWriter err) {
      Watchlists config = watchlists.load(err);
      List<ScheduledJob> jobs = ScheduleRequests.jobs(config, flows);
      Schedules.ApplyResult result = schedules.apply(jobs);
      out.printf("Schedules (%s): %d created, %d updated, %d unchanged, %d deleted%n", schedules.mechanism(),
          result.created().size(), result.updated().size(), result.unchanged().size(), result.deleted().size());
      result.created().forEach(id -> out.println("  created   " + id));
      result.updated().forEach(id -> out.println("  updated   " + id));
      result.unchanged().forEach(id -> out.println("  unchanged " + id));
      result.deleted().forEach(id -> out.println("  deleted   " + id + " (no longer in the watchlist)"));
      return config.hasErrors() ? 1 : 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List Vigil's schedules.")
  static final class ListSchedules extends Base {
    @Override
    int run(Schedules schedules, PrintWriter out, PrintWriter err) {
      List<String[]> rows = new ArrayList<>();
      for (Schedules.ScheduleSummary schedule : schedules.list()) {
        rows.add(new String[] {schedule.id(), schedule.spec(), schedule.paused() ? "paused" : "active",
            toSecond(schedule.nextRun()), toSecond(schedule.lastRun()), schedule.note()});
      }
      out.printf("Schedules (%s):%n", schedules.mechanism());
      TextTable.print(new String[] {"ID", "SPEC", "STATE", "NEXT RUN", "LAST RUN", "NOTE"}, rows, out);
      return 0;
    }
  }

  /** A run's time as the tables show it: to the second, as scheduling jitter of milliseconds says nothing. */
  static String toSecond(Instant instant) {
    return SummaryTable.instant(instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A subcommand that acts on one schedule and says what it did. */
  abstract static class OnOne extends Base {
    @Parameters(paramLabel = "ID", description = "The schedule's id, such as series/SampleSigninLogs.")
    String id;

    @Override
    int run(Schedules schedules, PrintWriter out, PrintWriter err) {
      act(schedules);
      out.println(spec.name().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + spec.name().substring(1)
          + (spec.name().endsWith("e") ? "d " : "ed ") + id);
      return 0;
    }

    abstract void act(Schedules schedules);
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a schedule.")
  static final class Pause extends OnOne {
    @Option(names = "--note", description = "Why, shown by list and in the Temporal UI.")
    String note = "";

    @Override
    void act(Schedules schedules) {
      schedules.pause(id, note);
    }
  }

  @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Resume a paused schedule.")
  static final class Unpause extends OnOne {
    @Override
    void act(Schedules schedules) {
      schedules.unpause(id, "unpaused by vigil schedule unpause");
    }
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true, description = "Start one run of a schedule now.")
  static final class Trigger extends OnOne {
    @Override
    void act(Schedules schedules) {
      schedules.trigger(id);
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a schedule.")
  static final class Delete extends OnOne {
    @Override
    void act(Schedules schedules) {
      schedules.delete(id);
    }
  }
}
