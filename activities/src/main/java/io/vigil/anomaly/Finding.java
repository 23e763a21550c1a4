package io.vigil.anomaly;

import io.vigil.model.anomaly.AnomalyKind;
import io.vigil.model.anomaly.Severity;
import java.time.Instant;

/**
 * What a rule or baseline found in one bin, before the alert settings, exceptions and evidence of the Anomalies row
 * are added. Key columns the kind does not use are empty strings. See {@link io.vigil.model.anomaly.Anomaly} for
 * what the metric, actual, expected and bound columns hold per kind.
 */
public record Finding(
    AnomalyKind kind,
    String hostname,
    String user,
    String srcIpAddr,
    String activity,
    Instant bin,
    String metric,
    double actual,
    double expected,
    double lower,
    double upper,
    Double score,
    Severity severity) {}
