package io.vigil.backend.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.AzureAuthorityHosts;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import io.vigil.backend.ConfigurationException;
import io.vigil.backend.LayeredSettings;
import io.vigil.backend.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the Log Analytics workspace and its data collection rule are, and how Vigil authenticates to them. Read from
 * environment variables, or from a properties file named by {@code VIGIL_AZURE_SETTINGS} with the same keys, the
 * environment winning. The client secret may come from a file ({@code AZURE_CLIENT_SECRET_FILE}, as a mounted
 * Kubernetes secret), and is a {@link Secret}, so neither {@link #toString} nor any error shows it.
 *
 * @param workspaceId the Log Analytics workspace id (a GUID), for queries
 * @param queryEndpoint the Log Analytics query API, {@code https://api.loganalytics.io/v1} in the public cloud
 * @param ingestionEndpoint the data collection endpoint (or the rule's own logs ingestion endpoint) for uploads
 * @param ruleId the immutable id of the data collection rule ({@code dcr-...}) with one stream per Vigil table
 * @param authentication which azure-identity credential to use
 * @param tenantId the Entra ID tenant, for client-secret and workload-identity authentication
 * @param clientId the application (or user-assigned managed identity) client id
 * @param clientSecret the application's secret, for client-secret authentication
 * @param federatedTokenFile the service account token AKS workload identity mounts, for workload-identity
 *     authentication
 * @param authorityHost the Entra ID authority, for sovereign clouds; null for the public cloud
 * @param queryTimeout how long the server may work on one query
 * @param maxRowsPerQuery results with this many rows are treated as truncated and their range split
 */
public record AzureSettings(
    String workspaceId,
    URI queryEndpoint,
    URI ingestionEndpoint,
    String ruleId,
    AzureAuthentication authentication,
    String tenantId,
    String clientId,
    Secret clientSecret,
    String federatedTokenFile,
    URI authorityHost,
    Duration queryTimeout,
    int maxRowsPerQuery) {

  /** The public cloud's query API. */
  public static final URI PUBLIC_QUERY_ENDPOINT = URI.create("https://api.loganalytics.io/v1");
  /** The Entra ID hosts of Microsoft's public, government, China and Germany clouds. */
  private static final Set<String> MICROSOFT_AUTHORITY_HOSTS = Stream.of(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD,
      AzureAuthorityHosts.AZURE_GOVERNMENT, AzureAuthorityHosts.AZURE_CHINA, AzureAuthorityHosts.AZURE_GERMANY)
      .map(host -> URI.create(host).getHost()).collect(Collectors.toUnmodifiableSet());
  /** Log Analytics returns at most 500,000 rows; a result of that size is cut. */
  public static final int SERVICE_ROW_LIMIT = 500_000;

  /** The credentials azure-identity offers that a worker can use unattended. */
  public enum AzureAuthentication {
    /** DefaultAzureCredential: environment, workload identity, managed identity, then developer tools, in turn. */
    DEFAULT,
    /** A Kubernetes service account federated with an Entra ID application (AKS workload identity). */
    WORKLOAD_IDENTITY,
    /** An Entra ID application's client secret. */
    CLIENT_SECRET,
    /** The managed identity of the VM, App Service or container the worker runs on. */
    MANAGED_IDENTITY
  }

  /** Reads the settings from the process environment (and the file it names). */
  public static AzureSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Reads the settings from {@code environment} (and the properties file it names). */
  public static AzureSettings fromEnvironment(Map<String, String> environment) {
    LayeredSettings settings = LayeredSettings.read(environment, "VIGIL_AZURE_SETTINGS", "Azure settings file");
    return fromValues(settings.values(), settings.origin());
  }

  private static AzureSettings fromValues(Map<String, String> values, String origin) {
    AzureAuthentication authentication = authentication(values.getOrDefault("VIGIL_AZURE_AUTH", "default"));
    String tenantId = values.get("AZURE_TENANT_ID");
    String clientId = values.get("AZURE_CLIENT_ID");
    Secret secret = clientSecret(values);
    if (authentication == AzureAuthentication.CLIENT_SECRET) {
      require(values, "AZURE_TENANT_ID", origin, "client-secret authentication");
      require(values, "AZURE_CLIENT_ID", origin, "client-secret authentication");
      if (secret == null) {
        throw new ConfigurationException("client-secret authentication needs AZURE_CLIENT_SECRET or "
            + "AZURE_CLIENT_SECRET_FILE in " + origin);
      }
    }
    return new AzureSettings(
        require(values, "VIGIL_AZURE_WORKSPACE_ID", origin, "queries"),
        uri(values, "VIGIL_AZURE_QUERY_ENDPOINT", PUBLIC_QUERY_ENDPOINT.toString()),
        uri(values, "VIGIL_AZURE_INGESTION_ENDPOINT", require(values, "VIGIL_AZURE_INGESTION_ENDPOINT", origin,
            "uploads")),
        require(values, "VIGIL_AZURE_DCR_ID", origin, "uploads"),
        authentication, tenantId, clientId, secret, values.get("AZURE_FEDERATED_TOKEN_FILE"),
        values.containsKey("AZURE_AUTHORITY_HOST") ? uri(values, "AZURE_AUTHORITY_HOST", null) : null,
        Duration.ofSeconds(positive(values, "VIGIL_AZURE_QUERY_TIMEOUT_SECONDS", 180)),
        (int) Math.min(positive(values, "VIGIL_AZURE_MAX_ROWS_PER_QUERY", SERVICE_ROW_LIMIT), SERVICE_ROW_LIMIT));
  }

  private static Secret clientSecret(Map<String, String> values) {
    String secret = values.get("AZURE_CLIENT_SECRET");
    if (secret != null) {
      return Secret.of(secret);
    }
    String file = values.get("AZURE_CLIENT_SECRET_FILE");
    if (file == null) {
      return null;
    }
    try {
      return Secret.of(Files.readString(Path.of(file)).strip());
    } catch (IOException e) {
      throw new ConfigurationException("AZURE_CLIENT_SECRET_FILE: cannot read " + file + ": "
          + e.getClass().getSimpleName());
    }
  }

  private static AzureAuthentication authentication(String name) {
    try {
      return AzureAuthentication.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("VIGIL_AZURE_AUTH: '" + name + "' is not one of default, workload-identity, "
          + "client-secret, managed-identity");
    }
  }

  private static String require(Map<String, String> values, String key, String origin, String purpose) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(key + " is not set in " + origin + "; the Azure backend needs it for "
          + purpose);
    }
    return value.trim();
  }

  private static URI uri(Map<String, String> values, String key, String fallback) {
    String value = values.getOrDefault(key, fallback);
    try {
      URI uri = URI.create(value);
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an https URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(key + ": '" + value + "' is not an https URL");
    }
  }

  private static long positive(Map<String, String> values, String key, long fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below with the key and value.
    }
    throw new ConfigurationException(key + ": '" + value + "' is not a positive whole number");
  }

  /** The azure-identity credential the settings ask for. */
  public TokenCredential credential() {
    return switch (authentication) {
      case DEFAULT -> {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        if (clientId != null) {
          builder.managedIdentityClientId(clientId).workloadIdentityClientId(clientId);
        }
        if (tenantId != null) {
          builder.tenantId(tenantId);
        }
        useAuthority(builder::authorityHost, builder::disableInstanceDiscovery);
        yield builder.build();
      }
      case WORKLOAD_IDENTITY -> {
        // AKS injects AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE into the pod.
        WorkloadIdentityCredentialBuilder builder = application(new WorkloadIdentityCredentialBuilder());
        if (federatedTokenFile != null) {
          builder.tokenFilePath(federatedTokenFile);
        }
        yield builder.build();
      }
      case CLIENT_SECRET -> application(new ClientSecretCredentialBuilder()).clientSecret(clientSecret.reveal())
          .build();
      case MANAGED_IDENTITY -> {
        ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
        if (clientId != null) {
          builder.clientId(clientId);
        }
        yield builder.build();
      }
    };
  }

  /** {@code builder} with the application's tenant, client id and authority, where given. */
  private <T extends AadCredentialBuilderBase<T>> T application(T builder) {
    if (clientId != null) {
      builder.clientId(clientId);
    }
    if (tenantId != null) {
      builder.tenantId(tenantId);
    }
    useAuthority(builder::authorityHost, builder::disableInstanceDiscovery);
    return builder;
  }

  /**
   * Gives a credential builder the authority host, where one is set, with instance discovery disabled outside
   * Microsoft's clouds (see {@link #isMicrosoftCloud}).
   */
  private void useAuthority(Consumer<String> setAuthorityHost, Runnable disableInstanceDiscovery) {
    if (authorityHost != null) {
      setAuthorityHost.accept(authorityHost.toString());
      if (!isMicrosoftCloud(authorityHost)) {
        disableInstanceDiscovery.run();
      }
    }
  }

  /**
   * Whether {@code authority} is the Entra ID of one of Microsoft's clouds. Before its first token, MSAL asks the
   * public cloud's discovery endpoint about any other authority (Azure Stack's, a private cloud's), which does not
   * know it; for those the discovery is skipped and the token endpoint taken from the host itself.
   */
  static boolean isMicrosoftCloud(URI authority) {
    return MICROSOFT_AUTHORITY_HOSTS.contains(authority.getHost());
  }
}
