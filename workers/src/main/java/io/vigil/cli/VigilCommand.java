package io.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} executable. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VigilCommand.Version.class,
    description = "Security baselines, forecasts and anomaly detection as durable Temporal workflows.",
    subcommands = {UpCommand.class, WorkerCommand.class, ValidateCommand.class, DetectCommand.class,
        InvestigateCommand.class, ReportCommand.class, ModelCommand.class, BenchCommand.class, EvalCommand.class,
        ScheduleCommand.class, RunCommand.class, BackfillCommand.class, StatusCommand.class,
        CommandLine.HelpCommand.class})
public final class VigilCommand {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree, for {@link #main} and for tests that run commands in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new VigilCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((failure, command, parsed) -> {
          // Failures here are about files, ports and databases the user named: say which, without a stack trace.
          command.getErr().println("vigil " + command.getCommandName() + ": " + failure.getMessage());
          return 2;
        });
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = VigilCommand.class.getPackage().getImplementationVersion();
      return new String[] {"vigil " + (version == null ? "development build" : version)};
    }
  }
}
