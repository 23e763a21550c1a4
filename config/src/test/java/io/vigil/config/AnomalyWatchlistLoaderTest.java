package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.anomaly.AlertRule;
import io.vigil.model.anomaly.AnomalySettings;
import io.vigil.model.anomaly.ExceptionRule;
import io.vigil.model.anomaly.FenceKind;
import io.vigil.model.anomaly.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyWatchlistLoaderTest {

  private static final AlertRule DEFAULTS = AnomalySettings.BUILT_IN.defaultAlert();

  private static List<AlertRule> alerts(String text, List<ConfigError> errors) {
    return AnomalyWatchlistLoader.loadAlerts(CsvTable.parse("anomalies.csv", text), DEFAULTS, errors);
  }

  private static List<ExceptionRule> exceptions(String text, List<ConfigError> errors) {
    return AnomalyWatchlistLoader.loadExceptions(CsvTable.parse("exceptions.csv", text), errors);
  }

  @Test
  void alertRowsTakeTheGlobalDefaultsForEmptyCells() {
    List<ConfigError> errors = new ArrayList<>();
    List<AlertRule> rules = alerts("source,ACTIVITY,AlertName,Severity,Weight\n"
        + "Signins,,Odd sign-ins,high,2.5\n"
        + "Signins,Failed,,,\n", errors);

    assertEquals(List.of(), errors);
    assertEquals(List.of(new AlertRule(1, "Signins", "", "Odd sign-ins", Severity.HIGH, 2.5),
        new AlertRule(2, "Signins", "Failed", DEFAULTS.alertName(), DEFAULTS.severity(), DEFAULTS.weight())), rules);
  }

  @Test
  void everyBadAlertValueIsNamedAndItsRowLeftOut() {
    List<ConfigError> errors = new ArrayList<>();
    List<AlertRule> rules = alerts("Source,Activity,AlertName,Severity,Weight,Colour\n"
        + ",Failed,A,Low,1,x\n"
        + "Sign-ins,,A,Low,1,x\n"
        + "Signins,,A,Critical,-1,x\n"
        + "Signins,,A,Low,1,x\n"
        + "signins,,B,Low,1,x\n", errors);

    assertEquals(List.of(new AlertRule(4, "Signins", "", "A", Severity.LOW, 1)), rules);
    List<String> messages = errors.stream().map(ConfigError::toString).toList();
    assertEquals(6, messages.size(), messages::toString);
    assertTrue(messages.get(0).startsWith("anomalies.csv header (line 1), column Colour: unknown column"));
    assertTrue(messages.get(1).startsWith("anomalies.csv row 1 (line 2), column Source, value '': required"));
    assertTrue(messages.get(2).startsWith("anomalies.csv row 2 (line 3), column Source, value 'Sign-ins': is not"));
    assertTrue(messages.get(3).startsWith(
        "anomalies.csv row 3 (line 4), column Severity, value 'Critical': not a severity; expected one of "
            + "Informational, Low, Medium, High"), messages.get(3));
    assertTrue(messages.get(4).startsWith("anomalies.csv row 3 (line 4), column Weight, value '-1': out of range"));
    assertTrue(messages.get(5).startsWith(
        "anomalies.csv row 5 (line 6), column Activity, value '': row 4 already configures source signins"),
        messages.get(5));
  }

  @Test
  void exceptionRowsKeepTheirPatternsAndAnAllEmptyRowIsRefused() {
    List<ConfigError> errors = new ArrayList<>();
    List<ExceptionRule> rules = exceptions("Host,User,Activity,IP\n"
        + "web*,,,10.0.0.*\n"
        + ",,,\n"
        + "*,*,*,*\n", errors);

    assertEquals(List.of(new ExceptionRule(1, "web*", "", "", "10.0.0.*"), new ExceptionRule(3, "*", "*", "*", "*")),
        rules);
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).toString().startsWith("exceptions.csv row 2 (line 3): every pattern is empty"),
        errors.get(0)::toString);
  }

  @Test
  void theGlobalAnomalyKeysAreReadAndValidated() {
    List<ConfigError> errors = new ArrayList<>();
    GlobalConfig global = WatchlistLoader.loadGlobal(CsvTable.parse("global.csv", "Key,Value\n"
        + "AnomalyFences,CTukey\n"
        + "AnomalyFenceK,3\n"
        + "AnomalyResidualWindow,14\n"
        + "AnomalyMinimumResiduals,48\n"
        + "ForecastWarmUpPeriod,0\n"
        + "BaselineLookbackPeriod,30\n"
        + "BaselineMinimumBins,6\n"
        + "AbnormalUseShare,2.5\n"
        + "IncidentWeightThreshold,4\n"
        + "IncidentWindow,120\n"
        + "DefaultAnomalyAlertName,Vigil: unusual activity\n"
        + "DefaultAnomalySeverity,low\n"
        + "DefaultAnomalyWeight,0.5\n"), errors);

    assertEquals(List.of(), errors);
    assertEquals(new AnomalySettings(FenceKind.CTUKEY, 3, Duration.ofDays(14), 48, Duration.ZERO, Duration.ofDays(30),
        6, 0.025, 4, Duration.ofHours(2), new AlertRule(0, "", "", "Vigil: unusual activity", Severity.LOW, 0.5),
        List.of(), List.of()), global.anomalies());

    List<ConfigError> bad = new ArrayList<>();
    GlobalConfig fallback = WatchlistLoader.loadGlobal(CsvTable.parse("global.csv", "Key,Value\n"
        + "AnomalyFences,iqr\n"
        + "AbnormalUseShare,0\n"
        + "AnomalyFenceK,1.5.1\n"), bad);
    assertEquals(AnomalySettings.BUILT_IN, fallback.anomalies());
    assertEquals(3, bad.size());
    assertTrue(bad.get(0).toString().contains("AnomalyFences, value 'iqr': not a fence kind; expected tukey"),
        bad.get(0)::toString);
    assertTrue(bad.get(1).toString().contains("AbnormalUseShare, value '0': out of range; expected a percentage"),
        bad.get(1)::toString);
  }

  @Test
  void loadAddsTheAnomalyWatchlistsToTheSettings(@TempDir Path dir) throws IOException {
    Path watchlist = Files.writeString(dir.resolve("watchlist.csv"), "Source\nSignins\n", StandardCharsets.UTF_8);
    Path global = Files.writeString(dir.resolve("global.csv"), "Key,Value\nIncidentWeightThreshold,7\n",
        StandardCharsets.UTF_8);
    Path anomalies = Files.writeString(dir.resolve("anomalies.csv"),
        "# a comment line\nSource,Activity,AlertName,Severity,Weight\nSignins,,X,Low,2\n", StandardCharsets.UTF_8);
    Path exceptions = Files.writeString(dir.resolve("exceptions.csv"), "Host,User,Activity,IP\n,svc_*,,\n",
        StandardCharsets.UTF_8);

    Watchlists loaded = WatchlistLoader.load(watchlist, global, anomalies, exceptions);

    assertEquals(List.of(), loaded.errors());
    assertEquals(7, loaded.anomalies().incidentThreshold());
    assertEquals(List.of(new AlertRule(1, "Signins", "", "X", Severity.LOW, 2)), loaded.anomalies().alerts());
    assertEquals(List.of(new ExceptionRule(1, "", "svc_*", "", "")), loaded.anomalies().exceptions());
    assertEquals(List.of(), WatchlistLoader.load(watchlist, global).anomalies().alerts());
  }
}
