package io.vigil.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of TOML that Temporal's client configuration file ({@code temporal.toml}) uses: tables such as
 * {@code [profile.default]} and {@code [profile.default.tls]}, and keys set to strings (basic or literal) or
 * booleans, with comments. Anything else is refused with its file and line, rather than guessed at.
 */
final class TomlProfiles {

  private TomlProfiles() {}

  /** The file's tables by dotted name, each with its keys' values (strings, or "true"/"false"). */
  static Map<String, Map<String, String>> parse(String text, String file) {
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    Map<String, String> table = tables.computeIfAbsent("", name -> new LinkedHashMap<>());
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String where = file + " line " + (i + 1);
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        int close = line.indexOf(']');
        if (line.startsWith("[[") || close < 0 || !withoutComment(line.substring(close + 1)).isEmpty()) {
          throw new IllegalArgumentException(where + ": expected a table header such as [profile.default]");
        }
        String name = line.substring(1, close).strip();
        table = tables.computeIfAbsent(name, key -> new LinkedHashMap<>());
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(where + ": expected key = value");
      }
      String key = unquoteKey(line.substring(0, equals).strip(), where);
      table.put(key, value(line.substring(equals + 1).strip(), where + ", key " + key));
    }
    return tables;
  }

  private static String unquoteKey(String key, String where) {
    if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
      return key.substring(1, key.length() - 1);
    }
    if (!key.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(where + ": key '" + key + "' is not a bare or quoted key");
    }
    return key;
  }

  private static String value(String raw, String where) {
    if (raw.startsWith("\"")) {
      StringBuilder value = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '"') {
          requireNothingAfter(raw.substring(i + 1), where);
          return value.toString();
        }
        if (c == '\\' && i + 1 < raw.length()) {
          char escaped = raw.charAt(++i);
          value.append(switch (escaped) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case '"', '\\' -> escaped;
            default -> throw new IllegalArgumentException(where + ": unsupported escape \\" + escaped);
          });
        } else {
          value.append(c);
        }
      }
      throw new IllegalArgumentException(where + ": unterminated string");
    }
    if (raw.startsWith("'")) {
      int close = raw.indexOf('\'', 1);
      if (close < 0) {
        throw new IllegalArgumentException(where + ": unterminated string");
      }
      requireNothingAfter(raw.substring(close + 1), where);
      return raw.substring(1, close);
    }
    String bare = withoutComment(raw);
    if (bare.equals("true") || bare.equals("false")) {
      return bare;
    }
    // The value is not quoted back: it may be an API key or a private key's PEM, and the key names it well enough.
    throw new IllegalArgumentException(where + ": the value is neither a quoted string nor true/false");
  }

  private static void requireNothingAfter(String rest, String where) {
    if (!withoutComment(rest).isEmpty()) {
      throw new IllegalArgumentException(where + ": unexpected text after the value");
    }
  }

  private static String withoutComment(String text) {
    int hash = text.indexOf('#');
    return (hash < 0 ? text : text.substring(0, hash)).strip();
  }
}
