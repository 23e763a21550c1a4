package io.vigil.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.SeriesBin;
import io.vigil.model.TimeRange;
import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.forecast.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastDeviationsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final Instant RUN = T0.minus(Duration.ofHours(1));
  private static final ForecastDeviations RULE = new ForecastDeviations(new AnomalyRule(TukeyFences.tukey(), 48, 10));

  private static Instant hour(int h) {
    return T0.plus(Duration.ofHours(h));
  }

  private static SeriesBin bin(String user, int h, long count, double sum) {
    return new SeriesBin("Signins", "", user, "", "", hour(h), count, null, null, sum, sum / count);
  }

  private static Prediction forecast(String user, int h, String metric, double value) {
    return new Prediction("Signins", "", user, "", "", hour(h), metric, value, value - 3, value + 3, "kql-avg", RUN);
  }

  @Test
  void aMissingBinIsAnActualOfZeroAndOnlyPredictedBinsInTheRangeAreJudged() {
    List<SeriesBin> bins = new ArrayList<>();
    List<Prediction> predictions = new ArrayList<>();
    // Hours 0-29: about 100 events an hour (100 to 104), all forecast at 102, except hour 25, which has no row.
    for (int h = 0; h < 30; h++) {
      if (h != 25) {
        bins.add(bin("alice", h, 100 + h % 5, 1000));
      }
      predictions.add(forecast("alice", h, Prediction.COUNT, 102));
    }
    // Hour 30 has a huge count but no forecast: not judged by this rule.
    bins.add(bin("alice", 30, 5000, 1000));

    ForecastDeviations.Outcome outcome = RULE.judge(bins, predictions, new TimeRange(hour(20), hour(31)), false);

    assertEquals(1, outcome.keysScored());
    assertEquals(1, outcome.findings().size(), outcome.findings()::toString);
    Finding drop = outcome.findings().get(0);
    assertEquals(AnomalyKind.FORECAST_DEVIATION, drop.kind());
    assertEquals(hour(25), drop.bin());
    assertEquals(0, drop.actual());
    assertEquals(102, drop.expected());
    assertTrue(drop.score() < -1.5, "a drop scores negative");
    assertTrue(drop.lower() > 0 && drop.lower() < 102 && drop.upper() > 102);
  }

  @Test
  void aQuietKeyIsNotAlarmedByOneEventButIsByMany() {
    List<SeriesBin> bins = new ArrayList<>();
    List<Prediction> predictions = new ArrayList<>();
    for (int h = 0; h < 30; h++) {
      predictions.add(forecast("bob", h, Prediction.COUNT, 0.1));
    }
    bins.add(bin("bob", 20, 1, 10));
    bins.add(bin("bob", 25, 9, 90));

    List<Finding> findings = RULE.judge(bins, predictions, new TimeRange(hour(20), hour(30)), false).findings();

    // Every earlier residual is -0.1, so the sample's own spread is 0; one event is the least spread a count has.
    assertEquals(List.of(hour(25)), findings.stream().map(Finding::bin).toList());
  }

  @Test
  void sumIsJudgedOnlyWithASizeFieldWithOneEventsSizeAsTheLeastSpread() {
    List<SeriesBin> bins = new ArrayList<>();
    List<Prediction> predictions = new ArrayList<>();
    for (int h = 0; h < 30; h++) {
      bins.add(bin("carol", h, 10, h == 27 ? 10 * 500 : 10 * 100));
      predictions.add(forecast("carol", h, Prediction.COUNT, 10));
      predictions.add(forecast("carol", h, Prediction.SUM, 1000));
    }
    TimeRange judged = new TimeRange(hour(20), hour(30));

    assertTrue(RULE.judge(bins, predictions, judged, false).findings().isEmpty());
    List<Finding> withSum = RULE.judge(bins, predictions, judged, true).findings();
    assertEquals(1, withSum.size());
    assertEquals(Prediction.SUM, withSum.get(0).metric());
    assertEquals(hour(27), withSum.get(0).bin());
  }
}
