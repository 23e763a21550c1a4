package io.vigil.cli;

import io.vigil.inference.FlowFeatures;
import io.vigil.inference.Model;
import io.vigil.inference.OnnxScorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench inference}: sequences and flows per second of the bundled model in Java with ONNX Runtime and,
 * in the same run, in PyTorch with the training script's benchmark, on the same kind of input and thread count.
 */
@Command(name = "inference", mixinStandardHelpOptions = true,
    description = {"Score random valid sequences (1 to 16 real flows each, zero padded) with the bundled model in Java "
        + "with ONNX Runtime, then run the PyTorch benchmark of the training scripts on the same model, batch size "
        + "and thread count, and print sequences/s and flows/s (16 flow slots per sequence) for both.",
        "PyTorch needs Debian's python3-torch (activities/src/main/python/install-deps.sh); without it only the "
            + "Java figures are printed."})
public final class BenchInferenceCommand implements Callable<Integer> {

  @Option(names = "--sequences", defaultValue = "200000", description = "Sequences scored. Default: ${DEFAULT-VALUE}.")
  int sequences;

  @Option(names = "--batch", defaultValue = "1024", description = "Sequences per call. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--threads", defaultValue = "0",
      description = "Intra-op threads for both runtimes; 0 = one per core. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--gpu", description = "Java on ONNX Runtime's CUDA provider and PyTorch on cuda.")
  boolean gpu;

  @Mixin PythonOptions python;

  @Option(names = "--model-dir", defaultValue = "activities/src/main/resources/models",
      description = "The folder with the model's .onnx, .json and .pt. Default: ${DEFAULT-VALUE}.")
  Path modelDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    int threadCount = threads > 0 ? threads : cores;
    Model model = Model.bundled();
    double javaRate;
    String device;
    try (OnnxScorer scorer = OnnxScorer.load(model, gpu, threadCount)) {
      device = scorer.onGpu() ? "cuda" : "cpu";
      int window = scorer.card().length() * FlowFeatures.COUNT;
      float[] pool = randomSequences(Math.min(sequences, 8 * batch), scorer.card().length(), new Random(0));
      int poolSize = pool.length / window;
      for (int warm = 0; warm < 3; warm++) {
        scorer.score(pool, Math.min(batch, poolSize));
      }
      float[] slice = new float[batch * window];
      long started = System.nanoTime();
      int done = 0;
      while (done < sequences) {
        int count = Math.min(batch, sequences - done);
        int offset = done % Math.max(1, poolSize - count + 1);
        System.arraycopy(pool, offset * window, slice, 0, count * window);
        scorer.score(slice, count);
        done += count;
      }
      javaRate = done / ((System.nanoTime() - started) / 1e9);
    }
    int slots = model.card().length();
    out.printf(Locale.ROOT, "Java ONNX Runtime (%s, %d threads, batch %d): %,.0f sequences/s, %,.0f flows/s%n", device,
        threadCount, batch, javaRate, javaRate * slots);
    String pytorch = runPytorch(threadCount, out);
    Double torchRate = pytorch == null ? null : number(pytorch, "sequences_per_s");
    if (torchRate != null) {
      out.printf(Locale.ROOT, "PyTorch (%s, %d threads, batch %d): %,.0f sequences/s, %,.0f flows/s%n", device,
          threadCount, batch, torchRate, torchRate * slots);
      out.printf(Locale.ROOT, "Java / PyTorch: %.2f%n", javaRate / torchRate);
    }
    out.printf(Locale.ROOT, "{\"bench\":\"inference\",\"model\":\"%s\",\"device\":\"%s\",\"threads\":%d,\"batch\":%d,"
        + "\"sequences\":%d,\"java_sequences_per_s\":%.1f,\"java_flows_per_s\":%.1f,\"pytorch_sequences_per_s\":%s,"
        + "\"ratio\":%s}%n", model.card().version(), device, threadCount, batch, sequences, javaRate,
        javaRate * slots, torchRate == null ? "null" : String.format(Locale.ROOT, "%.1f", torchRate),
        torchRate == null ? "null" : String.format(Locale.ROOT, "%.3f", javaRate / torchRate));
    return 0;
  }

  /**
   * Random valid sequences as the PyTorch benchmark makes them: 1 to 16 real flows, standardised features drawn from
   * a normal distribution, the others in their ranges, the mask set, zero padding.
   */
  static float[] randomSequences(int count, int length, Random random) {
    float[] features = new float[count * length * FlowFeatures.COUNT];
    for (int s = 0; s < count; s++) {
      int real = 1 + random.nextInt(length);
      for (int i = 0; i < real; i++) {
        int at = (s * length + i) * FlowFeatures.COUNT;
        for (int f = 0; f < 6; f++) {
          features[at + f] = (float) random.nextGaussian();
        }
        features[at + 6] = random.nextFloat();
        features[at + 7] = random.nextBoolean() ? 1 : 0;
        features[at + 8] = random.nextFloat();
        features[at + 9] = i > 0 && random.nextBoolean() ? 1 : 0;
        features[at + 10] = 1;
      }
    }
    return features;
  }

  /** The PyTorch benchmark's JSON line, or null (with the reason printed) when it cannot run here. */
  private String runPytorch(int threadCount, PrintWriter out) throws IOException, InterruptedException {
    PythonTools tools = python.tools();
    String unavailable = tools.unavailable();
    if (unavailable != null) {
      out.println("PyTorch: not run (" + unavailable + ")");
      return null;
    }
    try {
      return tools.run("vigil_flows.bench", List.of("--model", modelDir.toAbsolutePath().toString(), "--sequences",
          Integer.toString(sequences), "--batch", Integer.toString(batch), "--threads", Integer.toString(threadCount),
          "--device", gpu ? "cuda" : "cpu"), null);
    } catch (IllegalStateException e) {
      out.println("PyTorch: not run (" + e.getMessage() + ")");
      return null;
    }
  }

  static Double number(String json, String field) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + field + "\":\\s*([0-9.eE+-]+)")
        .matcher(json);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : null;
  }
}
