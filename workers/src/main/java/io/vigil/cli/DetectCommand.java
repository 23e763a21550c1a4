package io.vigil.cli;

import io.vigil.activities.VigilMetrics;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.flows.FlowStore;
import io.vigil.inference.OnnxScorer;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionResult;
import io.vigil.model.detection.Threshold;
import io.vigil.worker.CpuWorker;
import io.vigil.worker.EmbeddedTemporal;
import io.vigil.worker.Passes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil detect}: scores a flow source with the sequence model as an ad-hoc workflow on the embedded stack. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {
        "Read flows from a CSV, Parquet or Zeek conn.log file or a DuckDB table, group them into sequences, score "
            + "them with the bundled ONNX model on the inference task queue, and write the sequences above the "
            + "threshold to " + FlowStore.DETECTIONS + ", as a detect/<dataset> workflow on the embedded stack.",
        "Every rejected row is counted and the first ones are printed with their reasons; the other rows are "
            + "scored. Each detection's sequence id turns back into its flows with `vigil investigate sequence`.",
        "Exit status: 0 when the run finished, 1 when it failed, 2 when the stack could not start."})
public final class DetectCommand implements Callable<Integer> {

  @Option(names = "--flows", required = true, paramLabel = "FILE|TABLE|snowflake:TABLE",
      description = "Flow file (.csv, .parquet, Zeek conn.log), a table of the DuckDB database, or snowflake:<table> "
          + "for a table of the Snowflake schema the SNOWFLAKE_* settings name.")
  String flows;

  @Option(names = "--db", paramLabel = "FILE", defaultValue = "vigil.duckdb",
      description = "DuckDB database file the flows, sequences and detections are stored in. Default: ${DEFAULT-VALUE}.")
  Path database;

  @Option(names = "--threshold", paramLabel = "SCORE",
      description = "Score above which a sequence is a detection. Default: 0.5, as the bundled model's score is the "
          + "probability that a sequence is malicious.")
  Double threshold;

  @Option(names = "--percentile", paramLabel = "P",
      description = "Instead of --threshold: the percentile of this dataset's scores above which a sequence is a "
          + "detection, strictly between 0 and 100.")
  Double percentile;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "" + DetectionInput.DEFAULT_BATCH,
      description = "Sequences per inference activity. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--mitre", description = "Map each detection to a MITRE ATT&CK tactic and technique, with a "
      + "confidence and the flow features that drove it (docs/mitre.md).")
  boolean mitre;

  @Option(names = "--gpu", description = "Score with ONNX Runtime's CUDA provider (a GPU build and CUDA 12 needed); "
      + "falls back to the CPU with a warning.")
  boolean gpu;

  @Option(names = "--temporal-port", paramLabel = "PORT", defaultValue = "0",
      description = "Port of the embedded Temporal server on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int temporalPort;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10",
      description = "Detections to print, highest score first. Default: ${DEFAULT-VALUE}.")
  int top;

  @Mixin ModelOptions models;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if ((threshold != null && percentile != null) || (percentile != null && !(percentile > 0 && percentile < 100))
        || batch < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --threshold or --percentile, not "
          + "both; a percentile lies strictly between 0 and 100, and --batch is at least 1");
    }
    Threshold rule = percentile != null ? Threshold.percentile(percentile)
        : threshold != null ? Threshold.fixed(threshold) : Threshold.DEFAULT;
    try (DuckDbBackend backend = DuckDbBackend.open(database);
        OnnxScorer scorer = OnnxScorer.load(models.registry().current(), gpu);
        EmbeddedTemporal temporal = EmbeddedTemporal.start(temporalPort);
        CpuWorker worker = CpuWorker.startWithDetection(temporal.client(), backend, backend,
            EmbeddedTemporal.workerFactoryOptions(), scorer, VigilMetrics.none())) {
      String dataset = Path.of(flows).getFileName().toString();
      long started = System.nanoTime();
      DetectionResult result = Passes.detection(temporal.client(), dataset, new DetectionInput(flows, rule, batch, mitre));
      DetectionReport.print(result, new FlowStore(backend), top, (System.nanoTime() - started) / 1e9, out);
      return 0;
    }
  }

}
