package io.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil bench}: benchmarks that print their figures and end with one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks. Each prints its figures and ends with one line holding them as a JSON object.",
    subcommands = {BenchSeriesCommand.class, BenchScaleCommand.class, BenchForecastCommand.class, BenchInferenceCommand.class})
public final class BenchCommand {}
