package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.forecast.Naive2;
import io.vigil.forecast.SeasonalNaive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil eval m4} and the M4 metric code, checked against the published benchmark figures. */
class EvalM4CommandTest {

  private static final Path M4 = Path.of(System.getProperty("vigil.shared.dir", "../../shared"), "data", "m4");

  private static void assumeM4DataPresent() {
    boolean present = Files.isRegularFile(M4.resolve("Hourly-train.csv"))
        && Files.isRegularFile(M4.resolve("Hourly-test.csv"));
    assumeTrue(present, "skipped: the M4 Hourly files are not in " + M4.toAbsolutePath() + " (set -Dvigil.shared.dir)");
  }

  @Test
  void naive2AndSeasonalNaiveReproduceThePublishedM4HourlyFigures() {
    assumeM4DataPresent();
    M4Dataset dataset = M4Dataset.readHourly(M4);

    EvalM4Command.Score naive2 = EvalM4Command.evaluate(new Naive2(24), dataset);
    EvalM4Command.Score seasonalNaive = EvalM4Command.evaluate(new SeasonalNaive(24), dataset);

    assertEquals(414, dataset.series().size());
    assertEquals("18.383", threeDecimals(naive2.smape()));
    assertEquals("2.395", threeDecimals(naive2.mase()));
    assertEquals("13.912", threeDecimals(seasonalNaive.smape()));
    assertEquals("1.193", threeDecimals(seasonalNaive.mase()));
  }

  @Test
  void commandPrintsEveryModelAndEndsWithJson() {
    assumeM4DataPresent();

    VigilRun run = VigilRun.of("eval", "m4", "--data", M4.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    String json = lines.get(lines.size() - 1);
    assertTrue(json.startsWith("{\"benchmark\":\"m4-hourly\",\"series\":414,\"horizon\":48,"), json);
    assertTrue(json.contains("\"naive2\":{\"smape\":18.383,\"mase\":2.395,\"owa\":1.000,"), json);
    assertTrue(json.contains("\"snaive\":{\"smape\":13.912,\"mase\":1.193,\"owa\":0.628,"), json);
    for (String model : List.of("kql-avg", "kql-linefit", "multiseasonal")) {
      assertTrue(json.contains("\"" + model + "\":{"), model + " missing from " + json);
    }
  }

  @Test
  void theValidationSplitHoldsOutTheEndOfTheTrainingPartAndNeverTheTestPart() {
    M4Dataset dataset = new M4Dataset(List.of(new M4Dataset.Series("H1", new double[100], new double[] {7, 7})));
    for (int i = 0; i < 100; i++) {
      dataset.series().get(0).train()[i] = i;
    }

    M4Dataset.Series split = EvalM4Command.validationSplit(dataset).series().get(0);

    assertEquals(52, split.train().length);
    assertEquals(51, split.train()[51]);
    assertEquals(48, split.test().length);
    assertEquals(52, split.test()[0], "the held-out points are the training part's last 48");
    assertEquals(99, split.test()[47]);
  }

  @Test
  void aBadValueIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Hourly-train.csv"),
        "\"V1\",\"V2\",\"V3\"\n\"H1\",\"1\",\"2\"\n\"H2\",\"3\",\"x\"\n");
    Files.writeString(dir.resolve("Hourly-test.csv"), "\"V1\",\"V2\"\n\"H1\",\"1\"\n\"H2\",\"2\"\n");

    VigilRun run = VigilRun.of("eval", "m4", "--data", dir.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Hourly-train.csv line 3, column V3, value 'x': not a number"), run.err());
  }

  @Test
  void raggedRowsKeepOnlyTheirValuesAndGapsAreRejected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("Hourly-train.csv");
    Files.writeString(file, "V1,V2,V3,V4\nH1,1,2,\nH2,3,4,5\n");
    assertEquals(List.of(2, 3), M4Dataset.readRows(file).values().stream().map(values -> values.length).toList());

    Files.writeString(file, "V1,V2,V3,V4\nH1,1,,3\n");
    IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> M4Dataset.readRows(file));
    assertTrue(gap.getMessage().contains("Hourly-train.csv line 2, column V4"), gap.getMessage());
  }

  @Test
  void aMissingFileAndAnUnknownModelAreNamed(@TempDir Path dir) {
    VigilRun missing = VigilRun.of("eval", "m4", "--data", dir.toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("Hourly-train.csv: no such file"), missing.err());

    VigilRun unknown = VigilRun.of("eval", "m4", "--data", dir.toString(), "--models", "snaive,prophet");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown model 'prophet'"), unknown.err());
  }

  private static String threeDecimals(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
