package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;

/**
 * Identifiers from watchlists are spliced into DuckDB SQL, Snowflake SQL and KQL, so every string the validator lets
 * through must be one of the grammar's names, and every string it stops must be shown back to the user as it is.
 * Under plain {@code mvn test} the target runs on the inputs in {@code IdentifierFuzzTestInputs}; with
 * {@code JAZZER_FUZZ=1} Jazzer searches for new ones.
 */
@Tag("fuzz")
class IdentifierFuzzTest {

  static final String FIRST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
  static final String REST = FIRST + "0123456789";

  /** What ends a quoted name, a statement or a pipeline stage, or starts a comment, in any of the three dialects. */
  static final List<String> BREAKOUTS = List.of("\"", "'", "`", ";", "--", "/*", "*/", "//", "|", "[", "]", "\\",
      "(", ")", ".", ",", "$", "@", "{", "}", "=", "<", ">");

  /** Characters that are blank, invisible, look like a letter or break a line or a surrogate pair. */
  static final List<String> TRICKY_CHARACTERS = List.of(" ", "\t", "\n", "\r", "\u0000", "\u0085", "\u00a0",
      "\u2028", "\u200b", "\u202e", "\ufeff", "\u0430", "\uff21", "\u0663", "\ud800", "\udc00", "\ud83d\ude00",
      "\u00e9", "\u03a3");

  /** The shapes of text the fuzzer's bytes are made into, so that it meets valid names as often as broken ones. */
  enum Shape { GRAMMAR_NAME, NAME_WITH_ONE_HOSTILE_CHARACTER, HOSTILE_PIECES, NEAR_THE_LENGTH_LIMIT, ANY_TEXT }

  @FuzzTest(maxDuration = "60s")
  void everyTextIsAcceptedOnlyAsANameOfTheGrammarOrRejectedShowingItself(FuzzedDataProvider data) {
    Shape shape = data.pickValue(Shape.values());
    String text = switch (shape) {
      case GRAMMAR_NAME -> grammarName(data, Identifier.MAX_LENGTH);
      case NAME_WITH_ONE_HOSTILE_CHARACTER -> {
        String name = grammarName(data, Identifier.MAX_LENGTH);
        int at = data.consumeInt(0, name.length());
        yield name.substring(0, at) + hostileCharacter(data) + name.substring(at);
      }
      case HOSTILE_PIECES -> hostilePieces(data);
      case NEAR_THE_LENGTH_LIMIT -> grammarName(data, Identifier.MAX_LENGTH - 3, Identifier.MAX_LENGTH + 2);
      case ANY_TEXT -> data.consumeRemainingAsString();
    };

    Optional<String> problem = Identifier.problem(text);
    if (shape == Shape.GRAMMAR_NAME) {
      assertEquals(Optional.empty(), problem, text);
    }
    if (problem.isEmpty()) {
      assertSame(text, Identifier.require(text));
      assertCannotBreakOutOfAQuery(text);
    } else {
      assertShownWithNothingHidden(text, problem.get());
    }
    String printed = Identifier.printable(text);
    assertTrue(printed.codePoints().noneMatch(Identifier::hidden), printed);
    if (text.codePoints().noneMatch(Identifier::hidden) && text.length() <= 200) {
      assertEquals(text, printed);
    }
  }

  private static void assertCannotBreakOutOfAQuery(String name) {
    assertTrue(name.length() >= 1 && name.length() <= Identifier.MAX_LENGTH, name);
    assertTrue(FIRST.indexOf(name.charAt(0)) >= 0, name);
    assertTrue(name.chars().allMatch(c -> REST.indexOf(c) >= 0), name);
    assertTrue(name.chars().noneMatch(Character::isWhitespace), name);
    BREAKOUTS.forEach(breakout -> assertFalse(name.contains(breakout), () -> name + " contains " + breakout));
  }

  private static void assertShownWithNothingHidden(String text, String problem) {
    IllegalArgumentException rejection = assertThrows(IllegalArgumentException.class, () -> Identifier.require(text));
    String message = rejection.getMessage();
    assertTrue(message.startsWith("identifier '" + Identifier.printable(text) + "' " + problem), message);
    assertTrue(message.endsWith(Identifier.RULE), message);
    assertTrue(message.codePoints().noneMatch(Identifier::hidden),
        () -> "the message hides or breaks on a character: " + message.codePoints()
            .filter(Identifier::hidden).mapToObj(Integer::toHexString).toList());
  }

  private static String grammarName(FuzzedDataProvider data, int maxLength) {
    return grammarName(data, 1, maxLength);
  }

  private static String grammarName(FuzzedDataProvider data, int minLength, int maxLength) {
    return FIRST.charAt(data.consumeInt(0, FIRST.length() - 1)) + nameCharacters(data, minLength - 1, maxLength - 1);
  }

  private static String nameCharacters(FuzzedDataProvider data, int minLength, int maxLength) {
    StringBuilder characters = new StringBuilder();
    for (int length = data.consumeInt(minLength, maxLength); characters.length() < length; ) {
      characters.append(REST.charAt(data.consumeInt(0, REST.length() - 1)));
    }
    return characters.toString();
  }

  /** A breakout, a tricky character or any one UTF-16 unit, a lone surrogate included. */
  private static String hostileCharacter(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 2)) {
      case 0 -> data.pickValue(BREAKOUTS);
      case 1 -> data.pickValue(TRICKY_CHARACTERS);
      default -> String.valueOf(data.consumeChar());
    };
  }

  /** Up to twenty pieces, each a hostile character or a few characters of a name. */
  private static String hostilePieces(FuzzedDataProvider data) {
    StringBuilder text = new StringBuilder();
    for (int pieces = data.consumeInt(0, 20); pieces > 0; pieces--) {
      text.append(data.consumeBoolean() ? hostileCharacter(data) : nameCharacters(data, 1, 3));
    }
    return text.toString();
  }
}
