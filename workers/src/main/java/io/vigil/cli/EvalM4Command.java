package io.vigil.cli;

import io.vigil.forecast.ForecastAccuracy;
import io.vigil.forecast.ForecastModel;
import io.vigil.forecast.KqlDecomposeForecast;
import io.vigil.forecast.MultiSeasonalForecast;
import io.vigil.forecast.Naive2;
import io.vigil.forecast.SeasonalNaive;
import io.vigil.forecast.Trend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil eval m4}: every model forecasts the 48 hold-out hours of the 414 M4 Hourly series, scored with the M4
 * competition's measures. Naive2 and sNaive run through the same code, and their published figures (sMAPE 18.383,
 * MASE 2.395; 13.912, 1.193) check it.
 */
@Command(name = "m4", mixinStandardHelpOptions = true,
    description = {"Forecast the M4 Hourly hold-out (48 points, 414 series) with each model and print sMAPE, MASE "
        + "(m = 24), OWA (relative to Naive2) and the seconds taken, then one JSON line with all figures."})
public final class EvalM4Command implements Callable<Integer> {

  static final int HORIZON = 48;
  static final int PERIOD = 24;

  /** The models by command-line name, in the order they are reported. */
  static final Map<String, Supplier<ForecastModel>> MODELS = models();

  @Option(names = "--data", required = true,
      description = "Folder holding Hourly-train.csv and Hourly-test.csv (for example ../shared/data/m4).")
  Path data;

  @Option(names = "--validation",
      description = "Score on the last 48 points of each training series, forecast from the points before them, "
          + "instead of on the test file: the split for choosing model settings without looking at the test set.")
  boolean validation;

  @Option(names = "--models", split = ",",
      description = "Models to run, comma separated, from: naive2, snaive, kql-avg (auto seasonality), kql-linefit, "
          + "multiseasonal. Default: all. Naive2 always runs, since OWA is relative to it.")
  List<String> modelNames;

  @Spec CommandSpec spec;

  /** One model's dataset figures. */
  record Score(String model, double smape, double mase, double seconds) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<ForecastModel> models = selectedModels();
    M4Dataset dataset = validation ? validationSplit(M4Dataset.readHourly(data)) : M4Dataset.readHourly(data);
    out.printf(Locale.ROOT, "M4 Hourly%s: %d series, horizon %d, MASE period %d%n",
        validation ? " validation (last 48 training points held out)" : "", dataset.series().size(), HORIZON, PERIOD);
    List<Score> scores = new ArrayList<>();
    for (ForecastModel model : models) {
      scores.add(evaluate(model, dataset));
    }
    Score naive2 = scores.get(0);
    out.printf(Locale.ROOT, "%-14s %8s %8s %8s %9s%n", "MODEL", "sMAPE", "MASE", "OWA", "SECONDS");
    StringJoiner json = new StringJoiner(",", "{\"benchmark\":\"m4-hourly" + (validation ? "-validation" : "")
        + "\",\"series\":" + dataset.series().size()
        + ",\"horizon\":" + HORIZON + ",\"models\":{", "}}");
    for (Score score : scores) {
      double owa = ForecastAccuracy.owa(score.smape(), score.mase(), naive2.smape(), naive2.mase());
      out.printf(Locale.ROOT, "%-14s %8.3f %8.3f %8.3f %9.3f%n", score.model(), score.smape(), score.mase(), owa,
          score.seconds());
      json.add(String.format(Locale.ROOT, "\"%s\":{\"smape\":%.3f,\"mase\":%.3f,\"owa\":%.3f,\"seconds\":%.3f}",
          score.model(), score.smape(), score.mase(), owa, score.seconds()));
    }
    out.println(json);
    out.flush();
    return 0;
  }

  /** Forecasts every series with {@code model} and averages the per-series sMAPE and MASE, as the M4 code does. */
  static Score evaluate(ForecastModel model, M4Dataset dataset) {
    long started = System.nanoTime();
    double smapeSum = 0;
    double maseSum = 0;
    for (M4Dataset.Series series : dataset.series()) {
      double[] actual = series.test();
      double[] forecast = model.forecast(series.train(), actual.length).mean();
      smapeSum += ForecastAccuracy.smape(actual, forecast);
      maseSum += ForecastAccuracy.mase(series.train(), actual, forecast, PERIOD);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    int count = dataset.series().size();
    return new Score(model.name(), smapeSum / count, maseSum / count, seconds);
  }

  /** Each series' training part split into history and the last {@link #HORIZON} points; the test part unused. */
  static M4Dataset validationSplit(M4Dataset dataset) {
    List<M4Dataset.Series> split = new ArrayList<>();
    for (M4Dataset.Series series : dataset.series()) {
      double[] train = series.train();
      split.add(new M4Dataset.Series(series.id(), Arrays.copyOf(train, train.length - HORIZON),
          Arrays.copyOfRange(train, train.length - HORIZON, train.length)));
    }
    return new M4Dataset(List.copyOf(split));
  }

  /** Naive2 first (the OWA reference), then the selected others in the order given. */
  private List<ForecastModel> selectedModels() {
    List<String> names = modelNames == null ? List.copyOf(MODELS.keySet()) : modelNames;
    List<ForecastModel> models = new ArrayList<>(List.of(MODELS.get("naive2").get()));
    for (String name : names) {
      String key = name.strip().toLowerCase(Locale.ROOT);
      Supplier<ForecastModel> model = MODELS.get(key);
      if (model == null) {
        throw new IllegalArgumentException("unknown model '" + name + "'; the models are " + MODELS.keySet());
      }
      if (!key.equals("naive2")) {
        models.add(model.get());
      }
    }
    return models;
  }

  private static Map<String, Supplier<ForecastModel>> models() {
    Map<String, Supplier<ForecastModel>> models = new LinkedHashMap<>();
    models.put("naive2", () -> new Naive2(PERIOD));
    models.put("snaive", () -> new SeasonalNaive(PERIOD));
    models.put("kql-avg", KqlDecomposeForecast::withDefaults);
    models.put("kql-linefit", () -> new KqlDecomposeForecast(KqlDecomposeForecast.AUTO_DETECT, Trend.LINEFIT,
        KqlDecomposeForecast.DEFAULT_SEASONALITY_THRESHOLD));
    models.put("multiseasonal", MultiSeasonalForecast::hourly);
    return models;
  }
}
