package io.vigil.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One frequency of the M4 competition data, as its CSV files are published: {@code <Frequency>-train.csv} and
 * {@code <Frequency>-test.csv}, a header line, then one row per series with the id in column {@code V1} and the values
 * after it, quoted or not; rows are ragged, their unused trailing cells empty.
 *
 * @param series the series in file order
 */
record M4Dataset(List<Series> series) {

  /** One series: its training values and the hold-out values that follow them. */
  record Series(String id, double[] train, double[] test) {}

  /** Reads {@code Hourly-train.csv} and {@code Hourly-test.csv} from {@code folder}, checking they match. */
  static M4Dataset readHourly(Path folder) {
    Path trainFile = folder.resolve("Hourly-train.csv");
    Path testFile = folder.resolve("Hourly-test.csv");
    Map<String, double[]> train = readRows(trainFile);
    Map<String, double[]> test = readRows(testFile);
    List<Series> series = new ArrayList<>();
    for (Map.Entry<String, double[]> row : train.entrySet()) {
      double[] holdOut = test.get(row.getKey());
      if (holdOut == null) {
        throw new IllegalArgumentException(testFile + ": no row for series " + row.getKey() + " of " + trainFile);
      }
      series.add(new Series(row.getKey(), row.getValue(), holdOut));
    }
    if (test.size() != train.size()) {
      throw new IllegalArgumentException(testFile + " has " + test.size() + " series but " + trainFile + " has "
          + train.size());
    }
    return new M4Dataset(List.copyOf(series));
  }

  /** The rows of one file by series id, in file order. Every problem names the file and the line. */
  static Map<String, double[]> readRows(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !unquote(lines.get(0).split(",", -1)[0]).equals("V1")) {
      throw new IllegalArgumentException(file + " line 1: expected a header starting with V1");
    }
    Map<String, double[]> rows = new LinkedHashMap<>();
    for (int index = 1; index < lines.size(); index++) {
      int lineNumber = index + 1;
      if (lines.get(index).isBlank()) {
        continue;
      }
      String[] cells = lines.get(index).split(",", -1);
      String id = unquote(cells[0]);
      if (id.isEmpty()) {
        throw new IllegalArgumentException(file + " line " + lineNumber + ": the series id (V1) is empty");
      }
      double[] values = new double[cells.length - 1];
      int count = 0;
      for (int column = 1; column < cells.length; column++) {
        String cell = unquote(cells[column]);
        if (cell.isEmpty()) {
          continue;
        }
        if (count != column - 1) {
          throw new IllegalArgumentException(file + " line " + lineNumber + ", column V" + (column + 1)
              + ": a value after an empty cell; only trailing cells may be empty");
        }
        try {
          values[count++] = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + " line " + lineNumber + ", column V" + (column + 1) + ", value '"
              + cell + "': not a number");
        }
      }
      if (count == 0) {
        throw new IllegalArgumentException(file + " line " + lineNumber + ": series " + id + " has no values");
      }
      if (rows.put(id, Arrays.copyOf(values, count)) != null) {
        throw new IllegalArgumentException(file + " line " + lineNumber + ": series " + id + " appears twice");
      }
    }
    return rows;
  }

  private static String unquote(String cell) {
    String trimmed = cell.strip();
    return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
        ? trimmed.substring(1, trimmed.length() - 1).strip()
        : trimmed;
  }
}
