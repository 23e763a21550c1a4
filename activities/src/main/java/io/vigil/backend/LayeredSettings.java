package io.vigil.backend;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A cloud backend's settings as its operators give them: environment variables over a properties file with the same
 * keys, which one variable names. Blank variables count as unset.
 *
 * @param values every setting by key, the environment's winning
 * @param origin where they came from, for messages
 */
public record LayeredSettings(Map<String, String> values, String origin) {

  /**
   * Reads {@code environment} over the properties file its variable {@code fileVariable} names, if any.
   *
   * @param what what the file is, for the message when it cannot be read
   * @throws ConfigurationException naming the variable and the file, with the failure's type only: the message of a
   *     malformed file can quote its content, secrets included
   */
  public static LayeredSettings read(Map<String, String> environment, String fileVariable, String what) {
    Map<String, String> values = new LinkedHashMap<>();
    String file = environment.get(fileVariable);
    boolean fromFile = file != null && !file.isBlank();
    if (fromFile) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigurationException(fileVariable + ": cannot read " + what + " " + file + ": "
            + e.getClass().getSimpleName());
      }
      properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).strip()));
    }
    environment.forEach((key, value) -> {
      if (value != null && !value.isBlank()) {
        values.put(key, value);
      }
    });
    return new LayeredSettings(values, fromFile ? "the environment and " + file : "the environment");
  }
}
