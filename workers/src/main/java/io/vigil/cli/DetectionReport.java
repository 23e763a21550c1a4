package io.vigil.cli;

import io.vigil.flows.FlowStore;
import io.vigil.model.detection.DetectionResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a detection run did, in words, and its strongest detections. */
final class DetectionReport {

  private static final String[] HEADER = {"SCORE", "SEQUENCE", "ENTITY", "FIRST FLOW", "LAST FLOW", "FLOWS",
      "LABELLED", "MITRE ATT&CK"};

  private DetectionReport() {}

  static void print(DetectionResult result, FlowStore store, int top, double seconds, PrintWriter out) {
    var sequencing = result.sequencing();
    out.printf(Locale.ROOT, "Flows %s: %,d read, %,d rejected; %,d sequences scored with %s on %s in %.1f s%n",
        result.dataset(), sequencing.flows(), sequencing.rejected(), sequencing.sequences(), result.modelVersion(),
        result.device(), seconds);
    for (String rejection : sequencing.rejections()) {
      out.println("  rejected: " + rejection);
    }
    if (sequencing.rejected() > sequencing.rejections().size()) {
      out.printf("  ... and %,d more rejected rows%n", sequencing.rejected() - sequencing.rejections().size());
    }
    out.printf(Locale.ROOT, "Detections: %,d above the threshold %.6g%s%n", result.detections(), result.threshold(),
        result.mapped() > 0 ? String.format(Locale.ROOT, "; %,d mapped to a MITRE ATT&CK technique",
            result.mapped()) : "");
    if (result.labelled() > 0) {
      double precision = result.detections() == 0 ? 0 : (double) result.truePositives() / result.detections();
      double recall = result.malicious() == 0 ? 0 : (double) result.truePositives() / result.malicious();
      out.printf(Locale.ROOT, "Labels: %,d of %,d labelled sequences malicious; precision %.3f, recall %.3f at "
          + "the threshold%n", result.malicious(), result.labelled(), precision, recall);
    }
    List<String[]> rows = new ArrayList<>();
    for (FlowStore.Detection detection : store.topDetections(result.dataset(), top)) {
      rows.add(new String[] {String.format(Locale.ROOT, "%.4f", detection.score()), detection.sequenceId(),
          detection.entity(), SummaryTable.instant(detection.first()), SummaryTable.instant(detection.last()),
          Integer.toString(detection.flows()), detection.label() == null ? "-" : detection.label() == 1
              ? "malicious" : "benign", detection.techniqueId() == null ? "-"
              : String.format(Locale.ROOT, "%s %s (%.2f)", detection.techniqueId(), detection.techniqueName(),
                  detection.mitreConfidence())});
    }
    if (!rows.isEmpty()) {
      TextTable.print(HEADER, rows, out);
      out.println("See a sequence's flows with: vigil investigate sequence <SEQUENCE>");
    }
  }
}
