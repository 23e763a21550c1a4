package io.vigil.config;

import io.vigil.model.Identifier;
import io.vigil.model.anomaly.AlertRule;
import io.vigil.model.anomaly.ExceptionRule;
import io.vigil.model.anomaly.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the two anomaly watchlists of the Sentinel design: AnomaliesConfiguration (Source, Activity, AlertName,
 * Severity, Weight: the alert each source and activity raises) and AnomaliesExceptions (Host, User, Activity, IP:
 * keys that never alert, {@code *} matching anything). Column names match without regard to case; every bad value
 * becomes a {@link ConfigError} naming file, row, column and value, and leaves its row out.
 */
public final class AnomalyWatchlistLoader {

  public static final List<String> ALERT_COLUMNS = List.of("Source", "Activity", "AlertName", "Severity", "Weight");
  public static final List<String> EXCEPTION_COLUMNS = List.of("Host", "User", "Activity", "IP");

  private AnomalyWatchlistLoader() {}

  /** The AnomaliesConfiguration rows; empty AlertName, Severity and Weight take {@code defaults}. */
  static List<AlertRule> loadAlerts(CsvTable table, AlertRule defaults, List<ConfigError> errors) {
    Map<String, Integer> columns = columns(table, ALERT_COLUMNS, errors);
    if (!columns.containsKey("Source")) {
      errors.add(new ConfigError(table.file(), 0, table.headerLine(), "Source", null,
          "missing column; every AnomaliesConfiguration row names the Source its alert is for"));
      return List.of();
    }
    List<AlertRule> rules = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (CsvTable.Row row : table.rows()) {
      Cells cells = new Cells(table, row, columns, errors);
      String source = cells.get("Source");
      if (source.isEmpty()) {
        cells.error("Source", source, "required; name the source (as in the source watchlist) the alert is for");
      } else {
        Identifier.problem(source).ifPresent(problem -> cells.error("Source", source, problem));
      }
      String activity = cells.get("Activity");
      String alertName = cells.get("AlertName");
      if (alertName.isEmpty()) {
        alertName = defaults.alertName();
      } else if (!Setting.TEXT.parse(alertName).ok()) {
        cells.error("AlertName", alertName, "expected " + Setting.TEXT.allowed());
      }
      Severity severity = defaults.severity();
      String severityText = cells.get("Severity");
      if (!severityText.isEmpty()) {
        severity = Severity.byLabel(severityText).orElse(null);
        if (severity == null) {
          cells.error("Severity", severityText, "not a severity; expected " + Setting.SEVERITY.allowed());
        }
      }
      double weight = defaults.weight();
      String weightText = cells.get("Weight");
      if (!weightText.isEmpty()) {
        Setting.Parsed parsed = Setting.NUMBER_OR_ZERO.parse(weightText);
        if (parsed.ok()) {
          weight = parsed.number();
        } else {
          cells.error("Weight", weightText, parsed.error());
        }
      }
      // Only valid rows claim their Source and Activity, so a row fixed further down is not called a repeat.
      String key = source.toLowerCase(Locale.ROOT) + '\u0000' + activity.toLowerCase(Locale.ROOT);
      Integer earlier = cells.valid() ? seen.putIfAbsent(key, row.number()) : null;
      if (earlier != null) {
        cells.error("Activity", activity, "row " + earlier + " already configures source " + source
            + (activity.isEmpty() ? " with an empty Activity" : " and this activity"));
      }
      if (cells.valid()) {
        rules.add(new AlertRule(row.number(), source, activity, alertName, severity, weight));
      }
    }
    return List.copyOf(rules);
  }

  /** The AnomaliesExceptions rows. */
  static List<ExceptionRule> loadExceptions(CsvTable table, List<ConfigError> errors) {
    Map<String, Integer> columns = columns(table, EXCEPTION_COLUMNS, errors);
    List<ExceptionRule> rules = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      Cells cells = new Cells(table, row, columns, errors);
      String host = cells.get("Host");
      String user = cells.get("User");
      String activity = cells.get("Activity");
      String ip = cells.get("IP");
      if (host.isEmpty() && user.isEmpty() && activity.isEmpty() && ip.isEmpty()) {
        // A row of empty patterns would silence every anomaly; that must be written out as * on purpose.
        cells.error("", null, "every pattern is empty, which would except every anomaly; write * in a column to do "
            + "that on purpose");
      }
      if (cells.valid()) {
        rules.add(new ExceptionRule(row.number(), host, user, activity, ip));
      }
    }
    return List.copyOf(rules);
  }

  /** Maps each known column to its index, reporting unknown and repeated ones. */
  private static Map<String, Integer> columns(CsvTable table, List<String> known, List<ConfigError> errors) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < table.header().size(); i++) {
      String name = table.header().get(i);
      String canonical = known.stream().filter(c -> c.equalsIgnoreCase(name.strip())).findFirst().orElse(null);
      if (canonical == null) {
        errors.add(new ConfigError(table.file(), 0, table.headerLine(), name, null,
            "unknown column, ignored; allowed columns are " + String.join(", ", known)));
      } else if (columns.putIfAbsent(canonical, i) != null) {
        errors.add(new ConfigError(table.file(), 0, table.headerLine(), name, null,
            "column appears twice; the first is used"));
      }
    }
    return columns;
  }

  /** The cells of one row, trimmed, recording an error for each bad one. */
  private static final class Cells extends RowCells {

    Cells(CsvTable table, CsvTable.Row row, Map<String, Integer> columns, List<ConfigError> errors) {
      super(table, row, columns, errors);
    }

    String get(String column) {
      return raw(column).strip();
    }
  }
}
