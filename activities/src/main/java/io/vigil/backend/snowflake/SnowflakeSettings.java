package io.vigil.backend.snowflake;

import io.vigil.backend.ConfigurationException;
import io.vigil.backend.LayeredSettings;
import io.vigil.backend.Secret;
import io.vigil.model.Identifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and as whom Vigil connects to Snowflake: account, user, role, warehouse, database and schema, and either a
 * password or a key pair (a PKCS#8 private key PEM file, optionally encrypted with a passphrase).
 *
 * <p>Settings come from environment variables, or from a properties file named by {@link #SETTINGS_FILE} with the same
 * keys ({@link #ACCOUNT} and the others), the environment winning, as for the Azure backend. The password and the
 * passphrase are {@link Secret}s: {@link #toString} and every error message name the settings, never their values.
 */
public final class SnowflakeSettings {

  /** Names a properties file holding any of the settings below; the environment's own values win over it. */
  public static final String SETTINGS_FILE = "VIGIL_SNOWFLAKE_SETTINGS";
  public static final String ACCOUNT = "SNOWFLAKE_ACCOUNT";
  public static final String USER = "SNOWFLAKE_USER";
  public static final String PASSWORD = "SNOWFLAKE_PASSWORD";
  public static final String PRIVATE_KEY_FILE = "SNOWFLAKE_PRIVATE_KEY_FILE";
  public static final String PRIVATE_KEY_PASSPHRASE = "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE";
  public static final String ROLE = "SNOWFLAKE_ROLE";
  public static final String WAREHOUSE = "SNOWFLAKE_WAREHOUSE";
  public static final String DATABASE = "SNOWFLAKE_DATABASE";
  public static final String SCHEMA = "SNOWFLAKE_SCHEMA";
  /** Optional host[:port] to connect to instead of {@code <account>.snowflakecomputing.com}, e.g. PrivateLink. */
  public static final String HOST = "SNOWFLAKE_HOST";
  /** Optional seconds a login may take, retries included, before the connection fails. */
  public static final String LOGIN_TIMEOUT_SECONDS = "SNOWFLAKE_LOGIN_TIMEOUT_SECONDS";

  /** Long enough for a warehouse to resume, short enough that a wrong host fails a worker's start quickly. */
  public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(60);

  // Account identifiers are "orgname-accountname" or a locator with region and cloud ("xy12345.eu-west-1.aws"); they
  // become part of a host name, so nothing else is accepted.
  private static final Pattern ACCOUNT_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");
  private static final Pattern HOST_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}(:[0-9]{1,5})?");
  private static final Pattern USER_FORM = Pattern.compile("[^\\p{Cntrl}]{1,255}");

  /** How Vigil proves who it is; {@link #toString} never shows the secret. */
  public sealed interface Authentication permits Password, KeyPair {}

  /** A user's password. */
  public static final class Password implements Authentication {
    private final Secret secret;

    public Password(Secret secret) {
      this.secret = secret;
    }

    Secret secret() {
      return secret;
    }

    @Override
    public String toString() {
      return "password (" + PASSWORD + ", redacted)";
    }
  }

  /** Key-pair authentication: the private key of the user's registered public key, in a PKCS#8 PEM file. */
  public static final class KeyPair implements Authentication {
    private final Path privateKeyFile;
    private final Secret passphrase;

    /** {@code passphrase} is null when the key file is not encrypted. */
    public KeyPair(Path privateKeyFile, Secret passphrase) {
      this.privateKeyFile = privateKeyFile;
      this.passphrase = passphrase;
    }

    public Path privateKeyFile() {
      return privateKeyFile;
    }

    /** The passphrase as characters the reader may wipe, or null when the key file is not encrypted. */
    char[] passphrase() {
      return passphrase == null ? null : passphrase.reveal().toCharArray();
    }

    @Override
    public String toString() {
      return "key pair (private key file " + privateKeyFile + (passphrase == null ? ")" : ", passphrase redacted)");
    }
  }

  private final String account;
  private final String user;
  private final Authentication authentication;
  private final String role;
  private final String warehouse;
  private final String database;
  private final String schema;
  private final String host;
  private final Duration loginTimeout;

  /**
   * Settings as they are, for the parser and tests: {@link #fromEnvironment} is the public way in, because it
   * validates. {@code role}, {@code warehouse} and {@code host} may be null.
   */
  SnowflakeSettings(String account, String user, Authentication authentication, String role, String warehouse,
      String database, String schema, String host, Duration loginTimeout) {
    this.account = account;
    this.user = user;
    this.authentication = authentication;
    this.role = role;
    this.warehouse = warehouse;
    this.database = database;
    this.schema = schema;
    this.host = host;
    this.loginTimeout = loginTimeout;
  }

  /**
   * Reads the {@code SNOWFLAKE_*} variables of {@code environment}, such as {@code System.getenv()}, over those of the
   * properties file that {@link #SETTINGS_FILE} names, if any.
   *
   * @throws ConfigurationException naming every setting that is missing or malformed, never a secret's value
   */
  public static SnowflakeSettings fromEnvironment(Map<String, String> environment) {
    LayeredSettings settings = LayeredSettings.read(environment, SETTINGS_FILE, "Snowflake settings file");
    return parse(settings.values(), settings.origin());
  }

  private static SnowflakeSettings parse(Map<String, String> values, String origin) {
    Problems problems = new Problems("Snowflake settings from " + origin);
    String account = problems.required(values, ACCOUNT, ACCOUNT_FORM,
        "an account identifier such as myorg-myaccount or xy12345.eu-west-1.aws");
    String user = problems.required(values, USER, USER_FORM, "a user name");
    String database = problems.identifier(values, DATABASE, true);
    String schema = problems.identifier(values, SCHEMA, true);
    String role = problems.identifier(values, ROLE, false);
    String warehouse = problems.identifier(values, WAREHOUSE, false);
    String host = problems.optional(values, HOST, HOST_FORM, "a host name with an optional :port");
    Duration loginTimeout = problems.seconds(values, LOGIN_TIMEOUT_SECONDS, DEFAULT_LOGIN_TIMEOUT);

    Optional<String> password = value(values, PASSWORD);
    Optional<String> keyFile = value(values, PRIVATE_KEY_FILE);
    Optional<String> passphrase = value(values, PRIVATE_KEY_PASSPHRASE);
    Authentication authentication = null;
    if (password.isPresent() && keyFile.isPresent()) {
      problems.add("set either " + PASSWORD + " or " + PRIVATE_KEY_FILE + ", not both");
    } else if (keyFile.isPresent()) {
      authentication = new KeyPair(Path.of(keyFile.get()), passphrase.map(Secret::of).orElse(null));
    } else if (password.isPresent()) {
      authentication = new Password(Secret.of(password.get()));
    } else {
      problems.add("missing " + PRIVATE_KEY_FILE + " (key-pair authentication) or " + PASSWORD);
    }
    if (passphrase.isPresent() && keyFile.isEmpty()) {
      problems.add(PRIVATE_KEY_PASSPHRASE + " is set but " + PRIVATE_KEY_FILE + " is not");
    }
    problems.throwIfAny();
    return new SnowflakeSettings(account, user, authentication, role, warehouse, database, schema, host, loginTimeout);
  }

  private static Optional<String> value(Map<String, String> values, String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** Collects every problem of one set of settings, so one error names them all. */
  private static final class Problems {
    private final String subject;
    private final List<String> found = new ArrayList<>();

    Problems(String subject) {
      this.subject = subject;
    }

    void add(String problem) {
      found.add(problem);
    }

    String required(Map<String, String> values, String key, Pattern form, String expected) {
      String value = optional(values, key, form, expected);
      if (value == null && value(values, key).isEmpty()) {
        found.add("missing " + key);
      }
      return value;
    }

    String optional(Map<String, String> values, String key, Pattern form, String expected) {
      Optional<String> value = value(values, key);
      if (value.isPresent() && !form.matcher(value.get()).matches()) {
        found.add(key + " '" + Identifier.printable(value.get()) + "' is not " + expected);
        return null;
      }
      return value.orElse(null);
    }

    String identifier(Map<String, String> values, String key, boolean required) {
      Optional<String> value = value(values, key);
      if (value.isEmpty()) {
        if (required) {
          found.add("missing " + key);
        }
        return null;
      }
      Optional<String> problem = Identifier.problem(value.get());
      problem.ifPresent(reason -> found.add(key + " '" + Identifier.printable(value.get()) + "' " + reason));
      return problem.isPresent() ? null : value.get();
    }

    Duration seconds(Map<String, String> values, String key, Duration fallback) {
      Optional<String> value = value(values, key);
      if (value.isEmpty()) {
        return fallback;
      }
      try {
        long seconds = Long.parseLong(value.get());
        if (seconds >= 1 && seconds <= 3600) {
          return Duration.ofSeconds(seconds);
        }
      } catch (NumberFormatException e) {
        // Reported below with the allowed range.
      }
      found.add(key + " '" + Identifier.printable(value.get()) + "' is not a whole number of seconds from 1 to 3600");
      return fallback;
    }

    void throwIfAny() {
      if (!found.isEmpty()) {
        throw new ConfigurationException(subject + ": " + String.join("; ", found));
      }
    }
  }

  public String account() {
    return account;
  }

  public String user() {
    return user;
  }

  public Authentication authentication() {
    return authentication;
  }

  public Optional<String> role() {
    return Optional.ofNullable(role);
  }

  public Optional<String> warehouse() {
    return Optional.ofNullable(warehouse);
  }

  public String database() {
    return database;
  }

  public String schema() {
    return schema;
  }

  /** The host (and port) the driver connects to: the override, or the account's host under snowflakecomputing.com. */
  public String host() {
    return host != null ? host : account + ".snowflakecomputing.com";
  }

  public Duration loginTimeout() {
    return loginTimeout;
  }

  /** Where Vigil's tables live, for messages: account, database and schema, never credentials. */
  public String location() {
    return "Snowflake account " + account + " (" + database + "." + schema + ")";
  }

  @Override
  public String toString() {
    return "SnowflakeSettings[account=" + account + ", user=" + user + ", authentication=" + authentication
        + ", role=" + role + ", warehouse=" + warehouse + ", database=" + database + ", schema=" + schema
        + ", host=" + host() + ", loginTimeout=" + loginTimeout + "]";
  }
}
