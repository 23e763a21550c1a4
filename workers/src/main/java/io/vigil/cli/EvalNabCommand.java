package io.vigil.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil eval nab}: runs the anomaly rule over every series of the Numenta Anomaly Benchmark as a stream and
 * writes NAB results, one CSV per data file at {@code <out>/<detector>/<category>/<detector>_<name>.csv}, which NAB's
 * scorer reads. The detector is {@link NabStreamDetector}.
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
    description = {"Score every NAB series (data/<category>/<name>.csv) point by point with the anomaly rule, each "
        + "point using only the points before it, and write NAB result files (timestamp,value,anomaly_score,label; "
        + "labels from labels/combined_windows.json). Prints files, points and seconds per category, then one JSON "
        + "line. A bad data file is reported and skipped; the exit status is then 1."})
public final class EvalNabCommand implements Callable<Integer> {

  @Option(names = "--data", required = true,
      description = "The NAB corpus: the folder holding data/ and labels/ (for example ../shared/data/nab).")
  Path data;

  @Option(names = "--out", required = true, description = "Folder to write the results under.")
  Path out;

  @Option(names = "--detector", defaultValue = "vigil",
      description = "Detector name in the result paths (letters, digits, '-' and '_'). Default: ${DEFAULT-VALUE}.")
  String detector;

  @Spec CommandSpec spec;

  /** One category's totals; {@code failed} counts the files that could not be scored. */
  record CategoryResult(String category, int files, int failed, long points, double seconds) {}

  /** One data file's points, read and checked in full before anything is written. */
  private record Point(String timestamp, LocalDateTime time, String value, double number) {}

  @Override
  public Integer call() throws IOException {
    if (!detector.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("detector name '" + detector + "': use letters, digits, '-' and '_'");
    }
    PrintWriter printer = spec.commandLine().getOut();
    PrintWriter errors = spec.commandLine().getErr();
    NabLabels labels = NabLabels.read(data.resolve("labels").resolve("combined_windows.json"));
    long started = System.nanoTime();
    List<CategoryResult> results = new ArrayList<>();
    printer.printf(Locale.ROOT, "NAB: detector %s, results under %s%n", detector, out.resolve(detector));
    printer.printf(Locale.ROOT, "%-22s %6s %9s %9s%n", "CATEGORY", "FILES", "POINTS", "SECONDS");
    for (Path category : sortedEntries(data.resolve("data"), true)) {
      CategoryResult result = runCategory(category, labels, errors);
      results.add(result);
      printer.printf(Locale.ROOT, "%-22s %6d %9d %9.3f%n", result.category(), result.files(), result.points(),
          result.seconds());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    int files = results.stream().mapToInt(CategoryResult::files).sum();
    int failed = results.stream().mapToInt(CategoryResult::failed).sum();
    long points = results.stream().mapToLong(CategoryResult::points).sum();
    printer.printf(Locale.ROOT, "%-22s %6d %9d %9.3f%n", "total", files, points, seconds);
    StringJoiner categories = new StringJoiner(",", "{", "}");
    for (CategoryResult result : results) {
      categories.add(String.format(Locale.ROOT, "\"%s\":{\"files\":%d,\"points\":%d,\"seconds\":%.3f}",
          result.category(), result.files(), result.points(), result.seconds()));
    }
    printer.printf(Locale.ROOT,
        "{\"benchmark\":\"nab\",\"detector\":\"%s\",\"files\":%d,\"failed\":%d,\"points\":%d,\"seconds\":%.3f,"
            + "\"categories\":%s}%n", detector, files, failed, points, seconds, categories);
    printer.flush();
    return failed == 0 ? 0 : 1;
  }

  /** Scores and writes every file of one category; a bad file is reported on {@code errors} and counted. */
  private CategoryResult runCategory(Path category, NabLabels labels, PrintWriter errors) throws IOException {
    long started = System.nanoTime();
    String name = category.getFileName().toString();
    Path resultFolder = out.resolve(detector).resolve(name);
    Files.createDirectories(resultFolder);
    int files = 0;
    int failed = 0;
    long points = 0;
    for (Path file : sortedEntries(category, false)) {
      if (!file.getFileName().toString().endsWith(".csv")) {
        continue;
      }
      String labelKey = name + "/" + file.getFileName();
      try {
        if (!labels.windows().containsKey(labelKey)) {
          throw new IllegalArgumentException(file + ": no entry '" + labelKey + "' in combined_windows.json");
        }
        List<Point> series = readSeries(file);
        writeResults(resultFolder.resolve(detector + "_" + file.getFileName()), series, labels, labelKey);
        files++;
        points += series.size();
      } catch (IllegalArgumentException e) {
        errors.println("vigil eval nab: " + e.getMessage());
        errors.flush();
        failed++;
      }
    }
    return new CategoryResult(name, files, failed, points, (System.nanoTime() - started) / 1e9);
  }

  private void writeResults(Path resultFile, List<Point> series, NabLabels labels, String labelKey)
      throws IOException {
    NabStreamDetector detectorState = new NabStreamDetector();
    try (BufferedWriter writer = Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8)) {
      writer.write("timestamp,value,anomaly_score,label\n");
      for (Point point : series) {
        double score = detectorState.next(point.time().toInstant(ZoneOffset.UTC), point.number());
        writer.write(point.timestamp() + "," + point.value() + "," + String.format(Locale.ROOT, "%.6f", score) + ","
            + (labels.isAnomalous(labelKey, point.time()) ? 1 : 0) + "\n");
      }
    }
  }

  /**
   * The points of one data file in file order, checked: the header, two cells per line, a timestamp, a number. Time
   * order is not required: NAB streams its files in line order, and machine_temperature_system_failure.csv steps back
   * an hour once.
   */
  static List<Point> readSeries(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals("timestamp,value")) {
      throw new IllegalArgumentException(file + " line 1: expected the header timestamp,value");
    }
    List<Point> points = new ArrayList<>(lines.size());
    for (int index = 1; index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 2) {
        throw new IllegalArgumentException(file + " line " + lineNumber + ": expected 2 cells, found " + cells.length);
      }
      LocalDateTime time;
      double number;
      try {
        time = LocalDateTime.parse(cells[0], NabLabels.TIMESTAMP);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(file + " line " + lineNumber + ", value '" + cells[0]
            + "': not a timestamp like 2014-04-10 07:15:00");
      }
      try {
        number = Double.parseDouble(cells[1]);
      } catch (NumberFormatException e) {
        number = Double.NaN;
      }
      if (!Double.isFinite(number)) {
        throw new IllegalArgumentException(file + " line " + lineNumber + ", value '" + cells[1] + "': not a number");
      }
      points.add(new Point(cells[0], time, cells[1], number));
    }
    return points;
  }

  /** The folders ({@code directories}) or files in {@code folder}, by name. */
  private static List<Path> sortedEntries(Path folder, boolean directories) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(folder + ": no such folder");
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(path -> Files.isDirectory(path) == directories).sorted().toList();
    }
  }
}
