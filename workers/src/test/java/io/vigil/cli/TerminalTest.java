package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TerminalTest {

  @Test
  void controlCharactersFromEventDataAreShownEscapedAndTheRestAsItIs() {
    assertEquals("alice\\u001b[2J\\u000aroot\\u0009x", Terminal.printable("alice\u001b[2J\nroot\tx"));
    assertEquals("o'brien <b> é 中", Terminal.printable("o'brien <b> é 中"));
  }
}
