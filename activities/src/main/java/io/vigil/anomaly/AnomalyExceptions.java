package io.vigil.anomaly;

import io.vigil.model.anomaly.ExceptionRule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The AnomaliesExceptions watchlist: rows of Host, User, Activity and IP patterns; an anomaly whose key matches every
 * pattern of some row is suppressed. A pattern matches the whole value, ignoring case, and {@code *} in it matches
 * any run of characters, the empty one included; every other character stands for itself. An empty or null pattern
 * matches any value, so a row restricts only the columns it fills in. A null value is matched as the empty string,
 * as KQL gives for a missing string.
 */
public final class AnomalyExceptions {

  private record CompiledRow(Pattern host, Pattern user, Pattern activity, Pattern srcIp) {

    boolean matches(String hostname, String userName, String activityName, String ip) {
      return matches(host, hostname) && matches(user, userName) && matches(activity, activityName)
          && matches(srcIp, ip);
    }

    private static boolean matches(Pattern pattern, String value) {
      return pattern.matcher(value == null ? "" : value).matches();
    }
  }

  private final List<CompiledRow> rows;

  public AnomalyExceptions(List<ExceptionRule> exceptions) {
    List<CompiledRow> compiled = new ArrayList<>(exceptions.size());
    for (ExceptionRule exception : exceptions) {
      compiled.add(new CompiledRow(glob(exception.host()), glob(exception.user()), glob(exception.activity()),
          glob(exception.srcIp())));
    }
    this.rows = List.copyOf(compiled);
  }

  /** Whether some exception row covers this key, so that its anomalies are suppressed. */
  public boolean matches(String hostname, String user, String activity, String srcIp) {
    for (CompiledRow row : rows) {
      if (row.matches(hostname, user, activity, srcIp)) {
        return true;
      }
    }
    return false;
  }

  /** A whole-value, case-insensitive pattern in which only {@code *} is special. */
  static Pattern glob(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      return Pattern.compile(".*", Pattern.DOTALL);
    }
    StringBuilder regex = new StringBuilder();
    String[] literals = pattern.split("\\*", -1);
    for (int i = 0; i < literals.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!literals[i].isEmpty()) {
        regex.append(Pattern.quote(literals[i]));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }
}
