package io.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil eval}: forecast and detection accuracy on public benchmark data. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Accuracy on public benchmark data. Each prints its figures and ends with one line holding them as a "
        + "JSON object.",
    subcommands = {EvalM4Command.class, EvalNabCommand.class, EvalFlowsCommand.class})
public final class EvalCommand {}
