package io.vigil.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The KQL model on synthetic series with a known period, trend and Gaussian noise (standard deviation 1, fixed
 * seed): two weeks of hourly points, forecast one day ahead. The tolerance is 1.5 noise standard deviations, since a
 * per-phase median of 14 noisy points is itself off by about 0.3; with trend {@code linefit} it is 2.5, because KQL
 * fits the line to the raw series before the seasonal component, and over 14 cycles the line absorbs a little of the
 * sine (a slope bias of about -0.008 per point, -1.4 at the forecast start).
 */
class KqlDecomposeForecastTest {

  private static final int PERIOD = 24;
  private static final int LENGTH = 14 * PERIOD;
  private static final int HORIZON = PERIOD;
  private static final double TOLERANCE = 1.5;
  private static final double LINEFIT_TOLERANCE = 2.5;

  private static final IntToDoubleFunction DAILY = t -> 20 * Math.sin(2 * Math.PI * t / PERIOD);
  private static final IntToDoubleFunction LEVEL = t -> 50 + DAILY.applyAsDouble(t);
  private static final IntToDoubleFunction TRENDING = t -> 100 + 0.5 * t + DAILY.applyAsDouble(t);

  @Test
  void autoDetectionFindsTheTruePeriodNotAMultiple() {
    assertEquals(PERIOD, PeriodDetector.detect(noisy(LEVEL, LENGTH, 1), 0.6).period());
    assertEquals(PERIOD, PeriodDetector.detect(noisy(TRENDING, LENGTH, 2), 0.6).period());
    // Four weeks of a weekly step: weekdays at 100, weekends at 40.
    assertEquals(168, PeriodDetector.detect(noisy(t -> (t / 24) % 7 < 5 ? 100 : 40, 4 * 168, 3), 0.6).period());
  }

  @Test
  void noiseHasNoPeriod() {
    assertEquals(0, PeriodDetector.detect(noisy(t -> 10, LENGTH, 4), 0.6).period());
  }

  @Test
  void trendAvgWithDetectedSeasonalityExtendsThePhaseMedians() {
    assertForecastsWithin(new KqlDecomposeForecast(-1, Trend.AVG, 0.6), LEVEL, LEVEL);
  }

  @Test
  void trendLinefitExtendsTheLinePlusTheSeasonalProfile() {
    assertForecastsWithin(new KqlDecomposeForecast(-1, Trend.LINEFIT, 0.6), TRENDING, TRENDING);
  }

  @Test
  void trendNoneKeepsTheLevelInTheSeasonalMedians() {
    assertForecastsWithin(new KqlDecomposeForecast(-1, Trend.NONE, 0.6), LEVEL, LEVEL);
  }

  @Test
  void seasonalityZeroForecastsTheTrendAlone() {
    assertForecastsWithin(new KqlDecomposeForecast(0, Trend.AVG, 0.6), LEVEL, t -> 50);
    assertForecastsWithin(new KqlDecomposeForecast(0, Trend.LINEFIT, 0.6), TRENDING, t -> 100 + 0.5 * t);
  }

  @Test
  void aFixedPeriodIsUsedWithoutDetection() {
    KqlDecomposeForecast fixed = new KqlDecomposeForecast(PERIOD, Trend.AVG, 0.6);

    assertEquals(PERIOD, fixed.period(noisy(t -> 10, LENGTH, 5)));
    assertForecastsWithin(fixed, LEVEL, LEVEL);
  }

  @Test
  void namesSayTheTrendAndAFixedPeriod() {
    assertEquals("kql-avg", KqlDecomposeForecast.withDefaults().name());
    assertEquals("kql-linefit-p24", new KqlDecomposeForecast(24, Trend.LINEFIT, 0.6).name());
  }

  @Test
  void boundsAreTheResidualSpreadAroundTheBaseline() {
    Forecast forecast = KqlDecomposeForecast.withDefaults().forecast(noisy(LEVEL, LENGTH, 6), HORIZON);
    for (int h = 0; h < HORIZON; h++) {
      double halfWidth = forecast.upper()[h] - forecast.mean()[h];
      // Residuals of unit-variance noise around phase medians: about 1.96 wide on each side.
      assertTrue(halfWidth > 1.5 && halfWidth < 2.5, "half width " + halfWidth);
      assertEquals(halfWidth, forecast.mean()[h] - forecast.lower()[h], 1e-9);
    }
  }

  private static void assertForecastsWithin(ForecastModel model, IntToDoubleFunction signal,
      IntToDoubleFunction expected) {
    Forecast forecast = model.forecast(noisy(signal, LENGTH, 7), HORIZON);
    for (int h = 0; h < HORIZON; h++) {
      double tolerance = model.name().startsWith("kql-linefit") ? LINEFIT_TOLERANCE : TOLERANCE;
      assertEquals(expected.applyAsDouble(LENGTH + h), forecast.mean()[h], tolerance, model.name() + " step " + h);
    }
  }

  static double[] noisy(IntToDoubleFunction signal, int length, long seed) {
    Random random = new Random(seed);
    double[] series = new double[length];
    for (int t = 0; t < length; t++) {
      series[t] = signal.applyAsDouble(t) + random.nextGaussian();
    }
    return series;
  }
}
