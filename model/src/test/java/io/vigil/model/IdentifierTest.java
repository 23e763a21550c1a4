package io.vigil.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTest {

  @ParameterizedTest
  @ValueSource(strings = {"SigninLogs", "a", "_", "_private", "Table_01", "CommonSecurityLog", "x1_2_3", "ABC"})
  void acceptsLettersDigitsAndUnderscoresStartingWithALetterOrUnderscore(String name) {
    assertEquals(Optional.empty(), Identifier.problem(name));
    assertSame(name, Identifier.require(name));
  }

  @Test
  void acceptsExactlyTheMaximumLength() {
    String name = "a".repeat(Identifier.MAX_LENGTH);
    assertEquals(Optional.empty(), Identifier.problem(name));
  }

  @Test
  void rejectsOneCharacterMoreThanTheMaximumLength() {
    String name = "a".repeat(Identifier.MAX_LENGTH + 1);
    Optional<String> problem = Identifier.problem(name);
    assertTrue(problem.isPresent());
    assertTrue(problem.get().contains("129 characters long"), problem.get());
    assertTrue(problem.get().contains(Identifier.RULE), problem.get());
  }

  @Test
  void rejectsEmptyAndNull() {
    assertEquals(Optional.of("is empty; expected " + Identifier.RULE), Identifier.problem(""));
    assertEquals(Optional.of("is empty; expected " + Identifier.RULE), Identifier.problem(null));
  }

  static Stream<Arguments> unsafeNames() {
    return Stream.of(
        Arguments.of("single quote", "Signin'Logs"),
        Arguments.of("double quote", "Signin\"Logs"),
        Arguments.of("statement separator", "SigninLogs;DROP TABLE x"),
        Arguments.of("trailing semicolon", "SigninLogs;"),
        Arguments.of("inner space", "Signin Logs"),
        Arguments.of("leading space", " SigninLogs"),
        Arguments.of("trailing space", "SigninLogs "),
        Arguments.of("tab", "Signin\tLogs"),
        Arguments.of("line comment", "SigninLogs--"),
        Arguments.of("line comment in the middle", "a--b"),
        Arguments.of("block comment", "SigninLogs/*x*/"),
        Arguments.of("block comment opener", "a/*"),
        Arguments.of("backtick", "`SigninLogs`"),
        Arguments.of("square brackets", "[SigninLogs]"),
        Arguments.of("bracket index", "t[0]"),
        Arguments.of("dot", "db.SigninLogs"),
        Arguments.of("pipe", "SigninLogs | take 1"),
        Arguments.of("parentheses", "f()"),
        Arguments.of("hyphen", "signin-logs"),
        Arguments.of("leading digit", "1Table"),
        Arguments.of("accented letter", "Tábla"),
        Arguments.of("greek letter", "Σ"),
        Arguments.of("cyrillic look-alike a", "T\u0430ble"),
        Arguments.of("full-width letter", "\uFF21"),
        Arguments.of("unicode digit", "t\u0663"),
        Arguments.of("trailing newline", "SigninLogs\n"),
        Arguments.of("inner newline", "Signin\nLogs"),
        Arguments.of("carriage return", "SigninLogs\r"),
        Arguments.of("nul character", "Signin\u0000Logs"),
        Arguments.of("dollar", "$table"),
        Arguments.of("at sign", "@p"),
        Arguments.of("backslash", "a\\b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsafeNames")
  void rejectsNamesThatCouldBreakOutOfAQuery(String why, String name) {
    Optional<String> problem = Identifier.problem(name);
    assertTrue(problem.isPresent(), () -> why + " was accepted");
    assertEquals("is not " + Identifier.RULE, problem.get());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Identifier.require(name));
    assertTrue(e.getMessage().startsWith("identifier '" + Identifier.printable(name) + "' is not "),
        e.getMessage());
  }

  @Test
  void problemDoesNotRepeatTheName() {
    String name = "Robert');DROP TABLE Students;--";
    String problem = Identifier.problem(name).orElseThrow();
    assertFalse(problem.contains("Robert"), problem);
    assertFalse(problem.contains("DROP"), problem);
  }

  @Test
  void requireEscapesControlCharactersInItsMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Identifier.require("bad\nname"));
    assertEquals("identifier 'bad\\u000aname' is not " + Identifier.RULE, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void requireRejectsEmptyAndNull() {
    assertThrows(IllegalArgumentException.class, () -> Identifier.require(""));
    assertThrows(IllegalArgumentException.class, () -> Identifier.require(null));
  }

  @Test
  void printableKeepsOrdinaryTextAsItIs() {
    assertEquals("SigninLogs", Identifier.printable("SigninLogs"));
    assertEquals("it's \"quoted\"; -- /* */ é Σ", Identifier.printable("it's \"quoted\"; -- /* */ é Σ"));
    assertEquals("", Identifier.printable(""));
  }

  @Test
  void printableRendersNullAsEmpty() {
    assertEquals("", Identifier.printable(null));
  }

  @Test
  void printableEscapesEveryCharacterALogWouldNotShowAsItself() {
    assertEquals("a\\u000ab", Identifier.printable("a\nb"));
    assertEquals("a\\u000db", Identifier.printable("a\rb"));
    assertEquals("\\u0009x", Identifier.printable("\tx"));
    assertEquals("\\u0000", Identifier.printable("\u0000"));
    assertEquals("\\u001b[31m", Identifier.printable("\u001b[31m"));
    assertEquals("\\u007f", Identifier.printable("\u007f"));
    assertEquals("\\u0085", Identifier.printable("\u0085"));
    assertEquals("Signin\\u200bLogs", Identifier.printable("Signin\u200bLogs"));
    assertEquals("\\u202egnp.exe", Identifier.printable("\u202egnp.exe"));
    assertEquals("a\\u2028b\\u2029c", Identifier.printable("a\u2028b\u2029c"));
    assertEquals("\\ufeffx", Identifier.printable("\ufeffx"));
    assertEquals("\\ud800x", Identifier.printable("\ud800x"));
    assertEquals("\ud83d\ude00", Identifier.printable("\ud83d\ude00"));
  }

  @Test
  void printableCutsLongValuesAndMarksTheCut() {
    assertEquals("x".repeat(200), Identifier.printable("x".repeat(200)));
    assertEquals("x".repeat(200) + "...", Identifier.printable("x".repeat(201)));
    assertEquals("x".repeat(200) + "...", Identifier.printable("x".repeat(10_000)));
  }

  @Test
  void printableMarksEveryCutEvenWhenEscapesMadeTheTextLong() {
    // Fifty newlines escape to 300 characters; whether the output keeps them all or cuts them, it must not
    // silently drop some, or the message misrepresents the value.
    String value = "\n".repeat(50);
    String full = "\\u000a".repeat(50);
    String printed = Identifier.printable(value);
    assertTrue(printed.equals(full) || printed.endsWith("..."),
        "printable dropped escapes without marking the cut: " + printed.length() + " characters, '"
            + printed + "'");
  }
}
