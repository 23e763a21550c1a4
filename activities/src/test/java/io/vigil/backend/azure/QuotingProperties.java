package io.vigil.backend.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.backend.snowflake.SnowflakeSql;
import io.vigil.model.Identifier;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The last step before a watchlist's text becomes part of a query: each backend's quoting of names, and KQL's string
 * literals. Whatever text arrives, it is either refused, naming it, or spliced so that it reads back as itself.
 */
class QuotingProperties {

  /** Each dialect's quoting of a name, with the quotes it puts around a valid one. */
  record Dialect(String name, UnaryOperator<String> quote, String open, String close) {}

  static final List<Dialect> DIALECTS = List.of(
      new Dialect("DuckDB", DuckDbBackend::quote, "\"", "\""),
      new Dialect("Snowflake", SnowflakeSql::quote, "\"", "\""),
      new Dialect("KQL", Kql::column, "['", "']"));

  @Property(tries = 1000)
  void everyDialectQuotesAValidNameAsItselfAndRefusesAnyOtherNamingIt(@ForAll("text") String name) {
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

  @Property(tries = 1000)
  void aKqlStringLiteralReadsBackAsItsValueOrIsRefused(@ForAll("text") String value) {
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

  /** Arbitrary Unicode, and valid names with a character that ends a quote, a statement or a pipeline put in. */
  @Provide
  static Arbitrary<String> text() {
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    Arbitrary<String> name = Combinators.combine(Arbitraries.strings().withChars(letters).ofLength(1),
        Arbitraries.strings().withChars(letters + "0123456789").ofMaxLength(20)).as(String::concat);
    Arbitrary<String> breakout = Arbitraries.of("\"", "'", "`", ";", "--", "/*", "|", "]", "['", "\\", "\\'", "\n",
        "\r", "\t", " ", "\u0000", "\u202e", "\u2028", "\ud800");
    Arbitrary<String> nameWithBreakout = Combinators.combine(name, breakout, Arbitraries.integers().between(0, 21))
        .as((valid, inserted, at) -> valid.substring(0, Math.min(at, valid.length())) + inserted
            + valid.substring(Math.min(at, valid.length())));
    return Arbitraries.oneOf(name, nameWithBreakout, Arbitraries.strings().ofMaxLength(40),
        breakout.list().ofMaxSize(6).map(parts -> String.join("", parts)));
  }
}
