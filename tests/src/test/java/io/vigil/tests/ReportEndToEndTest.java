package io.vigil.tests;

import static io.vigil.report.ReportFixtures.occurrences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.cli.VigilRun;
import io.vigil.report.HtmlReport;
import io.vigil.report.ReportFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil up --once} on the bundled sample data, then {@code vigil investigate anomaly} on an anomaly it listed
 * and {@code vigil report}, whose page headless chromium opens: its charts and table rows must be there in the
 * numbers the database holds. The screenshot is kept as {@code tests/target/report-screenshot.png}.
 */
class ReportEndToEndTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("vigil.repo.dir", ".."));

  @TempDir static Path dir;
  private static String upOutput;

  private static Path database() {
    return dir.resolve("vigil.duckdb");
  }

  private static List<String> withConfig(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", database().toString(), "--watchlist", dir.resolve("watchlist.csv").toString(),
        "--global", dir.resolve("global.csv").toString(), "--anomalies", dir.resolve("anomalies.csv").toString(),
        "--exceptions", dir.resolve("exceptions.csv").toString()));
    return all;
  }

  private static VigilRun vigil(String... args) {
    return VigilRun.of(withConfig(args).toArray(String[]::new));
  }

  @BeforeAll
  static void runOnePassOnTheSampleData() throws IOException {
    for (String file : List.of("watchlist.csv", "global.csv", "anomalies.csv", "exceptions.csv")) {
      Files.copy(REPOSITORY.resolve("config").resolve(file), dir.resolve(file));
    }
    VigilRun up = vigil("up", "--once", "--temporal-port", "0");
    assertEquals(0, up.exitCode(), up.out() + up.err());
    upOutput = up.out();
  }

  /** The ids of the anomalies {@code vigil up} listed, in its order. */
  private static List<String> listedAnomalyIds() {
    return upOutput.lines().filter(line -> line.startsWith("an-")).map(line -> line.split(" ")[0]).toList();
  }

  private static long single(String sql) throws SQLException {
    try (DuckDbBackend backend = DuckDbBackend.open(database());
        Connection connection = backend.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void anAnomalyListedByUpIsInvestigatedWithItsSeriesAndRawEvents() throws Exception {
    List<String> ids = listedAnomalyIds();
    assertEquals(10, ids.size(), upOutput);
    String id = ids.get(0);

    VigilRun text = vigil("investigate", "anomaly", id, "--bins", "3", "--events", "5");
    VigilRun json = vigil("investigate", "anomaly", id, "--bins", "3", "--events", "5", "--json");

    assertEquals(0, text.exitCode(), text.out() + text.err());
    assertTrue(text.out().startsWith("Anomaly " + id + ": "), text.out());
    assertEquals(1, text.out().lines().filter(line -> line.endsWith("<< this one")).count(), text.out());
    assertTrue(text.out().contains("Raw events of "), text.out());
    assertEquals(0, json.exitCode(), json.err());
    JsonNode investigation = new ObjectMapper().readTree(json.out());
    assertEquals(id, investigation.path("anomaly").path("id").asText());
    JsonNode points = investigation.path("series").path("points");
    assertEquals(7, points.size(), "three bins either side of the anomalous one");
    assertEquals(id, points.get(3).path("anomalies").get(0).asText(), "the middle bin is the anomaly's");
    assertEquals(investigation.path("anomaly").path("actual").asDouble(), points.get(3).path("actual").asDouble(),
        1e-9, "the series has the anomaly's own value at its bin");
    long matching = single("SELECT count(*) FROM (" + investigation.path("anomaly").path("evidence").asText() + ")");
    assertEquals(Math.min(5, matching), investigation.path("events").path("rows").size());
    assertEquals(matching > 5, investigation.path("events").path("more").asBoolean());
  }

  @Test
  void badInputsAreNamedInTheirErrors() {
    VigilRun unknown = vigil("investigate", "anomaly", "an-0000000000000000");
    VigilRun malformed = vigil("investigate", "anomaly", "sq-123");
    VigilRun noDatabase = VigilRun.of("report", "--out", dir.resolve("r.html").toString(), "--db",
        dir.resolve("missing.duckdb").toString());
    VigilRun noFolder = vigil("report", "--out", dir.resolve("no-such-folder/r.html").toString());

    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("no anomaly an-0000000000000000 among the anomalies"), unknown.err());
    assertEquals(1, malformed.exitCode());
    assertTrue(malformed.err().contains("'sq-123' is not an anomaly id"), malformed.err());
    assertEquals(1, noDatabase.exitCode());
    assertTrue(noDatabase.err().contains("no DuckDB file " + dir.resolve("missing.duckdb")), noDatabase.err());
    assertEquals(1, noFolder.exitCode());
    assertTrue(noFolder.err().contains("cannot write --out " + dir.resolve("no-such-folder/r.html")
        + ": its folder does not exist"), noFolder.err());
  }

  @Test
  void theReportOpensInChromiumWithItsChartsAndRows() throws Exception {
    Chromium chromium = Chromium.require();
    Path page = dir.resolve("report.html");
    int top = 3;
    int rows = 20;

    VigilRun report = vigil("report", "--out", page.toString(), "--top", Integer.toString(top), "--rows",
        Integer.toString(rows));

    assertEquals(0, report.exitCode(), report.out() + report.err());
    String dom = chromium.dumpDom(page);
    chromium.screenshot(page, Path.of("target", "report-screenshot.png"), 1400, 2600);
    // The sample's sources each have far more than three anomalous series and twenty anomalies and incidents.
    assertEquals(3 * top, occurrences(dom, "<svg class=\"chart\""), "three charts for each of three sources");
    // The file and firewall sources' anomalies are all forecast deviations, each charted with its band; the sign-in
    // source's charts include baselines, which have no forecast.
    long banded = Arrays.stream(dom.split("<figure ")).skip(1).filter(chart -> chart.contains("<path class=\"band\""))
        .count();
    assertTrue(banded >= 2 * top && banded <= 3 * top, "charts with a forecast band: " + banded);
    assertEquals(rows, occurrences(dom, "<tr class=\"anomaly\""));
    assertEquals(rows, occurrences(dom, "<tr class=\"incident\""));
    long detections = single("SELECT count(*) FROM Vigil_NetworkDetections");
    assertTrue(detections > rows, "the sample flows have hundreds of detections: " + detections);
    assertEquals(rows, occurrences(dom, "<tr class=\"detection\""));
    assertEquals(single("SELECT sum(\"Flows\") FROM (SELECT \"Flows\" FROM Vigil_NetworkDetections "
        + "ORDER BY \"Score\" DESC, \"SequenceId\" LIMIT " + rows + ")"), occurrences(dom, "<tr class=\"flow\""),
        "every listed detection's flows are in its drill-down");
    assertEquals(single("SELECT count(DISTINCT coalesce(\"TechniqueId\", '')) FROM Vigil_NetworkDetections"),
        occurrences(dom, "<tr class=\"technique\""));
    assertTrue(dom.contains(listedAnomalyIds().get(0)), "the strongest anomaly up listed is in the report");
  }

  @Test
  void markupInTheDataStaysTextInTheBrowser() throws Exception {
    Chromium chromium = Chromium.require();
    Path page = dir.resolve("hostile.html");
    Files.writeString(page, HtmlReport.render(ReportFixtures.hostile()));

    String dom = chromium.dumpDom(page);

    assertEquals(0, occurrences(dom, "<script"), "no script element was parsed from the data");
    assertEquals(0, occurrences(dom, "<img"), "no attribute breakout made an element");
    assertEquals(2, occurrences(dom, "<svg class=\"chart\""));
    assertEquals(3, occurrences(dom, "<tr class=\"anomaly\""));
    // The browser serialises text nodes with < and > escaped: the values are there as text, whole.
    assertTrue(dom.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;:80"), "the flow's address reads as it was");
    assertTrue(dom.contains("user=&lt;script&gt;alert('x')&lt;/script&gt;"), "the key reads as it was");
  }
}
