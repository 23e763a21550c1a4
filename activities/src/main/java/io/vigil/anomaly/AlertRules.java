package io.vigil.anomaly;

import io.vigil.model.anomaly.AlertRule;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The AnomaliesConfiguration rows, looked up by Source and Activity: a row naming both wins, then the source's row
 * with an empty Activity, then the global default. Names match without regard to case, as Sentinel matches table
 * names and as watchlists are typed by hand.
 */
public final class AlertRules {

  private record Key(String source, String activity) {
    static Key of(String source, String activity) {
      return new Key(source.toLowerCase(Locale.ROOT), activity.toLowerCase(Locale.ROOT));
    }
  }

  private final AlertRule defaultRule;
  private final Map<Key, AlertRule> rules = new HashMap<>();

  public AlertRules(AlertRule defaultRule, List<AlertRule> rows) {
    this.defaultRule = defaultRule;
    for (AlertRule row : rows) {
      rules.putIfAbsent(Key.of(row.source(), row.activity()), row);
    }
  }

  /** The rule for anomalies of {@code source} with {@code activity} (empty when the anomaly has none). */
  public AlertRule forAnomaly(String source, String activity) {
    AlertRule exact = rules.get(Key.of(source, activity));
    if (exact != null) {
      return exact;
    }
    return rules.getOrDefault(Key.of(source, ""), defaultRule);
  }
}
