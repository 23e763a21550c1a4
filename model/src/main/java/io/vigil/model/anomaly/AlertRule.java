package io.vigil.model.anomaly;

import java.util.Objects;

/**
 * One row of the AnomaliesConfiguration watchlist: the alert that anomalies of a Source and Activity raise, its
 * severity, and the weight each such anomaly adds towards an incident. An empty activity covers every activity of
 * the source that no row names; the default rule of the global configuration has an empty source too.
 *
 * @param row the watchlist row the rule came from, 0 for the global default
 */
public record AlertRule(int row, String source, String activity, String alertName, Severity severity, double weight) {

  public AlertRule {
    source = Objects.requireNonNullElse(source, "");
    activity = Objects.requireNonNullElse(activity, "");
    Objects.requireNonNull(alertName, "alertName");
    Objects.requireNonNull(severity, "severity");
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("an alert weight is a finite number of 0 or more, was " + weight);
    }
  }
}
