package io.vigil.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.worker.Metrics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/ and the Grafana provisioning, checked as far as a machine without a Docker engine allows: the compose file
 * names the services the deployment needs, every file it builds from or mounts exists, ports are published on
 * loopback only, and the images, Prometheus and Grafana agree on ports, paths and the data source.
 */
class DeploymentFilesTest {

  private static final Path DOCKER = DebianTools.REPOSITORY.resolve("docker");
  private static final Path GRAFANA = ObservabilityFiles.OBSERVABILITY.resolve("grafana");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new Yaml().load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    return (Map<String, Map<String, Object>>) yaml(DOCKER.resolve("compose.yaml")).get("services");
  }

  @Test
  void composeRunsTemporalOnPostgresItsUiTheMonitoringAndBothWorkers() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertEquals(Set.of("postgresql", "temporal", "temporal-ui", "cpu-worker", "gpu-worker", "prometheus",
        "alertmanager", "grafana"), services.keySet());
    assertEquals("postgres12", environment(services.get("temporal")).get("DB"));
    assertEquals("postgresql", environment(services.get("temporal")).get("POSTGRES_SEEDS"));
    for (String worker : List.of("cpu-worker", "gpu-worker")) {
      assertEquals("temporal:7233", environment(services.get(worker)).get("VIGIL_TEMPORAL_ADDRESS"), worker);
    }
    assertEquals(List.of("gpu"), services.get("gpu-worker").get("profiles"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Map<String, Object> service) {
    return (Map<String, Object>) service.get("environment");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyBuiltAndMountedPathExistsAndEveryPortIsOnLoopback() throws IOException {
    for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
      Map<String, Object> build = (Map<String, Object>) service.getValue().get("build");
      if (build != null) {
        Path context = DOCKER.resolve((String) build.get("context")).normalize();
        assertTrue(Files.isRegularFile(context.resolve((String) build.get("dockerfile"))), service.getKey());
        assertTrue(Files.isRegularFile(context.resolve("pom.xml")), "the build context is the repository root");
      }
      for (String volume : (List<String>) service.getValue().getOrDefault("volumes", List.of())) {
        String source = volume.split(":")[0];
        if (source.startsWith(".")) {
          assertTrue(Files.exists(DOCKER.resolve(source)), service.getKey() + " mounts " + source);
        }
      }
      for (String port : (List<String>) service.getValue().getOrDefault("ports", List.of())) {
        assertTrue(port.startsWith("127.0.0.1:"), service.getKey() + " publishes " + port + " beyond loopback");
      }
    }
  }

  @Test
  void theWorkerImagesServeMetricsWherePrometheusScrapesThem() throws IOException {
    String port = String.valueOf(Metrics.DEFAULT_PORT);
    for (String dockerfile : List.of("Dockerfile.cpu", "Dockerfile.gpu")) {
      String text = Files.readString(DOCKER.resolve(dockerfile));
      assertTrue(text.contains("EXPOSE " + port) && text.contains("--metrics-address 0.0.0.0"), dockerfile);
    }
    String prometheus = Files.readString(ObservabilityFiles.OBSERVABILITY.resolve("prometheus/prometheus.yml"));
    assertTrue(prometheus.contains("\"cpu-worker:" + port + "\"") && prometheus.contains("port: " + port)
        && prometheus.contains("alertmanager:9093"), prometheus);
  }

  @Test
  void theGpuImageIsBuiltWithOnnxRuntimeGpuOnCuda12AndCudnn9() throws IOException {
    String text = Files.readString(DOCKER.resolve("Dockerfile.gpu"));
    assertTrue(text.contains("mvn -B -q -Pgpu -DskipTests package"), text);
    assertTrue(text.matches("(?s).*\\nFROM nvidia/cuda:12\\.[0-9.]+-cudnn-runtime-.*"), text);
    assertTrue(text.contains("worker --gpu"), text);
    String pom = Files.readString(DebianTools.REPOSITORY.resolve("pom.xml"));
    assertTrue(pom.contains("<id>gpu</id>") && pom.contains("<onnxruntime.artifact>onnxruntime_gpu"), "root pom");
  }

  @Test
  @SuppressWarnings("unchecked")
  void grafanaProvisionsThePrometheusDataSourceAndTheDashboardFolderComposeMounts() throws IOException {
    Map<String, Object> datasource = ((List<Map<String, Object>>) yaml(
        GRAFANA.resolve("provisioning/datasources/prometheus.yml")).get("datasources")).get(0);
    assertEquals("http://prometheus:9090", datasource.get("url"));
    Map<String, Object> provider = ((List<Map<String, Object>>) yaml(
        GRAFANA.resolve("provisioning/dashboards/vigil.yml")).get("providers")).get(0);
    String dashboards = (String) ((Map<String, Object>) provider.get("options")).get("path");
    assertTrue(((List<String>) services().get("grafana").get("volumes"))
        .contains("../observability/grafana/dashboards:" + dashboards + ":ro"), dashboards);

    JsonNode dashboard = new ObjectMapper().readTree(ObservabilityFiles.DASHBOARD.toFile());
    Set<String> sources = new TreeSet<>();
    dashboard.path("panels").forEach(panel -> panel.path("targets")
        .forEach(target -> sources.add(target.path("datasource").path("uid").asText())));
    assertEquals(Set.of(datasource.get("uid")), sources);
  }

  @Test
  void dockerComposeAcceptsTheFileWhereItsPluginIsInstalled() throws Exception {
    boolean plugin;
    try {
      Process version = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
      version.getInputStream().readAllBytes();
      plugin = version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException noDocker) {
      plugin = false;
    }
    Assumptions.assumeTrue(plugin, "the docker CLI or its compose plugin is not installed here; the other tests "
        + "check the file");
    Process config = new ProcessBuilder("docker", "compose", "-f", DOCKER.resolve("compose.yaml").toString(),
        "--profile", "gpu", "config", "--quiet").redirectErrorStream(true).start();
    String output = new String(config.getInputStream().readAllBytes());
    assertTrue(config.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, config.exitValue(), output);
  }
}
