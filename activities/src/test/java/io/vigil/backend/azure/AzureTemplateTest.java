package io.vigil.backend.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureTemplateTest {

  private static final Path COMMITTED = Path.of(System.getProperty("vigil.repo.dir", "."),
      "docker/azure/vigil-workspace.json");

  @Test
  void theCommittedTemplateIsTheGeneratedOne() throws IOException {
    if (Boolean.getBoolean("vigil.updateGolden")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, AzureTemplate.json());
    }
    assertEquals(AzureTemplate.json(), Files.readString(COMMITTED),
        COMMITTED + " differs from AzureTemplate; regenerate it with -Dvigil.updateGolden=true");
  }

  @Test
  void everyTableHasItsStreamAndFlowWithTheSameColumns() throws IOException {
    JsonNode template = new ObjectMapper().readTree(AzureTemplate.json());
    JsonNode rule = null;
    List<String> tables = new ArrayList<>();
    for (JsonNode resource : template.get("resources")) {
      String type = resource.get("type").asText();
      if (type.equals("Microsoft.Insights/dataCollectionRules")) {
        rule = resource.get("properties");
      } else if (type.equals("Microsoft.OperationalInsights/workspaces/tables")) {
        tables.add(resource.at("/properties/schema/name").asText());
      }
    }
    assertTrue(rule != null, "the template has a data collection rule");
    for (AzureTable table : AzureTable.values()) {
      assertTrue(tables.contains(table.tableName()), table.tableName());
      JsonNode stream = rule.at("/streamDeclarations/" + table.streamName().replace("/", "~1") + "/columns");
      assertEquals(table.allColumns().size(), stream.size(), table.streamName());
      for (int i = 0; i < stream.size(); i++) {
        assertEquals(table.allColumns().get(i).name(), stream.get(i).get("name").asText());
        assertEquals(table.allColumns().get(i).type(), stream.get(i).get("type").asText());
      }
    }
    assertEquals(AzureTable.values().length, rule.get("dataFlows").size());
  }
}
