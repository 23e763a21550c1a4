package io.vigil.investigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.investigation.AnomalyInvestigation.Investigation;
import io.vigil.model.Dimension;
import io.vigil.model.SourceConfig;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.Anomaly;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Severity;
import io.vigil.model.forecast.Prediction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The investigation of anomalies written to DuckDB, with series, forecasts and events of known values. */
class AnomalyInvestigationTest {

  private static final TimeRange DAY =
      new TimeRange(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"));
  private static final Instant T1030 = Instant.parse("2026-01-05T10:30:00Z");
  private static final Instant T1040 = Instant.parse("2026-01-05T10:40:00Z");
  private static final Instant EARLY_RUN = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant LATE_RUN = Instant.parse("2026-01-05T10:00:00Z");
  private static final SourceConfig CONFIG = new SourceConfig(1, "Logons", "Computer", "Account", "Action", "Ip",
      "Bytes", "TimeGenerated", Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(30), Duration.ofDays(1),
      Duration.ofDays(7), 24, null);

  private DuckDbBackend backend;
  private AnomalyInvestigation investigation;

  private static Anomaly anomaly(AnomalyKind kind, String user, String ip, String activity, Instant bin,
      String metric, double actual, double lower, double upper) {
    String host = kind == AnomalyKind.FORECAST_DEVIATION ? "ws1" : "";
    return new Anomaly("Logons", kind, host, user, ip, activity, bin, metric, actual, 1, lower, upper, 4.0,
        Severity.MEDIUM, "Vigil anomaly", Severity.MEDIUM, 1, false, "evidence", LATE_RUN);
  }

  private final Anomaly deviation =
      anomaly(AnomalyKind.FORECAST_DEVIATION, "alice", "10.0.0.1", "Logon", T1030, "Count", 5, -1, 3);
  private final Anomaly firstSeen =
      anomaly(AnomalyKind.FIRST_SEEN_USER_IP, "bob", "10.0.0.9", "", T1030, "Count", 2, 0, 0);
  private final Anomaly ipsPerUser =
      anomaly(AnomalyKind.IPS_PER_USER, "alice", "", "", T1040, "DistinctIps", 2, 0, 1.5);

  @BeforeEach
  void open() throws SQLException {
    backend = DuckDbBackend.inMemory();
    StringBuilder events = new StringBuilder("INSERT INTO Logons VALUES ");
    // One event of alice's key per bin from 10:00 to 11:00, five in 10:30 (the spike), and at 10:40 a second IP.
    for (int minute = 0; minute < 60; minute += 10) {
      int count = minute == 30 ? 5 : 1;
      for (int i = 0; i < count; i++) {
        events.append(String.format("('2026-01-05 10:%02d:%02d', 'ws1', 'alice', '10.0.0.1', 'Logon', 10, 'a%d'),",
            minute, i, minute + i));
      }
    }
    events.append("('2026-01-05 10:41:00', 'ws1', 'alice', '10.0.0.2', 'Logon', 10, 'second ip'),")
        .append("('2026-01-05 10:31:00', 'ws2', 'bob', '10.0.0.9', 'Logon', 10, 'bob new ip'),")
        .append("('2026-01-05 10:32:00', 'ws3', 'bob', '10.0.0.9', 'Logoff', 10, 'bob <b>again</b>')");
    try (Connection connection = backend.connection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE Logons (TimeGenerated TIMESTAMP, Computer VARCHAR, Account VARCHAR, "
          + "Ip VARCHAR, Action VARCHAR, Bytes BIGINT, Note VARCHAR)");
      statement.execute(events.toString());
    }
    backend.generateSeriesBins(CONFIG, DAY);
    List<Prediction> predictions = new ArrayList<>();
    for (int minute = 0; minute < 60; minute += 10) {
      Instant bin = Instant.parse(String.format("2026-01-05T10:%02d:00Z", minute));
      predictions.add(new Prediction("Logons", "ws1", "alice", "10.0.0.1", "Logon", bin, "Count", 1, 0, 2,
          "kql-avg", EARLY_RUN));
    }
    // A later run forecast 10:30 again: the investigation shows the latest forecast of each bin.
    predictions.add(new Prediction("Logons", "ws1", "alice", "10.0.0.1", "Logon", T1030, "Count", 1.5, 0.5, 2.5,
        "kql-avg", LATE_RUN));
    backend.replacePredictions("Logons", List.of(EARLY_RUN, LATE_RUN), predictions);
    backend.replaceAnomalies("Logons", new TimeRange(Instant.parse("2026-01-05T10:00:00Z"),
        Instant.parse("2026-01-05T11:00:00Z")), LATE_RUN, List.of(deviation, firstSeen, ipsPerUser), List.of());
    investigation = new AnomalyInvestigation(backend, List.of(CONFIG));
  }

  @AfterEach
  void close() {
    backend.close();
  }

  private static List<Double> actuals(SeriesWindow series) {
    return series.points().stream().map(SeriesWindow.Point::actual).toList();
  }

  @Test
  void anAnomalyIsFoundByItsIdAndAnUnknownOrMalformedIdIsNot() {
    assertEquals(deviation, investigation.find(deviation.id()).orElseThrow());
    assertEquals(firstSeen, investigation.find(firstSeen.id()).orElseThrow());
    assertTrue(investigation.find("an-0000000000000000").isEmpty());
    IllegalArgumentException malformed =
        assertThrows(IllegalArgumentException.class, () -> investigation.find("sq-0a8f752ba5ffbe43de39"));
    assertTrue(malformed.getMessage().contains("'sq-0a8f752ba5ffbe43de39' is not an anomaly id"),
        malformed.getMessage());
  }

  @Test
  void aDeviationShowsItsSeriesWithTheLatestForecastsAndTheEventsOfItsBin() {
    Investigation result = investigation.investigate(deviation, 2, 3);

    SeriesWindow series = result.series();
    assertEquals(List.of(Instant.parse("2026-01-05T10:10:00Z"), Instant.parse("2026-01-05T10:20:00Z"), T1030, T1040,
        Instant.parse("2026-01-05T10:50:00Z")), series.points().stream().map(SeriesWindow.Point::bin).toList());
    assertEquals(List.of(1.0, 1.0, 5.0, 1.0, 1.0), actuals(series), "the other IP at 10:40 is another key");
    assertEquals(new SeriesWindow.Point(T1030, 5, 1.5, 0.5, 2.5), series.points().get(2), "the later run's forecast");
    assertEquals(new SeriesWindow.Point(T1040, 1, 1.0, 0.0, 2.0), series.points().get(3));
    assertEquals(List.of(deviation), series.anomalies(), "only the anomalies of this series are marked");
    assertEquals(List.of("a30", "a31", "a32"), result.events().rows().stream().map(row -> row.get(6)).toList());
    assertTrue(result.events().more(), "five events are in the bin");
    assertEquals(backend.evidenceQuery(CONFIG, deviation.evidenceKey(), new TimeRange(T1030,
        T1030.plus(Duration.ofMinutes(10)))), result.evidence());
  }

  @Test
  void aBaselineShowsTheSumOfItsPairsRowsWithoutAForecast() {
    Investigation result = investigation.investigate(firstSeen, 1, 10);

    SeriesWindow series = result.series();
    assertEquals(Map.of(Dimension.USER, "bob", Dimension.SRC_IP_ADDR, "10.0.0.9"), series.key());
    assertEquals(List.of(0.0, 2.0, 0.0), actuals(series), "bob's two events, over two hosts and activities");
    assertTrue(series.points().stream().allMatch(point -> point.forecast() == null && point.lower() == null));
    assertEquals(List.of(firstSeen), series.anomalies());
    assertEquals(List.of("bob new ip", "bob <b>again</b>"),
        result.events().rows().stream().map(row -> row.get(6)).toList());
    assertFalse(result.events().more());
  }

  @Test
  void aDistinctCountBaselineChartsTheDistinctValuesPerBin() {
    SeriesWindow series = investigation.investigate(ipsPerUser, 1, 0).series();

    assertEquals("DistinctIps", series.metric());
    assertEquals(List.of(1.0, 2.0, 1.0), actuals(series), "alice used two IPs at 10:40");
    assertEquals(List.of(ipsPerUser), series.anomalies());
  }

  @Test
  void anAnomalyOfASourceTheWatchlistDoesNotNameCannotBeInvestigated() {
    Anomaly elsewhere = new Anomaly("Elsewhere", AnomalyKind.FORECAST_DEVIATION, "", "", "", "", T1030, "Count", 1,
        0, 0, 0, 1.0, Severity.LOW, "a", Severity.LOW, 1, false, "e", T1030);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> investigation.investigate(elsewhere, 1, 1));
    assertTrue(error.getMessage().contains("source Elsewhere, which the watchlist does not name"), error.getMessage());
  }
}
