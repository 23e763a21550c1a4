package io.vigil.model;

import java.util.Map;

/**
 * The four dimensions of a series key, in the column order of the TimeSeries table. An unused dimension, or a
 * null value in a used one, is the empty string, as KQL's {@code summarize ... by} produces for a missing string.
 */
public enum Dimension {
  HOSTNAME("Hostname", "HostnameField"),
  USER("User", "UserField"),
  SRC_IP_ADDR("SrcIpAddr", "SrcIpAddrField"),
  ACTIVITY("Activity", "ActivityField");

  private final String column;
  private final String watchlistField;

  Dimension(String column, String watchlistField) {
    this.column = column;
    this.watchlistField = watchlistField;
  }

  /**
   * Whether a row's key columns hold the values of {@code key}; dimensions not in {@code key} match any value. The
   * one rule by which a partial key (a baseline's user and IP) selects TimeSeries and Prediction rows.
   */
  public static boolean matches(Map<Dimension, String> key, String hostname, String user, String srcIpAddr,
      String activity) {
    for (Map.Entry<Dimension, String> entry : key.entrySet()) {
      String value = switch (entry.getKey()) {
        case HOSTNAME -> hostname;
        case USER -> user;
        case SRC_IP_ADDR -> srcIpAddr;
        case ACTIVITY -> activity;
      };
      if (!value.equals(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The output column in the TimeSeries and Prediction tables. */
  public String column() {
    return column;
  }

  /** The watchlist column that names the source field for this dimension. */
  public String watchlistField() {
    return watchlistField;
  }
}
