package io.vigil.model.anomaly;

import java.util.Arrays;
import java.util.List;

/**
 * What an anomaly row says is unusual: a bin that deviates from its forecast, or one of the baselines of DESIGN
 * section 4. The {@link #id} is what the Anomalies table's Kind column holds.
 */
public enum AnomalyKind {
  /** A bin's Count or Sum lies beyond the Tukey fences of its key's residuals (actual minus forecast). */
  FORECAST_DEVIATION("ForecastDeviation"),
  /** A user used a source IP for the first time within the baseline lookback. */
  FIRST_SEEN_USER_IP("FirstSeenUserIp"),
  /** A user used a host for the first time within the baseline lookback. */
  FIRST_SEEN_USER_HOST("FirstSeenUserHost"),
  /** A user performed an activity for the first time within the baseline lookback. */
  FIRST_SEEN_USER_ACTIVITY("FirstSeenUserActivity"),
  /** A user used more distinct source IPs in one bin than their own history makes usual. */
  IPS_PER_USER("IpsPerUser"),
  /** A user used a source IP that they had used before, but rarely. */
  ABNORMAL_IP_FOR_USER("AbnormalIpForUser"),
  /** A user used more distinct hosts in one bin than their own history makes usual. */
  HOSTS_PER_USER("HostsPerUser"),
  /** A user used a host that they had used before, but rarely. */
  ABNORMAL_HOST_FOR_USER("AbnormalHostForUser"),
  /** More distinct users came from one source IP in one bin than its history makes usual. */
  USERS_PER_IP("UsersPerIp");

  private final String id;

  AnomalyKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The baseline kinds, every kind but {@link #FORECAST_DEVIATION}. */
  public static List<AnomalyKind> baselines() {
    return Arrays.stream(values()).filter(kind -> kind != FORECAST_DEVIATION).toList();
  }
}
