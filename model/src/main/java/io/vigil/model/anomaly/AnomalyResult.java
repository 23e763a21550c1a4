package io.vigil.model.anomaly;

import io.vigil.model.TimeRange;
import java.util.Map;

/**
 * What one anomaly run did.
 *
 * @param evaluated the bins judged, or null when there were none new
 * @param keysScored series keys whose bins had forecasts to compare with
 * @param anomaliesByKind anomalies written per kind id, excepted ones included
 * @param excepted anomalies an AnomaliesExceptions row covers
 * @param incidents incidents raised
 * @param note why nothing was judged, or empty
 */
public record AnomalyResult(
    String source,
    TimeRange evaluated,
    int keysScored,
    Map<String, Integer> anomaliesByKind,
    int excepted,
    int incidents,
    String note) {

  public int anomalies() {
    return anomaliesByKind.values().stream().mapToInt(Integer::intValue).sum();
  }
}
