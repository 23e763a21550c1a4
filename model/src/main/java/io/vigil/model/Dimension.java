package io.vigil.model;

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

  /** The output column in the TimeSeries and Prediction tables. */
  public String column() {
    return column;
  }

  /** The watchlist column that names the source field for this dimension. */
  public String watchlistField() {
    return watchlistField;
  }
}
