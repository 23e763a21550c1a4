package io.vigil.cli;

import io.vigil.config.CsvTable;
import io.vigil.flows.FlowReader;
import io.vigil.flows.FlowSequence;
import io.vigil.flows.Sequencer;
import io.vigil.inference.DetectionMetrics;
import io.vigil.inference.FlowFeatures;
import io.vigil.inference.Model;
import io.vigil.inference.OnnxScorer;
import io.vigil.forecast.SeriesMath;
import io.vigil.mitre.MitreMapper;
import io.vigil.mitre.MitreMapping;
import io.vigil.model.flows.Flow;
import io.vigil.model.flows.FlowBatch;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil eval flows}: detection quality on labelled flows, for a self-supervised and a fine-tuned model that
 * the training scripts make for the occasion. Without {@code --train} both learn from the earlier part of the file
 * (by time) and are judged on the later part; with it they learn from one capture and are judged on the other.
 */
@Command(name = "flows", mixinStandardHelpOptions = true,
    description = {"Train a self-supervised and a fine-tuned sequence model with the training scripts (Debian's "
        + "python3-torch; activities/src/main/python/install-deps.sh installs it), then score labelled flows with "
        + "each in Java with ONNX Runtime and print ROC-AUC and PR-AUC (each with the central 95% of its values over "
        + "1,000 bootstrap resamples of the judged sequences, neighbouring windows drawn together), precision and "
        + "recall at the threshold, and for the fine-tuned model's detections the agreement of the MITRE ATT&CK "
        + "tactic with each attack category's. Ends with a JSON line.",
        "Without --train the models learn from the earlier --train-fraction of --data (flows ordered by time) and "
            + "are judged on the rest; with --train they learn from all of it and are judged on all of --data."})
public final class EvalFlowsCommand implements Callable<Integer> {

  /** The tactic each attack category of the bundled captures belongs to, for the agreement figure. */
  static final Map<String, String> EXPECTED_TACTIC = expectedTactics();

  private static Map<String, String> expectedTactics() {
    Map<String, String> tactics = new LinkedHashMap<>();
    tactics.put("PartOfAHorizontalPortScan", "TA0007");
    // CTU-44's inbound connections from the Internet are, by its own description, probes and scans of the host.
    tactics.put("External-Attack-to-Device", "TA0007");
    tactics.put("DDoS", "TA0040");
    tactics.put("C&C", "TA0011");
    tactics.put("Attack", "TA0006");
    tactics.put("FileDownload", "TA0011");
    return tactics;
  }

  @Option(names = "--data", required = true, paramLabel = "CSV", description = "Labelled flows to judge.")
  Path data;

  @Option(names = "--train", paramLabel = "CSV", description = "Labelled flows to learn from; default: the earlier "
      + "part of --data.")
  Path train;

  @Option(names = "--train-fraction", defaultValue = "0.6",
      description = "Without --train, the earlier share of --data to learn from. Default: ${DEFAULT-VALUE}.")
  double trainFraction;

  @Option(names = "--threshold", defaultValue = "0.5",
      description = "Score above which the fine-tuned model detects (its score is a probability). "
          + "Default: ${DEFAULT-VALUE}.")
  double threshold;

