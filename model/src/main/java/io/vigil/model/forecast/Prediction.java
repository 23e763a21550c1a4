package io.vigil.model.forecast;

import java.time.Instant;

/**
 * One row of {@code SentinelCustomAnalytics_Prediction}: the forecast of one metric of one series key for one bin,
 * with its 95% prediction bounds, made by {@code model} in the run at {@code generatedAt}.
 *
 * @param metric {@code Count}, or {@code Sum} of the size field
 */
public record Prediction(
    String source,
    String hostname,
    String user,
    String srcIpAddr,
    String activity,
    Instant timeBin,
    String metric,
    double forecast,
    double lower,
    double upper,
    String model,
    Instant generatedAt) {

  public static final String COUNT = "Count";
  public static final String SUM = "Sum";
}
