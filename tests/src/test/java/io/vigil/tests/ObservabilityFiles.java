package io.vigil.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The alert rules and the Grafana dashboard under observability/, and the metric names their PromQL uses. */
final class ObservabilityFiles {

  static final Path OBSERVABILITY = DebianTools.REPOSITORY.resolve("observability");
  static final Path ALERTS = OBSERVABILITY.resolve("prometheus/alerts.yml");
  static final Path DASHBOARD = OBSERVABILITY.resolve("grafana/dashboards/vigil.json");

  /** Words of PromQL that are not metric names: set operators, modifiers and grouping keywords. */
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
      "group_left", "group_right", "offset", "bool", "inf", "nan");
  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  /** Label lists after by, without, on, ignoring, group_left and group_right. */
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private ObservabilityFiles() {}

  /** Each alert rule's name and expression, in file order. */
  @SuppressWarnings("unchecked")
  static Map<String, String> alertExpressions() throws IOException {
    Map<String, String> rules = new LinkedHashMap<>();
    try (Reader reader = Files.newBufferedReader(ALERTS)) {
      Map<String, Object> document = new Yaml().load(reader);
      for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
          rules.put((String) rule.get("alert"), (String) rule.get("expr"));
        }
      }
    }
    return rules;
  }

  /** Every PromQL expression of the dashboard's panels. */
  static List<String> dashboardExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        expressions.add(target.path("expr").asText());
      }
    }
    return expressions;
  }

  /**
   * The metric names {@code expression} selects: what is left once strings, label matchers, ranges and label lists
   * are removed, without keywords and the functions and aggregations (names followed by a parenthesis).
   */
  static Set<String> metricNames(String expression) {
    String bare = LABEL_LISTS.matcher(RANGES.matcher(BRACES.matcher(QUOTED.matcher(expression).replaceAll(" "))
        .replaceAll(" ")).replaceAll(" ")).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher word = NAME.matcher(bare);
    while (word.find()) {
      boolean call = bare.substring(word.end()).stripLeading().startsWith("(");
      boolean afterDigit = word.start() > 0 && Character.isDigit(bare.charAt(word.start() - 1));
      if (!call && !afterDigit && !KEYWORDS.contains(word.group().toLowerCase(java.util.Locale.ROOT))) {
        names.add(word.group());
      }
    }
    return names;
  }

  /** The sample names of a scrape in the Prometheus text format. */
  static Set<String> exportedNames(String scrape) {
    Set<String> names = new TreeSet<>();
    scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
        .forEach(line -> {
          Matcher name = NAME.matcher(line);
          if (name.lookingAt()) {
            names.add(name.group());
          }
        });
    return names;
  }
}
