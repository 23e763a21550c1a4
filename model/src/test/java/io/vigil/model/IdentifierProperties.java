package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Identifiers from watchlists are spliced into DuckDB SQL, Snowflake SQL and KQL, so every string the validator lets
 * through must be one of the grammar's names, and every string it stops must be shown back to the user as it is.
 */
class IdentifierProperties {

  static final String FIRST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
  static final String REST = FIRST + "0123456789";

  /** What ends a quoted name, a statement or a pipeline stage, or starts a comment, in any of the three dialects. */
  static final List<String> BREAKOUTS = List.of("\"", "'", "`", ";", "--", "/*", "*/", "//", "|", "[", "]", "\\",
      "(", ")", ".", ",", "$", "@", "{", "}", "=", "<", ">");

  @Property(tries = 500)
  void everyNameOfTheGrammarIsAccepted(@ForAll("grammarNames") String name) {
    assertEquals(Optional.empty(), Identifier.problem(name));
    assertSame(name, Identifier.require(name));
  }

  @Property(tries = 2000)
  void everyAcceptedStringIsANameOfTheGrammarThatCannotBreakOutOfAQuery(@ForAll("hostileText") String text) {
    boolean accepted = Identifier.problem(text).isEmpty();
    Statistics.label("accepted").collect(accepted).coverage(coverage -> {
      coverage.check(true).count(count -> count > 0);
      coverage.check(false).count(count -> count > 0);
    });
    if (accepted) {
      assertTrue(text.length() >= 1 && text.length() <= Identifier.MAX_LENGTH, text);
      assertTrue(FIRST.indexOf(text.charAt(0)) >= 0, text);
      assertTrue(text.chars().allMatch(c -> REST.indexOf(c) >= 0), text);
      assertTrue(text.chars().noneMatch(Character::isWhitespace), text);
      BREAKOUTS.forEach(breakout -> assertFalse(text.contains(breakout), () -> text + " contains " + breakout));
    }
  }

  @Property(tries = 2000)
  void everyRejectedStringIsShownInItsMessageWithNothingHidden(@ForAll("hostileText") String text) {
    Optional<String> problem = Identifier.problem(text);
    if (problem.isEmpty()) {
      return;
    }
    IllegalArgumentException rejection = assertThrows(IllegalArgumentException.class, () -> Identifier.require(text));
    String message = rejection.getMessage();
    assertTrue(message.startsWith("identifier '" + Identifier.printable(text) + "' " + problem.get()), message);
    assertTrue(message.endsWith(Identifier.RULE), message);
    assertTrue(message.codePoints().noneMatch(Identifier::hidden),
        () -> "the message hides or breaks on a character: " + message.codePoints()
            .filter(Identifier::hidden).mapToObj(Integer::toHexString).toList());
  }

  @Property(tries = 1000)
  void printableShowsEveryVisibleCharacterAndEscapesEveryOther(@ForAll("hostileText") String text) {
    String printed = Identifier.printable(text);
    assertTrue(printed.codePoints().noneMatch(Identifier::hidden), printed);
    if (text.codePoints().noneMatch(Identifier::hidden) && text.length() <= 200) {
      assertEquals(text, printed);
    }
  }

  @Provide
  static Arbitrary<String> grammarNames() {
    return Combinators.combine(
            Arbitraries.strings().withChars(FIRST).ofLength(1),
            Arbitraries.strings().withChars(REST).ofMaxLength(Identifier.MAX_LENGTH - 1))
        .as(String::concat);
  }

  /**
   * Arbitrary Unicode, text over an alphabet of letters and breakout characters, names of the grammar with one
   * hostile character put in, and names around the length limit.
   */
  @Provide
  static Arbitrary<String> hostileText() {
    Arbitrary<String> hostileCharacter = Arbitraries.oneOf(
        Arbitraries.of(BREAKOUTS),
        Arbitraries.of(" ", "\t", "\n", "\r", "\u0000", "\u0085", "\u00a0", "\u2028", "\u200b", "\u202e", "\ufeff",
            "\u0430", "\uff21", "\u0663", "\ud800", "\udc00", "\ud83d\ude00", "\u00e9", "\u03a3"),
        Arbitraries.chars().map(String::valueOf));
    Arbitrary<String> hostileOrNameCharacter = Arbitraries.oneOf(hostileCharacter,
        Arbitraries.strings().withChars(REST).ofMinLength(1).ofMaxLength(3));
    Arbitrary<String> nameWithOneHostileCharacter = Combinators.combine(grammarNames(), hostileCharacter,
            Arbitraries.integers().between(0, Identifier.MAX_LENGTH))
        .as((name, inserted, at) -> name.substring(0, Math.min(at, name.length())) + inserted
            + name.substring(Math.min(at, name.length())));
    Arbitrary<String> nearTheLengthLimit = Combinators.combine(
            Arbitraries.strings().withChars(FIRST).ofLength(1),
            Arbitraries.strings().withChars(REST)
                .ofMinLength(Identifier.MAX_LENGTH - 3).ofMaxLength(Identifier.MAX_LENGTH + 2))
        .as(String::concat);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().ofMaxLength(300)),
        Tuple.of(3, hostileOrNameCharacter.list().ofMaxSize(20).map(parts -> String.join("", parts))),
        Tuple.of(3, nameWithOneHostileCharacter),
        Tuple.of(2, grammarNames()),
        Tuple.of(1, nearTheLengthLimit));
  }
}
