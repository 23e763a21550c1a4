package io.vigil.backend.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.identity.ClientSecretCredential;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.identity.WorkloadIdentityCredential;
import io.vigil.backend.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureSettingsTest {

  private static final String SECRET = "s3cr3t-value-never-printed";

  private static Map<String, String> minimal() {
    Map<String, String> environment = new HashMap<>();
    environment.put("VIGIL_AZURE_WORKSPACE_ID", "11111111-2222-3333-4444-555555555555");
    environment.put("VIGIL_AZURE_INGESTION_ENDPOINT", "https://vigil-dce.westeurope-1.ingest.monitor.azure.com");
    environment.put("VIGIL_AZURE_DCR_ID", "dcr-0123456789abcdef0123456789abcdef");
    return environment;
  }

  @Test
  void theDefaultsAreThePublicCloudAndDefaultAzureCredential() {
    AzureSettings settings = AzureSettings.fromEnvironment(minimal());
    assertEquals(AzureSettings.PUBLIC_QUERY_ENDPOINT, settings.queryEndpoint());
    assertEquals(AzureSettings.AzureAuthentication.DEFAULT, settings.authentication());
    assertEquals(AzureSettings.SERVICE_ROW_LIMIT, settings.maxRowsPerQuery());
    assertInstanceOf(DefaultAzureCredential.class, settings.credential());
  }

  @Test
  void eachAuthenticationGivesItsAzureIdentityCredential() {
    Map<String, String> environment = minimal();
    environment.put("AZURE_TENANT_ID", "tenant");
    environment.put("AZURE_CLIENT_ID", "client");
    environment.put("AZURE_CLIENT_SECRET", SECRET);
    environment.put("VIGIL_AZURE_AUTH", "client-secret");
    assertInstanceOf(ClientSecretCredential.class, AzureSettings.fromEnvironment(environment).credential());
    environment.put("VIGIL_AZURE_AUTH", "managed-identity");
    assertInstanceOf(ManagedIdentityCredential.class, AzureSettings.fromEnvironment(environment).credential());
    environment.put("VIGIL_AZURE_AUTH", "workload-identity");
    environment.put("AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token");
    assertInstanceOf(WorkloadIdentityCredential.class, AzureSettings.fromEnvironment(environment).credential());
  }

  @Test
  void onlyAuthoritiesOutsideMicrosoftsCloudsSkipInstanceDiscovery() {
    assertTrue(AzureSettings.isMicrosoftCloud(URI.create("https://login.microsoftonline.us")));
    assertTrue(AzureSettings.isMicrosoftCloud(URI.create("https://login.chinacloudapi.cn/")));
    assertFalse(AzureSettings.isMicrosoftCloud(URI.create("https://login.azurestack.contoso.com/adfs")));
    assertFalse(AzureSettings.isMicrosoftCloud(URI.create("https://127.0.0.1:8443")));
  }

  @Test
  void missingAndMalformedSettingsAreNamedAndTheSecretNeverShows(@TempDir Path directory) throws IOException {
    Map<String, String> environment = minimal();
    environment.remove("VIGIL_AZURE_DCR_ID");
    ConfigurationException missing = assertThrows(ConfigurationException.class,
        () -> AzureSettings.fromEnvironment(environment));
    assertTrue(missing.getMessage().startsWith("VIGIL_AZURE_DCR_ID is not set"), missing.getMessage());

    Map<String, String> plainHttp = minimal();
    plainHttp.put("VIGIL_AZURE_QUERY_ENDPOINT", "http://api.loganalytics.io/v1");
    assertTrue(assertThrows(ConfigurationException.class, () -> AzureSettings.fromEnvironment(plainHttp))
        .getMessage().contains("VIGIL_AZURE_QUERY_ENDPOINT: 'http://api.loganalytics.io/v1' is not an https URL"));

    Map<String, String> noSecret = minimal();
    noSecret.put("VIGIL_AZURE_AUTH", "client-secret");
    noSecret.put("AZURE_TENANT_ID", "tenant");
    noSecret.put("AZURE_CLIENT_ID", "client");
    assertTrue(assertThrows(ConfigurationException.class, () -> AzureSettings.fromEnvironment(noSecret))
        .getMessage().contains("AZURE_CLIENT_SECRET or AZURE_CLIENT_SECRET_FILE"));

    // The secret from a mounted file, the rest from a properties file: neither printing nor errors show it.
    Path secretFile = Files.writeString(directory.resolve("secret"), SECRET + "\n");
    Path settingsFile = directory.resolve("azure.properties");
    Files.writeString(settingsFile, "VIGIL_AZURE_WORKSPACE_ID=11111111-2222-3333-4444-555555555555\n"
        + "VIGIL_AZURE_INGESTION_ENDPOINT=https://dce.example.com\nVIGIL_AZURE_DCR_ID=dcr-1\n"
        + "VIGIL_AZURE_AUTH=client-secret\nAZURE_TENANT_ID=tenant\nAZURE_CLIENT_ID=client\n");
    AzureSettings fromFiles = AzureSettings.fromEnvironment(Map.of("VIGIL_AZURE_SETTINGS", settingsFile.toString(),
        "AZURE_CLIENT_SECRET_FILE", secretFile.toString()));
    assertEquals(SECRET, fromFiles.clientSecret().reveal());
    assertFalse(fromFiles.toString().contains(SECRET), fromFiles.toString());
    assertTrue(fromFiles.toString().contains("[redacted]"));
  }
}
