package io.vigil.cli;

import io.vigil.forecast.ForecastModel;
import io.vigil.forecast.ForecastModels;
import io.vigil.model.forecast.ForecastMethod;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench forecast}: forecast throughput of every model on series shaped like Vigil's, 30 days of
 * 10-minute bins with a daily and a weekly cycle, a trend and noise, forecast 144 bins (a day) ahead.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = {"Forecast many synthetic series of 10-minute bins with each model, on every core, and print series "
        + "per second and peak heap per model, then one JSON line. Target for the KQL model: 10,000 series/s."})
public final class BenchForecastCommand implements Callable<Integer> {

  private static final Duration BIN = Duration.ofMinutes(10);
  /** Distinct series generated up front; the run cycles through them, so memory stays flat whatever --series is. */
  private static final int POOL = 1_000;

  @Option(names = "--series", defaultValue = "100000", description = "Series forecast per model. Default: ${DEFAULT-VALUE}.")
  int series;

  @Option(names = "--points", defaultValue = "4320", description = "History per series. Default: ${DEFAULT-VALUE} (30 days).")
  int points;

  @Option(names = "--horizon", defaultValue = "144", description = "Bins forecast. Default: ${DEFAULT-VALUE} (a day).")
  int horizon;

  @Option(names = "--models", split = ",", paramLabel = "LIST",
      description = "Models to run, of kql, kql-linefit, multiseasonal, snaive. Default: all.")
  List<String> models;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    double[][] pool = syntheticSeries();
    int threads = Runtime.getRuntime().availableProcessors();
    out.printf(Locale.ROOT, "%,d series of %,d points, %d ahead, %d threads%n", series, points, horizon, threads);
    out.printf(Locale.ROOT, "%-14s %12s %10s %14s%n", "MODEL", "SERIES/S", "SECONDS", "PEAK HEAP MB");
    StringJoiner json = new StringJoiner(",", "{\"benchmark\":\"forecast\",\"series\":" + series + ",\"points\":"
        + points + ",\"horizon\":" + horizon + ",\"threads\":" + threads + ",\"models\":{", "}}");
    for (ForecastMethod method : ForecastMethod.values()) {
      if (models != null && !models.contains(method.id())) {
        continue;
      }
      ForecastModel model = ForecastModels.create(method, BIN);
      DoubleAdder checksum = new DoubleAdder();
      // A worker forecasts for hours, so the figure is its steady pace: one untimed pass over the pool first lets the
      // JIT compile the model's code, which otherwise counts against whichever model runs first.
      IntStream.range(0, POOL).parallel().forEach(i -> checksum.add(model.forecast(pool[i], horizon).mean()[0]));
      PeakHeap.reset();
      long started = System.nanoTime();
      // Each forecast's first point is summed so that the JIT cannot drop the work.
      IntStream.range(0, series).parallel()
          .forEach(i -> checksum.add(model.forecast(pool[i % POOL], horizon).mean()[0]));
      double seconds = (System.nanoTime() - started) / 1e9;
      long peakHeapMb = PeakHeap.megabytes();
      out.printf(Locale.ROOT, "%-14s %12.0f %10.2f %14d%n", model.name(), series / seconds, seconds, peakHeapMb);
      json.add(String.format(Locale.ROOT, "\"%s\":{\"series_per_second\":%.0f,\"seconds\":%.3f,\"peak_heap_mb\":%d}",
          model.name(), series / seconds, seconds, peakHeapMb));
      if (Double.isNaN(checksum.sum())) {
        out.println("warning: " + model.name() + " produced NaN forecasts");
      }
      out.flush();
    }
    out.println(json);
    out.flush();
    return 0;
  }

  /** Counts per 10-minute bin: a level, a daily and a weekly cycle, a slow trend, Poisson-like noise. */
  private double[][] syntheticSeries() {
    double[][] pool = new double[POOL][points];
    Random random = new Random(42);
    int day = (int) (Duration.ofDays(1).toSeconds() / BIN.toSeconds());
    for (double[] values : pool) {
      double level = 5 + random.nextDouble() * 100;
      double trend = (random.nextDouble() - 0.5) * level / points;
      for (int t = 0; t < points; t++) {
        double daily = 1 + 0.6 * Math.sin(2 * Math.PI * t / day);
        double weekly = (t / day) % 7 >= 5 ? 0.5 : 1;
        double mean = Math.max(0, (level + trend * t) * daily * weekly);
        values[t] = Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
      }
    }
    return pool;
  }

}
