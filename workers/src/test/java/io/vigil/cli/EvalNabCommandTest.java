package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil eval nab} on a corpus built here and on the real NAB corpus. */
class EvalNabCommandTest {

  private static final Path NAB = Path.of(System.getProperty("vigil.shared.dir", "../../shared"), "data", "nab");
  private static final LocalDateTime START = LocalDateTime.of(2014, 4, 1, 0, 0);

  /** Two categories: a flat noisy series with a spike at point 300 inside its window, and a series with none. */
  private static Path tinyCorpus(Path root) throws IOException {
    writeSeries(root.resolve("data/catA/spiky.csv"), 400, 300, 500);
    writeSeries(root.resolve("data/catB/calm.csv"), 200, -1, 0);
    Files.createDirectories(root.resolve("labels"));
    Files.writeString(root.resolve("labels/combined_windows.json"), """
        {
            "catA/spiky.csv": [
                [
                    "2014-04-02 00:50:00.000000",
                    "2014-04-02 01:10:00.000000"
                ]
            ],
            "catA/broken.csv": [],
            "catB/calm.csv": []
        }
        """);
    return root;
  }

  /** Five-minute points of 100 plus a repeating wiggle, and {@code spike} added at point {@code spikeAt}. */
  private static void writeSeries(Path file, int points, int spikeAt, double spike) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < points; i++) {
      double value = 100 + (i * 7 % 5) + (i == spikeAt ? spike : 0);
      csv.append(timestamp(i)).append(',').append(value).append('\n');
    }
    Files.writeString(file, csv);
  }

  private static String timestamp(int point) {
    return START.plusMinutes(5L * point).format(NabLabels.TIMESTAMP);
  }

  @Test
  void writesOneResultFilePerSeriesWithLabelsAndScoresInTheUnitInterval(@TempDir Path dir) throws IOException {
    Path corpus = tinyCorpus(dir.resolve("nab"));
    Path out = dir.resolve("results");

    VigilRun run = VigilRun.of("eval", "nab", "--data", corpus.toString(), "--out", out.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<String> spiky = Files.readAllLines(out.resolve("vigil/catA/vigil_spiky.csv"));
    List<String> calm = Files.readAllLines(out.resolve("vigil/catB/vigil_calm.csv"));
    assertEquals("timestamp,value,anomaly_score,label", spiky.get(0));
    assertEquals(401, spiky.size());
    assertEquals(201, calm.size());
    // Point 300 is 2014-04-02 01:00; the window runs from 00:50 to 01:10, both ends included: points 298 to 302.
    for (int point = 0; point < 400; point++) {
      String[] cells = spiky.get(point + 1).split(",");
      assertEquals(timestamp(point), cells[0]);
      assertEquals(point >= 298 && point <= 302 ? "1" : "0", cells[3], "label of point " + point);
    }
    for (List<String> lines : List.of(spiky, calm)) {
      for (String line : lines.subList(1, lines.size())) {
        double score = Double.parseDouble(line.split(",")[2]);
        assertTrue(score >= 0 && score <= 1, line);
      }
    }
    assertTrue(Double.parseDouble(spiky.get(301).split(",")[2]) > 0.9, spiky.get(301));
    assertTrue(calm.stream().skip(1).allMatch(line -> line.split(",")[3].equals("0")));

    List<String> lines = run.out().lines().toList();
    assertTrue(run.out().contains("catA"), run.out());
    String json = lines.get(lines.size() - 1);
    assertTrue(json.startsWith(
        "{\"benchmark\":\"nab\",\"detector\":\"vigil\",\"files\":2,\"failed\":0,\"points\":600,"), json);
  }

  @Test
  void aBadFileIsNamedWithItsLineAndTheOthersStillRun(@TempDir Path dir) throws IOException {
    Path corpus = tinyCorpus(dir.resolve("nab"));
    Path bad = corpus.resolve("data/catA/broken.csv");
    Files.writeString(bad, "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,abc\n");
    Files.writeString(corpus.resolve("data/catB/unlabelled.csv"), "timestamp,value\n2014-04-01 00:00:00,1\n");
    Path out = dir.resolve("results");

    VigilRun run = VigilRun.of("eval", "nab", "--data", corpus.toString(), "--out", out.toString(), "--detector",
        "mine");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("broken.csv line 3, value 'abc': not a number"), run.err());
    assertTrue(run.err().contains("unlabelled.csv: no entry 'catB/unlabelled.csv' in combined_windows.json"),
        run.err());
    assertTrue(Files.isRegularFile(out.resolve("mine/catA/mine_spiky.csv")));
    assertTrue(Files.isRegularFile(out.resolve("mine/catB/mine_calm.csv")));
    assertFalse(Files.exists(out.resolve("mine/catA/mine_broken.csv")));
    assertTrue(run.out().lines().reduce((first, second) -> second).orElseThrow().contains("\"failed\":2"), run.out());
  }

  @Test
  void aBadLabelsFileIsNamedWithItsLine(@TempDir Path dir) throws IOException {
    Path corpus = tinyCorpus(dir.resolve("nab"));
    Files.writeString(corpus.resolve("labels/combined_windows.json"),
        "{\n  \"catA/spiky.csv\": [[\"yesterday\", \"now\"]]\n}");

    VigilRun run = VigilRun.of("eval", "nab", "--data", corpus.toString(), "--out", dir.resolve("out").toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("combined_windows.json line 2: 'yesterday' is not a timestamp"), run.err());
  }

  @Test
  void theRealCorpusGivesFiftyEightResultFilesWithOneRowPerPoint(@TempDir Path out) throws IOException {
    assumeTrue(Files.isRegularFile(NAB.resolve("labels/combined_windows.json")),
        "skipped: the NAB corpus is not in " + NAB.toAbsolutePath() + " (set -Dvigil.shared.dir)");

    VigilRun run = VigilRun.of("eval", "nab", "--data", NAB.toString(), "--out", out.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<Path> dataFiles = csvFiles(NAB.resolve("data"));
    assertEquals(58, dataFiles.size());
    long points = 0;
    for (Path dataFile : dataFiles) {
      String category = dataFile.getParent().getFileName().toString();
      Path result = out.resolve("vigil").resolve(category).resolve("vigil_" + dataFile.getFileName());
      long dataRows = lineCount(dataFile) - 1;
      assertEquals(dataRows, lineCount(result) - 1, result.toString());
      points += dataRows;
    }
    assertEquals(365_558, points);
    assertEquals(58, csvFiles(out).size());
    String json = run.out().lines().reduce((first, second) -> second).orElseThrow();
    assertTrue(json.startsWith(String.format(Locale.ROOT,
        "{\"benchmark\":\"nab\",\"detector\":\"vigil\",\"files\":58,\"failed\":0,\"points\":%d,", points)), json);
  }

  private static List<Path> csvFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.toString().endsWith(".csv")).sorted().toList();
    }
  }

  private static long lineCount(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    }
  }
}
