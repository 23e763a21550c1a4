package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus and Alertmanager configuration under observability/, checked by Debian's promtool and amtool: the
 * rules' syntax, their unit tests (alerts_test.yml), and that every alert has a test in which it fires.
 */
class AlertRulesTest {

  private static final Path PROMETHEUS = ObservabilityFiles.OBSERVABILITY.resolve("prometheus");

  @Test
  void theRulesUnitTestsPass() throws Exception {
    String output = DebianTools.run(PROMETHEUS, "promtool", "test", "rules", "alerts_test.yml");
    assertTrue(output.contains("SUCCESS"), output);
  }

  @Test
  void theRulesAndThePrometheusConfigurationAreValid() throws Exception {
    DebianTools.run(PROMETHEUS, "promtool", "check", "rules", "alerts.yml");
    String output = DebianTools.run(PROMETHEUS, "promtool", "check", "config", "prometheus.yml");
    assertTrue(output.contains("SUCCESS: 1 rule files found"), output);
  }

  @Test
  void theAlertmanagerConfigurationIsValid() throws Exception {
    DebianTools.run(ObservabilityFiles.OBSERVABILITY.resolve("alertmanager"), "amtool", "check-config",
        "alertmanager.yml");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertFiresInSomeTestCase() throws Exception {
    Set<String> firedInTests = new TreeSet<>();
    try (Reader reader = Files.newBufferedReader(PROMETHEUS.resolve("alerts_test.yml"))) {
      Map<String, Object> document = new Yaml().load(reader);
      for (Map<String, Object> test : (List<Map<String, Object>>) document.get("tests")) {
        for (Map<String, Object> check : (List<Map<String, Object>>) test.get("alert_rule_test")) {
          if (!((List<Object>) check.get("exp_alerts")).isEmpty()) {
            firedInTests.add((String) check.get("alertname"));
          }
        }
      }
    }
    Set<String> alerts = ObservabilityFiles.alertExpressions().keySet();
    assertEquals(7, alerts.size(), alerts.toString());
    assertEquals(new TreeSet<>(alerts), firedInTests);
  }

  @Test
  void metricNamesAreFoundInPromQl() {
    assertEquals(Set.of("vigil_series_lag_seconds", "vigil_series_lag_allowed_seconds"), ObservabilityFiles.metricNames(
        "min by (source) (vigil_series_lag_seconds{job=~\"vigil.*\"} - vigil_series_lag_allowed_seconds) > 3600"));
    assertEquals(Set.of("temporal_activity_schedule_to_start_latency_seconds_bucket"), ObservabilityFiles.metricNames(
        "histogram_quantile(0.95, sum by (le) (rate(temporal_activity_schedule_to_start_latency_seconds_bucket"
            + "{task_queue=\"vigil-inference\"}[5m]))) > 60 or on(le) vector(1)"));
    assertEquals(Set.of("vigil_run_last_success_timestamp_seconds"), ObservabilityFiles.metricNames(
        "time() - max by (workflow_type, source) (vigil_run_last_success_timestamp_seconds offset 1h) > 2 * 3600"));
  }
}
