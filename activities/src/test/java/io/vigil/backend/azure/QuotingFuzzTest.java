package io.vigil.backend.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.backend.snowflake.SnowflakeSql;
import io.vigil.model.Identifier;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Tag;

/**
 * The last step before a watchlist's text becomes part of a query: each backend's quoting of names, and KQL's string
 * literals. Whatever text arrives, it is either refused, naming it, or spliced so that it reads back as itself.
 */
@Tag("fuzz")
class QuotingFuzzTest {

  /** Each dialect's quoting of a name, with the quotes it puts around a valid one. */
  record Dialect(String name, UnaryOperator<String> quote, String open, String close) {}

  static final List<Dialect> DIALECTS = List.of(
      new Dialect("DuckDB", DuckDbBackend::quote, "\"", "\""),
      new Dialect("Snowflake", SnowflakeSql::quote, "\"", "\""),
      new Dialect("KQL", Kql::column, "['", "']"));

  static final String FIRST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
  static final String REST = FIRST + "0123456789";

  /** What ends a quote, a statement or a pipeline, or hides in a log, in any of the three dialects. */
  static final List<String> BREAKOUTS = List.of("\"", "'", "`", ";", "--", "/*", "|", "]", "['", "\\", "\\'", "\n",
      "\r", "\t", " ", "\u0000", "\u202e", "\u2028", "\ud800");

  @FuzzTest(maxDuration = "60s")
  void everyTextIsQuotedAsItselfOrRefusedNamingIt(FuzzedDataProvider data) {
    String text = switch (data.consumeInt(0, 3)) {
      case 0 -> name(data);
      case 1 -> {
        String name = name(data);
        int at = data.consumeInt(0, name.length());
        yield name.substring(0, at) + data.pickValue(BREAKOUTS) + name.substring(at);
      }
      case 2 -> String.join("", data.pickValues(BREAKOUTS, data.consumeInt(0, 6)));
      default -> data.consumeRemainingAsString();
    };
    assertEveryDialectQuotesAValidNameAsItselfAndRefusesAnyOtherNamingIt(text);
    assertAKqlStringLiteralReadsBackAsItsValueOrIsRefused(text);
  }

  private static void assertEveryDialectQuotesAValidNameAsItselfAndRefusesAnyOtherNamingIt(String name) {
    boolean valid = Identifier.problem(name).isEmpty();
    for (Dialect dialect : DIALECTS) {
      if (valid) {
        assertEquals(dialect.open() + name + dialect.close(), dialect.quote().apply(name), dialect.name());
      } else {
        IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> dialect.quote().apply(name), dialect.name());
        assertTrue(refused.getMessage().contains("'" + Identifier.printable(name) + "'"), refused::getMessage);
      }
    }
  }

  private static void assertAKqlStringLiteralReadsBackAsItsValueOrIsRefused(String value) {
    String literal;
    try {
      literal = Kql.string(value);
    } catch (IllegalArgumentException refused) {
      assertTrue(value.chars().anyMatch(Character::isISOControl), refused::getMessage);
      return;
    }
    // One literal as the test's KQL reader lexes it, with no raw line break: nothing of the value is left outside.
    Matcher whole = KqlToDuckDb.STRING.matcher(literal);
    assertTrue(whole.matches() && literal.chars().noneMatch(c -> c == '\n' || c == '\r'), literal);
    assertEquals(value, KqlToDuckDb.unescape(whole.group(1)), literal);
  }

  /** A valid name of up to 21 characters. */
  private static String name(FuzzedDataProvider data) {
    StringBuilder name = new StringBuilder().append(FIRST.charAt(data.consumeInt(0, FIRST.length() - 1)));
    for (int rest = data.consumeInt(0, 20); rest > 0; rest--) {
      name.append(REST.charAt(data.consumeInt(0, REST.length() - 1)));
    }
    return name.toString();
  }
}