  @Option(names = "--percentile", defaultValue = "95",
      description = "Percentile of the judged scores above which the self-supervised model detects (its score is "
          + "an unscaled reconstruction error). Default: ${DEFAULT-VALUE}.")
  double percentile;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the trained models go. Default: a new temporary "
      + "folder.")
  Path modelsDir;

  @Mixin PythonOptions python;

  @Mixin TrainingOptions training;

  @Spec CommandSpec spec;

  /** Bootstrap resamples behind each interval: enough for stable 2.5th and 97.5th percentiles. */
  private static final int RESAMPLES = 1000;

  /**
   * The resamples are the same whatever the training seed, so two models' intervals on the same flows differ only
   * by the models.
   */
  private static final long RESAMPLING_SEED = 7;

  /**
   * One model's figures, ROC-AUC and PR-AUC each with the central 95 % of its values over bootstrap resamples of the
   * judged sequences.
   */
  record Figures(String model, int sequences, int malicious, double rocAuc, DetectionMetrics.Interval rocAuc95,
      double prAuc, DetectionMetrics.Interval prAuc95, double threshold, double precision, double recall) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PythonTools tools = python.tools();
    if (tools.unavailable() != null) {
      spec.commandLine().getErr().println("vigil eval flows: cannot train: " + tools.unavailable());
      return 2;
    }
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--train-fraction lies between 0 and 1");
    }
    Path models = modelsDir != null ? Files.createDirectories(modelsDir)
        : Files.createTempDirectory("vigil-eval-flows");
    Path learnFrom = (train != null ? train : data).toAbsolutePath();
    double fraction = train != null ? 1.0 : trainFraction;
    long started = System.nanoTime();
    Map<String, Model> trained = new LinkedHashMap<>();
    for (boolean labels : new boolean[] {false, true}) {
      String name = labels ? "flow-seq-finetuned" : "flow-seq-selfsupervised";
      out.printf("Training %s on %s (%s of it)...%n", name, learnFrom.getFileName(), train != null ? "all"
          : "the earlier " + fraction);
      out.flush();
      trained.put(name, training.train(tools, learnFrom, models, name, fraction, labels));
    }

    FlowBatch batch = FlowReader.readCsv(data);
    if (!batch.rejected().isEmpty()) {
      out.printf("%,d rows of %s rejected, for example: %s%n", batch.rejected().size(), data.getFileName(),
          batch.rejected().get(0));
    }
    List<Flow> judged = judgedFlows(batch.flows());
    Map<Long, String> categories = categories(data);
    Model fineTuned = trained.get("flow-seq-finetuned");
    List<FlowSequence> sequences = new Sequencer(fineTuned.card().length(), fineTuned.card().stride())
        .sequences(batch.dataset(), judged).stream().filter(sequence -> sequence.label() != null).toList();
    int[] labels = sequences.stream().mapToInt(FlowSequence::label).toArray();
    int[] clusters = windowClusters(sequences, fineTuned.card().length());

    List<Figures> figures = new ArrayList<>();
    Map<String, int[]> agreement = new TreeMap<>();
    for (Map.Entry<String, Model> entry : trained.entrySet()) {
      double[] scores = score(entry.getValue(), sequences);
      boolean probability = entry.getValue() == fineTuned;
      double cut = probability ? threshold
          : SeriesMath.percentile(java.util.Arrays.stream(scores).sorted().toArray(), scores.length, percentile);
      figures.add(figures(entry.getKey(), scores, labels, clusters, cut));
      if (probability) {
        agreement = tacticAgreement(sequences, scores, cut, categories);
      }
    }
    print(figures, agreement, (System.nanoTime() - started) / 1e9, out);
    return 0;
  }

  /** Without --train, the flows after the training part in time order; with it, all of them. */
  private List<Flow> judgedFlows(List<Flow> flows) {
    if (train != null) {
      return flows;
    }
    List<Flow> ordered = flows.stream().sorted(Comparator.comparing(Flow::timestamp).thenComparingLong(Flow::row))
        .toList();
    return ordered.subList((int) Math.floor(trainFraction * ordered.size()), ordered.size());
  }

  /**
   * Bootstrap clusters: an entity's sequences whose first flows fall in the same stretch of {@code window} flows.
   * Windows overlap (the stride is shorter than the window), so neighbours share flows and are drawn together, lest
   * the interval count the shared flows twice as evidence.
   */
  static int[] windowClusters(List<FlowSequence> sequences, int window) {
    Map<String, Integer> ids = new HashMap<>();
    return sequences.stream()
        .mapToInt(sequence -> ids.computeIfAbsent(sequence.entity() + "#" + sequence.start() / window,
            key -> ids.size()))
        .toArray();
  }

  /** The attack category of each data row, where the file has the column. */
  private static Map<Long, String> categories(Path csv) throws java.io.IOException {
    CsvTable table = CsvTable.read(csv);
    int column = table.header().indexOf("attack_category");
    Map<Long, String> categories = new HashMap<>();
    if (column >= 0) {
      for (CsvTable.Row row : table.rows()) {
        if (column < row.cells().size() && !row.cells().get(column).isBlank()) {
          categories.put((long) row.number(), row.cells().get(column).strip());
        }
      }
    }
    return categories;
  }

  private static double[] score(Model model, List<FlowSequence> sequences) {
    int window = model.card().length() * FlowFeatures.COUNT;
    float[] features = new float[sequences.size() * window];
    for (int i = 0; i < sequences.size(); i++) {
      FlowFeatures.write(sequences.get(i), model.card(), features, i * window);
    }
    try (OnnxScorer scorer = OnnxScorer.load(model, false)) {
      float[] scores = scorer.score(features, sequences.size());
      double[] widened = new double[scores.length];
      for (int i = 0; i < scores.length; i++) {
        widened[i] = scores[i];
      }
      return widened;
    }
  }

  private static Figures figures(String model, double[] scores, int[] labels, int[] clusters, double cut) {
    int detected = 0;
    int truePositives = 0;
    int malicious = 0;
    for (int i = 0; i < scores.length; i++) {
      malicious += labels[i];
      if (scores[i] > cut) {
        detected++;
        truePositives += labels[i];
      }
    }
    return new Figures(model, scores.length, malicious, DetectionMetrics.rocAuc(scores, labels),
        DetectionMetrics.bootstrapInterval(scores, labels, clusters, DetectionMetrics::rocAuc, RESAMPLES,
            RESAMPLING_SEED),
        DetectionMetrics.prAuc(scores, labels),
        DetectionMetrics.bootstrapInterval(scores, labels, clusters, DetectionMetrics::prAuc, RESAMPLES,
            RESAMPLING_SEED),
        cut, detected == 0 ? Double.NaN : (double) truePositives / detected,
        malicious == 0 ? Double.NaN : (double) truePositives / malicious);
  }

  /**
   * For each attack category, of the detected malicious sequences whose flows mostly carry it: how many the mapper
   * gave the category's tactic, how many another tactic, and how many none.
   */
  private static Map<String, int[]> tacticAgreement(List<FlowSequence> sequences, double[] scores, double cut,
      Map<Long, String> categories) {
    MitreMapper mapper = MitreMapper.withBundledCatalog();
    Map<String, int[]> agreement = new TreeMap<>();
    for (int i = 0; i < sequences.size(); i++) {
      FlowSequence sequence = sequences.get(i);
      if (scores[i] <= cut || sequence.label() != 1) {
        continue;
      }
      String category = sequence.flows().stream().filter(flow -> Integer.valueOf(1).equals(flow.label()))
          .map(flow -> categories.getOrDefault(flow.row(), "(none)"))
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).entrySet().stream()
          .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
          .map(Map.Entry::getKey).orElse("(none)");
      String expected = EXPECTED_TACTIC.entrySet().stream().filter(e -> category.startsWith(e.getKey()))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      List<MitreMapping> mapped = mapper.map(sequence, Math.min(1, Math.max(0, scores[i])));
      int[] counts = agreement.computeIfAbsent(category + (expected == null ? "" : " (" + expected + ")"),
          key -> new int[3]);
      if (mapped.isEmpty()) {
        counts[2]++;
      } else if (mapped.get(0).tacticId().equals(expected)) {
        counts[0]++;
      } else {
        counts[1]++;
      }
    }
    return agreement;
  }

  private void print(List<Figures> figures, Map<String, int[]> agreement, double seconds, PrintWriter out) {
    out.printf(Locale.ROOT, "Judged: %s%s%n", data.getFileName(), train != null ? " (all of it; learnt from "
        + train.getFileName() + ")" : String.format(Locale.ROOT, " (the later %.0f%% by time)",
        100 * (1 - trainFraction)));
    out.printf("%-26s %10s %10s %8s %12s %8s %12s %10s %10s %8s%n", "MODEL", "SEQUENCES", "MALICIOUS", "ROC-AUC",
        "(95%)", "PR-AUC", "(95%)", "THRESHOLD", "PRECISION", "RECALL");
    StringJoiner json = new StringJoiner(",", "{\"benchmark\":\"flows\",\"data\":\"" + data.getFileName()
        + "\",\"train\":" + (train == null ? "null" : "\"" + train.getFileName() + "\"") + ",\"seed\":"
        + training.seed + ",\"members\":" + training.members() + ",\"models\":{", "");
    for (Figures f : figures) {
      out.printf(Locale.ROOT, "%-26s %10d %10d %8s %12s %8s %12s %10.4g %10s %8s%n", f.model(), f.sequences(),
          f.malicious(), three(f.rocAuc()), interval(f.rocAuc95()), three(f.prAuc()), interval(f.prAuc95()),
          f.threshold(), three(f.precision()), three(f.recall()));
      json.add(String.format(Locale.ROOT, "\"%s\":{\"sequences\":%d,\"malicious\":%d,\"roc_auc\":%s,"
          + "\"roc_auc_95\":%s,\"pr_auc\":%s,\"pr_auc_95\":%s,\"threshold\":%.6g,\"precision\":%s,\"recall\":%s}",
          f.model(), f.sequences(), f.malicious(), jsonNumber(f.rocAuc()), jsonInterval(f.rocAuc95()),
          jsonNumber(f.prAuc()), jsonInterval(f.prAuc95()), f.threshold(), jsonNumber(f.precision()),
          jsonNumber(f.recall())));
    }
    out.println("MITRE ATT&CK tactic of the fine-tuned model's detected malicious sequences, per attack category "
        + "(expected tactic):");
    StringJoiner tactics = new StringJoiner(",", "},\"tactic_agreement\":{", "}");
    agreement.forEach((category, counts) -> {
      int total = counts[0] + counts[1] + counts[2];
      out.printf(Locale.ROOT, "  %-40s %,6d detected: %5.1f%% agree, %5.1f%% another tactic, %5.1f%% unmapped%n",
          category, total, 100.0 * counts[0] / total, 100.0 * counts[1] / total, 100.0 * counts[2] / total);
      tactics.add(String.format(Locale.ROOT, "\"%s\":{\"detected\":%d,\"agree\":%d,\"other\":%d,\"unmapped\":%d}",
          category.replace("\"", ""), total, counts[0], counts[1], counts[2]));
    });
    out.printf(Locale.ROOT, "%.1f s%n", seconds);
    out.println(json + tactics.toString() + String.format(Locale.ROOT, ",\"seconds\":%.1f}", seconds));
  }

  private static String three(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String interval(DetectionMetrics.Interval interval) {
    return Double.isNaN(interval.low()) ? "-" : three(interval.low()) + "-" + three(interval.high());
  }

  private static String jsonInterval(DetectionMetrics.Interval interval) {
    return Double.isNaN(interval.low()) ? "null" : "[" + jsonNumber(interval.low()) + "," + jsonNumber(interval.high())
        + "]";
  }

  private static String jsonNumber(double value) {
    return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.4f", value);
  }
}
