package io.vigil.model.anomaly;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the anomaly rule, the baselines and the incident rule need besides the watchlist row: the global
 * configuration's anomaly keys, the AnomaliesConfiguration rows and the AnomaliesExceptions rows.
 * {@link #BUILT_IN} holds the defaults of keys the global configuration does not set.
 *
 * @param fences AnomalyFences: the percentiles of the Tukey fences
 * @param fenceK AnomalyFenceK: how many spreads beyond a fence make an anomaly
 * @param residualWindow AnomalyResidualWindow: the residuals of how long before a bin its fences come from
 * @param minimumResiduals AnomalyMinimumResiduals: how many earlier residuals a key needs before its bins are scored
 * @param forecastWarmUp ForecastWarmUpPeriod: on a source's first forecast, how far back to make the forecasts
 *     that would have been made had Vigil been running, so the rule can judge recent bins at once; 0 turns it off
 * @param baselineLookback BaselineLookbackPeriod: how much history the baselines compare a bin with
 * @param baselineMinimumBins BaselineMinimumBins: how many earlier active bins an entity needs before its counts
 *     and its rare pairs are judged
 * @param rareShare AbnormalUseShare as a fraction: a pair seen before in fewer than this share of the user's
 *     active bins is abnormal
 * @param incidentThreshold IncidentWeightThreshold: the total weight of one key's anomalies that raises an incident
 * @param incidentWindow IncidentWindow: how far apart the first and last anomaly of one incident may be
 * @param defaultAlert the alert of sources and activities AnomaliesConfiguration does not name
 * @param alerts the AnomaliesConfiguration rows
 * @param exceptions the AnomaliesExceptions rows
 */
public record AnomalySettings(
    FenceKind fences,
    double fenceK,
    Duration residualWindow,
    int minimumResiduals,
    Duration forecastWarmUp,
    Duration baselineLookback,
    int baselineMinimumBins,
    double rareShare,
    double incidentThreshold,
    Duration incidentWindow,
    AlertRule defaultAlert,
    List<AlertRule> alerts,
    List<ExceptionRule> exceptions) {

  public static final AnomalySettings BUILT_IN = new AnomalySettings(
      FenceKind.TUKEY, 1.5, Duration.ofDays(7), 24, Duration.ofDays(4), Duration.ofDays(7), 12, 0.05, 3,
      Duration.ofDays(1), new AlertRule(0, "", "", "Vigil anomaly", Severity.MEDIUM, 1), List.of(), List.of());

  public AnomalySettings {
    Objects.requireNonNull(fences, "fences");
    Objects.requireNonNull(defaultAlert, "defaultAlert");
    alerts = List.copyOf(alerts);
    exceptions = List.copyOf(exceptions);
  }

  /** These settings with the rows of the two anomaly watchlists. */
  public AnomalySettings withRules(List<AlertRule> alertRows, List<ExceptionRule> exceptionRows) {
    return new AnomalySettings(fences, fenceK, residualWindow, minimumResiduals, forecastWarmUp, baselineLookback,
        baselineMinimumBins, rareShare, incidentThreshold, incidentWindow, defaultAlert, alertRows, exceptionRows);
  }
}
