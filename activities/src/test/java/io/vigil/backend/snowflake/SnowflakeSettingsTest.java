package io.vigil.backend.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnowflakeSettingsTest {

  private static final String PASSWORD = "pw-Secret-42";
  private static final String PASSPHRASE = "phrase-Secret-43";

  @TempDir
  Path dir;

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put(SnowflakeSettings.ACCOUNT, "myorg-myaccount");
    env.put(SnowflakeSettings.USER, "VIGIL_SVC");
    env.put(SnowflakeSettings.PASSWORD, PASSWORD);
    env.put(SnowflakeSettings.DATABASE, "SECURITY");
    env.put(SnowflakeSettings.SCHEMA, "VIGIL");
    env.put("PATH", "/usr/bin");
    return env;
  }

  @Test
  void theEnvironmentGivesEverySettingAndDefaultsTheOptionalOnes() {
    SnowflakeSettings settings = SnowflakeSettings.fromEnvironment(minimal());
    assertEquals("myorg-myaccount", settings.account());
    assertEquals("VIGIL_SVC", settings.user());
    assertEquals("SECURITY", settings.database());
    assertEquals("VIGIL", settings.schema());
    assertEquals(Optional.empty(), settings.role());
    assertEquals(Optional.empty(), settings.warehouse());
    assertEquals("myorg-myaccount.snowflakecomputing.com", settings.host());
    assertEquals(SnowflakeSettings.DEFAULT_LOGIN_TIMEOUT, settings.loginTimeout());
    assertInstanceOf(SnowflakeSettings.Password.class, settings.authentication());

    Map<String, String> full = minimal();
    full.remove(SnowflakeSettings.PASSWORD);
    full.put(SnowflakeSettings.PRIVATE_KEY_FILE, "/etc/vigil/rsa_key.p8");
    full.put(SnowflakeSettings.PRIVATE_KEY_PASSPHRASE, PASSPHRASE);
    full.put(SnowflakeSettings.ROLE, "VIGIL_ROLE");
    full.put(SnowflakeSettings.WAREHOUSE, "VIGIL_WH");
    full.put(SnowflakeSettings.HOST, "myaccount.privatelink.snowflakecomputing.com:443");
    full.put(SnowflakeSettings.LOGIN_TIMEOUT_SECONDS, "20");
    SnowflakeSettings keyPair = SnowflakeSettings.fromEnvironment(full);
    assertEquals(Path.of("/etc/vigil/rsa_key.p8"),
        ((SnowflakeSettings.KeyPair) keyPair.authentication()).privateKeyFile());
    assertEquals(Optional.of("VIGIL_ROLE"), keyPair.role());
    assertEquals(Optional.of("VIGIL_WH"), keyPair.warehouse());
    assertEquals("myaccount.privatelink.snowflakecomputing.com:443", keyPair.host());
    assertEquals(Duration.ofSeconds(20), keyPair.loginTimeout());
  }

  @Test
  void everyMissingOrBadValueIsNamedInOneError() {
    ConfigurationException empty = assertThrows(ConfigurationException.class,
        () -> SnowflakeSettings.fromEnvironment(Map.of(SnowflakeSettings.SCHEMA, " ")));
    assertEquals("Snowflake settings from the environment: missing SNOWFLAKE_ACCOUNT; missing SNOWFLAKE_USER; missing "
        + "SNOWFLAKE_DATABASE; missing SNOWFLAKE_SCHEMA; missing SNOWFLAKE_PRIVATE_KEY_FILE (key-pair authentication) "
        + "or SNOWFLAKE_PASSWORD", empty.getMessage());

    Map<String, String> bad = minimal();
    bad.put(SnowflakeSettings.ACCOUNT, "evil.com/x?y=");
    bad.put(SnowflakeSettings.SCHEMA, "VIGIL\"; DROP SCHEMA X; --");
    bad.put(SnowflakeSettings.PRIVATE_KEY_FILE, "/k.p8");
    bad.put(SnowflakeSettings.LOGIN_TIMEOUT_SECONDS, "0");
    ConfigurationException failure = assertThrows(ConfigurationException.class,
        () -> SnowflakeSettings.fromEnvironment(bad));
    assertTrue(failure.getMessage().contains("SNOWFLAKE_ACCOUNT 'evil.com/x?y=' is not an account identifier"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("SNOWFLAKE_SCHEMA 'VIGIL\"; DROP SCHEMA X; --' is not a name of letters"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("SNOWFLAKE_LOGIN_TIMEOUT_SECONDS '0' is not a whole number of seconds"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("set either SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_FILE, not both"),
        failure.getMessage());
    assertFalse(failure.getMessage().contains(PASSWORD));

    Map<String, String> strayPassphrase = minimal();
    strayPassphrase.put(SnowflakeSettings.PRIVATE_KEY_PASSPHRASE, PASSPHRASE);
    ConfigurationException stray = assertThrows(ConfigurationException.class,
        () -> SnowflakeSettings.fromEnvironment(strayPassphrase));
    assertEquals("Snowflake settings from the environment: SNOWFLAKE_PRIVATE_KEY_PASSPHRASE is set but "
        + "SNOWFLAKE_PRIVATE_KEY_FILE is not", stray.getMessage());
  }

  @Test
  void toStringNamesTheSettingsButNeverTheSecrets() {
    Map<String, String> withKey = minimal();
    withKey.remove(SnowflakeSettings.PASSWORD);
    withKey.put(SnowflakeSettings.PRIVATE_KEY_FILE, "/etc/vigil/rsa_key.p8");
    withKey.put(SnowflakeSettings.PRIVATE_KEY_PASSPHRASE, PASSPHRASE);
    String withPassword = SnowflakeSettings.fromEnvironment(minimal()).toString();
    String withKeyPair = SnowflakeSettings.fromEnvironment(withKey).toString();

    assertTrue(withPassword.contains("account=myorg-myaccount, user=VIGIL_SVC, authentication=password "
        + "(SNOWFLAKE_PASSWORD, redacted)"), withPassword);
    assertFalse(withPassword.contains(PASSWORD));
    assertTrue(withKeyPair.contains("key pair (private key file /etc/vigil/rsa_key.p8, passphrase redacted)"),
        withKeyPair);
    assertFalse(withKeyPair.contains(PASSPHRASE));
  }

  @Test
  void aPropertiesFileNamedByTheEnvironmentUsesTheSameKeysAndTheEnvironmentWins() throws IOException {
    Path file = dir.resolve("snowflake.properties");
    Properties properties = new Properties();
    properties.putAll(minimal());
    try (var out = Files.newBufferedWriter(file)) {
      properties.store(out, null);
    }
    Map<String, String> env = Map.of(SnowflakeSettings.SETTINGS_FILE, file.toString(),
        SnowflakeSettings.SCHEMA, "VIGIL_DEV");
    SnowflakeSettings settings = SnowflakeSettings.fromEnvironment(env);
    assertEquals("myorg-myaccount", settings.account());
    assertEquals("VIGIL_DEV", settings.schema());

    Files.writeString(file, "SNOWFLAKE_ACCOUNT=a\n");
    ConfigurationException incomplete = assertThrows(ConfigurationException.class,
        () -> SnowflakeSettings.fromEnvironment(env));
    assertTrue(incomplete.getMessage().startsWith("Snowflake settings from the environment and " + file
        + ": missing SNOWFLAKE_USER"), incomplete.getMessage());

    Files.writeString(file, "SNOWFLAKE_PASSWORD=" + PASSWORD + "\\u12G4\n");
    ConfigurationException malformed = assertThrows(ConfigurationException.class,
        () -> SnowflakeSettings.fromEnvironment(env));
    assertEquals("VIGIL_SNOWFLAKE_SETTINGS: cannot read Snowflake settings file " + file + ": "
        + "IllegalArgumentException", malformed.getMessage());
    assertThrows(ConfigurationException.class, () -> SnowflakeSettings.fromEnvironment(
        Map.of(SnowflakeSettings.SETTINGS_FILE, dir.resolve("absent.properties").toString())));
  }

  // ---- the private key file -------------------------------------------------------------------------------------

  @Test
  void plainAndEncryptedPkcs8KeysAreReadAndMistakesNameTheFileNotThePassphrase() throws Exception {
    java.security.KeyPair pair = PrivateKeyPems.rsaKeyPair();
    Path plain = dir.resolve("plain.p8");
    Files.writeString(plain, PrivateKeyPems.plain(pair.getPrivate()));
    Path locked = dir.resolve("locked.p8");
    Files.writeString(locked, PrivateKeyPems.encrypted(pair.getPrivate(), PASSPHRASE));

    assertEquals(pair.getPrivate(), PrivateKeyFile.read(plain, null));
    RSAPrivateKey decrypted = (RSAPrivateKey) PrivateKeyFile.read(locked, PASSPHRASE.toCharArray());
    assertEquals(pair.getPrivate(), decrypted);

    ConfigurationException wrong = assertThrows(ConfigurationException.class,
        () -> PrivateKeyFile.read(locked, "not-it".toCharArray()));
    assertTrue(wrong.getMessage().startsWith("Snowflake private key file " + locked + " (SNOWFLAKE_PRIVATE_KEY_FILE): "
        + "cannot decrypt it: wrong SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"), wrong.getMessage());
    assertFalse(wrong.getMessage().contains("not-it"));
    ConfigurationException noPassphrase = assertThrows(ConfigurationException.class,
        () -> PrivateKeyFile.read(locked, null));
    assertTrue(noPassphrase.getMessage().endsWith("the key is encrypted; set SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"));

    Path pkcs1 = dir.resolve("rsa.pem");
    Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertTrue(assertThrows(ConfigurationException.class, () -> PrivateKeyFile.read(pkcs1, null)).getMessage()
        .contains("PKCS#1 form; convert it with openssl pkcs8 -topk8"));
    assertTrue(assertThrows(ConfigurationException.class, () -> PrivateKeyFile.read(dir.resolve("absent.p8"), null))
        .getMessage().startsWith("cannot read Snowflake private key file " + dir.resolve("absent.p8")));
  }

  @Test
  void keyPairSettingsGiveTheDriverAKeyAndTheJwtAuthenticator() throws Exception {
    java.security.KeyPair pair = PrivateKeyPems.rsaKeyPair();
    Path locked = dir.resolve("locked.p8");
    Files.writeString(locked, PrivateKeyPems.encrypted(pair.getPrivate(), PASSPHRASE));
    Map<String, String> env = minimal();
    env.remove(SnowflakeSettings.PASSWORD);
    env.put(SnowflakeSettings.PRIVATE_KEY_FILE, locked.toString());
    env.put(SnowflakeSettings.PRIVATE_KEY_PASSPHRASE, PASSPHRASE);

    Properties properties = SnowflakeBackend.connectionProperties(SnowflakeSettings.fromEnvironment(env));

    assertEquals("SNOWFLAKE_JWT", properties.get("authenticator"));
    assertEquals(pair.getPrivate(), properties.get("privateKey"));
    assertFalse(properties.containsKey("password"));
    assertFalse(properties.containsValue(PASSPHRASE));
  }
}
