package io.vigil.model.anomaly;

/**
 * One row of the AnomaliesExceptions watchlist: Host, User, Activity and IP patterns. A key matching every pattern
 * of a row never alerts; {@code *} matches any run of characters and an empty pattern matches anything.
 *
 * @param row the watchlist row, for messages
 */
public record ExceptionRule(int row, String host, String user, String activity, String srcIp) {}
