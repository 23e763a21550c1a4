package io.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One {@code vigil} command run in-process, with its exit status and what it printed; shared by the command tests
 * here and the end-to-end tests (through this module's test jar).
 */
public record VigilRun(int exitCode, String out, String err) {

  public static VigilRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = VigilCommand.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exitCode = command.execute(args);
    return new VigilRun(exitCode, out.toString(), err.toString());
  }
}
