package io.vigil.backend.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ARM template that prepares a Log Analytics (Sentinel) workspace for Vigil: the custom tables, a data
 * collection endpoint, one data collection rule with a stream per table, and the two role assignments the workers'
 * identity needs (Monitoring Metrics Publisher on the rule to upload, Log Analytics Reader on the workspace to
 * query). It is generated from {@link AzureTable}, so the tables, the streams and the rows Vigil uploads always
 * agree; {@code docker/azure/vigil-workspace.json} is this output, kept equal to it by a test.
 */
public final class AzureTemplate {

  /** Built-in role: upload through a data collection rule. */
  static final String MONITORING_METRICS_PUBLISHER = "3913510d-42f4-4e42-8a64-420c390055eb";
  /** Built-in role: query a workspace's tables. */
  static final String LOG_ANALYTICS_READER = "73c42c96-874c-492b-b04d-ab87d138a893";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String DCR = "[resourceId('Microsoft.Insights/dataCollectionRules', "
      + "parameters('dataCollectionRuleName'))]";
  private static final String DCE = "[resourceId('Microsoft.Insights/dataCollectionEndpoints', "
      + "parameters('dataCollectionEndpointName'))]";

  private AzureTemplate() {}

  /** The template as pretty-printed JSON. */
  public static String json() {
    ObjectNode template = JSON.createObjectNode()
        .put("$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")
        .put("contentVersion", "1.0.0.0");
    ObjectNode parameters = template.putObject("parameters");
    parameter(parameters, "workspaceName", "string", null, "The Log Analytics workspace Sentinel uses.");
    parameter(parameters, "location", "string", "[resourceGroup().location]", "Where the endpoint and rule live.");
    parameter(parameters, "dataCollectionEndpointName", "string", "vigil-dce", "The data collection endpoint.");
    parameter(parameters, "dataCollectionRuleName", "string", "vigil-dcr", "The data collection rule.");
    parameters.putObject("retentionInDays").put("type", "int").put("defaultValue", 90)
        .putObject("metadata").put("description", "How long the Vigil tables keep rows.");
    parameter(parameters, "workerPrincipalId", "string", null, "Object id of the identity Vigil's workers run as "
        + "(managed identity, workload identity or application).");
    template.putObject("variables")
        .put("workspaceId", "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))]")
        .put("monitoringMetricsPublisher", MONITORING_METRICS_PUBLISHER)
        .put("logAnalyticsReader", LOG_ANALYTICS_READER);

    ArrayNode resources = template.putArray("resources");
    ArrayNode ruleDependsOn = JSON.createArrayNode().add(DCE);
    ObjectNode streams = JSON.createObjectNode();
    ArrayNode flows = JSON.createArrayNode();
    for (AzureTable table : AzureTable.values()) {
      ObjectNode resource = resources.addObject().put("type", "Microsoft.OperationalInsights/workspaces/tables")
          .put("apiVersion", "2022-10-01")
          .put("name", "[concat(parameters('workspaceName'), '/" + table.tableName() + "')]");
      ObjectNode properties = resource.putObject("properties").put("retentionInDays", "[parameters('retentionInDays')]");
      properties.putObject("schema").put("name", table.tableName()).set("columns", columns(table));
      ruleDependsOn.add("[resourceId('Microsoft.OperationalInsights/workspaces/tables', parameters('workspaceName'), '"
          + table.tableName() + "')]");
      streams.putObject(table.streamName()).set("columns", columns(table));
      ObjectNode flow = flows.addObject();
      flow.putArray("streams").add(table.streamName());
      flow.putArray("destinations").add("vigilWorkspace");
      flow.put("transformKql", "source").put("outputStream", table.streamName());
    }
    resources.addObject().put("type", "Microsoft.Insights/dataCollectionEndpoints").put("apiVersion", "2022-06-01")
        .put("name", "[parameters('dataCollectionEndpointName')]").put("location", "[parameters('location')]")
        .putObject("properties").putObject("networkAcls").put("publicNetworkAccess", "Enabled");
    ObjectNode rule = resources.addObject().put("type", "Microsoft.Insights/dataCollectionRules")
        .put("apiVersion", "2022-06-01").put("name", "[parameters('dataCollectionRuleName')]")
        .put("location", "[parameters('location')]");
    rule.set("dependsOn", ruleDependsOn);
    ObjectNode ruleProperties = rule.putObject("properties").put("dataCollectionEndpointId", DCE);
    ruleProperties.set("streamDeclarations", streams);
    ruleProperties.putObject("destinations").putArray("logAnalytics").addObject()
        .put("workspaceResourceId", "[variables('workspaceId')]").put("name", "vigilWorkspace");
    ruleProperties.set("dataFlows", flows);
    roleAssignment(resources, "[format('Microsoft.Insights/dataCollectionRules/{0}', "
        + "parameters('dataCollectionRuleName'))]", DCR, "monitoringMetricsPublisher", DCR);
    roleAssignment(resources, "[format('Microsoft.OperationalInsights/workspaces/{0}', parameters('workspaceName'))]",
        "[variables('workspaceId')]", "logAnalyticsReader", null);

    ObjectNode outputs = template.putObject("outputs");
    outputs.putObject("VIGIL_AZURE_WORKSPACE_ID").put("type", "string")
        .put("value", "[reference(variables('workspaceId'), '2022-10-01').customerId]");
    outputs.putObject("VIGIL_AZURE_INGESTION_ENDPOINT").put("type", "string")
        .put("value", "[reference(" + DCE.substring(1, DCE.length() - 1) + ").logsIngestion.endpoint]");
    outputs.putObject("VIGIL_AZURE_DCR_ID").put("type", "string")
        .put("value", "[reference(" + DCR.substring(1, DCR.length() - 1) + ").immutableId]");
    try {
      return JSON.writeValueAsString(template) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the ARM template", e);
    }
  }

  private static void parameter(ObjectNode parameters, String name, String type, String defaultValue,
      String description) {
    ObjectNode parameter = parameters.putObject(name).put("type", type);
    if (defaultValue != null) {
      parameter.put("defaultValue", defaultValue);
    }
    parameter.putObject("metadata").put("description", description);
  }

  private static ArrayNode columns(AzureTable table) {
    ArrayNode columns = JSON.createArrayNode();
    for (AzureTable.Column column : table.allColumns()) {
      columns.addObject().put("name", column.name()).put("type", column.type());
    }
    return columns;
  }

  private static void roleAssignment(ArrayNode resources, String scope, String target, String role,
      String dependsOn) {
    ObjectNode assignment = resources.addObject().put("type", "Microsoft.Authorization/roleAssignments")
        .put("apiVersion", "2022-04-01").put("scope", scope)
        .put("name", "[guid(" + target.substring(1, target.length() - 1) + ", parameters('workerPrincipalId'), "
            + "variables('" + role + "'))]");
    if (dependsOn != null) {
      assignment.putArray("dependsOn").add(dependsOn);
    }
    assignment.putObject("properties")
        .put("roleDefinitionId", "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('"
            + role + "'))]")
        .put("principalId", "[parameters('workerPrincipalId')]").put("principalType", "ServicePrincipal");
  }
}
