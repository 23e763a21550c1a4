package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

  private static CsvTable parse(String text) {
    return CsvTable.parse("watchlist.csv", text);
  }

  @Test
  void readsTheHeaderAndNumbersTheDataRows() {
    CsvTable table = parse("Source,TimeField\nSigninLogs,TimeGenerated\nSyslog,EventTime\n");
    assertEquals("watchlist.csv", table.file());
    assertEquals(List.of("Source", "TimeField"), table.header());
    assertEquals(List.of(
        new CsvTable.Row(1, 2, List.of("SigninLogs", "TimeGenerated")),
        new CsvTable.Row(2, 3, List.of("Syslog", "EventTime"))), table.rows());
  }

  @Test
  void theLastLineNeedsNoLineBreak() {
    CsvTable table = parse("A,B\n1,2");
    assertEquals(List.of(new CsvTable.Row(1, 2, List.of("1", "2"))), table.rows());
  }

  @Test
  void aHeaderAloneHasNoRows() {
    CsvTable table = parse("Key,Value\n");
    assertEquals(List.of("Key", "Value"), table.header());
    assertEquals(List.of(), table.rows());
  }

  @Test
  void unquotedCellsAreTrimmed() {
    CsvTable table = parse(" A , B \n  SigninLogs ,\t60\t\n");
    assertEquals(List.of("A", "B"), table.header());
    assertEquals(List.of("SigninLogs", "60"), table.rows().get(0).cells());
  }

  @Test
  void emptyCellsAreKeptInPlace() {
    CsvTable table = parse("A,B,C\n,,\nx,,z\nx,y,\n");
    assertEquals(List.of("", "", ""), table.rows().get(0).cells());
    assertEquals(List.of("x", "", "z"), table.rows().get(1).cells());
    assertEquals(List.of("x", "y", ""), table.rows().get(2).cells());
  }

  @Test
  void quotedCellsKeepCommasAndSurroundingSpaces() {
    CsvTable table = parse("A,B\n\"a, b\",\"  padded  \"\n");
    assertEquals(List.of("a, b", "  padded  "), table.rows().get(0).cells());
  }

  @Test
  void doubledQuotesInsideAQuotedCellAreOneQuote() {
    CsvTable table = parse("A,B\n\"say \"\"hi\"\"\",\"\"\"\"\n");
    assertEquals(List.of("say \"hi\"", "\""), table.rows().get(0).cells());
  }

  @Test
  void anEmptyQuotedCellIsEmpty() {
    CsvTable table = parse("A,B\n\"\",x\n");
    assertEquals(List.of("", "x"), table.rows().get(0).cells());
  }

  @Test
  void spacesAroundAQuotedCellAreIgnored() {
    CsvTable table = parse("A,B\n  \"x, y\"  ,z\n");
    assertEquals(List.of("x, y", "z"), table.rows().get(0).cells());
  }

  @Test
  void aQuoteInsideAnUnquotedCellIsKeptLiterally() {
    // Identifier validation then rejects it; the reader must not silently drop it.
    CsvTable table = parse("A\nSign\"in\n");
    assertEquals(List.of("Sign\"in"), table.rows().get(0).cells());
  }

  @Test
  void quotedCellsMayHoldLineBreaks() {
    CsvTable table = parse("A,B\n1,\"first\nsecond\"\n2,x\n");
    assertEquals(List.of("1", "first\nsecond"), table.rows().get(0).cells());
    assertEquals(List.of("2", "x"), table.rows().get(1).cells());
  }

  @Test
  void rowsAfterAMultiLineCellKeepTheirFileLines() {
    String text = String.join("\n",
        "A,B",                 // line 1
        "1,\"one",             // line 2: row 1 starts
        "two",                 // line 3
        "three\"",             // line 4
        "2,x",                 // line 5: row 2
        "3,\"y",               // line 6: row 3 starts
        "\"",                  // line 7
        "4,z");                // line 8: row 4
    CsvTable table = parse(text);
    assertEquals(List.of(
        new CsvTable.Row(1, 2, List.of("1", "one\ntwo\nthree")),
        new CsvTable.Row(2, 5, List.of("2", "x")),
        new CsvTable.Row(3, 6, List.of("3", "y\n")),
        new CsvTable.Row(4, 8, List.of("4", "z"))), table.rows());
  }

  @Test
  void blankAndCommentLinesAreSkippedButCountAsLines() {
    String text = String.join("\n",
        "# source watchlist",  // line 1
        "",                    // line 2
        "A,B",                 // line 3: header
        "   ",                 // line 4
        "# a comment",         // line 5
        "1,x",                 // line 6: row 1
        "  # indented comment", // line 7
        "",                    // line 8
        "2,y",                 // line 9: row 2
        "");
    CsvTable table = parse(text);
    assertEquals(List.of("A", "B"), table.header());
    assertEquals(List.of(
        new CsvTable.Row(1, 6, List.of("1", "x")),
        new CsvTable.Row(2, 9, List.of("2", "y"))), table.rows());
  }

  @Test
  void blankAndHashLinesInsideAQuotedCellArePartOfTheCell() {
    CsvTable table = parse("A,B\n1,\"x\n\n# not a comment\"\n2,y\n");
    assertEquals(List.of("1", "x\n\n# not a comment"), table.rows().get(0).cells());
    assertEquals(new CsvTable.Row(2, 5, List.of("2", "y")), table.rows().get(1));
  }

  @Test
  void crlfLineEndingsLeaveNoCarriageReturnsInValues() {
    CsvTable table = parse("A,B\r\n1,x\r\n\r\n# c\r\n\"2\",\"y\"\r\n3,z");
    assertEquals(List.of("A", "B"), table.header());
    assertEquals(List.of(
        new CsvTable.Row(1, 2, List.of("1", "x")),
        new CsvTable.Row(2, 5, List.of("2", "y")),
        new CsvTable.Row(3, 6, List.of("3", "z"))), table.rows());
  }

  @Test
  void aByteOrderMarkIsIgnored() {
    CsvTable table = parse("\uFEFFSource,TimeField\nSigninLogs,TimeGenerated\n");
    assertEquals(List.of("Source", "TimeField"), table.header());
    assertEquals("Source", table.header().get(0));
    assertEquals(2, table.rows().get(0).line());
  }

  @Test
  void anUnterminatedQuoteNamesTheFileAndTheLineTheRowStartsOn() {
    CsvTable.CsvFormatException e = assertThrows(CsvTable.CsvFormatException.class,
        () -> parse("A,B\n1,x\n2,\"never closed\n3,y\n"));
    assertEquals("watchlist.csv line 3: a quoted cell is never closed", e.getMessage());
  }

  @Test
  void textAfterAClosingQuoteIsRejectedWithItsLine() {
    CsvTable.CsvFormatException e =
        assertThrows(CsvTable.CsvFormatException.class, () -> parse("A,B\n1,x\n\"abc\"def,y\n"));
    assertTrue(e.getMessage().startsWith("watchlist.csv line 3: text after the closing quote"), e.getMessage());
  }

  @Test
  void textAfterAClosingQuoteOfAMultiLineCellNamesTheLineItIsOn() {
    CsvTable.CsvFormatException e =
        assertThrows(CsvTable.CsvFormatException.class, () -> parse("A,B\n1,\"x\ny\"z\n"));
    assertTrue(e.getMessage().startsWith("watchlist.csv line 3: "), e.getMessage());
  }

  @Test
  void aSecondQuotedPartInOneCellIsRejected() {
    assertThrows(CsvTable.CsvFormatException.class, () -> parse("A,B\n\"abc\" \"def\",y\n"));
  }

  @Test
  void anEmptyFileHasNoHeader() {
    CsvTable.CsvFormatException e = assertThrows(CsvTable.CsvFormatException.class, () -> parse(""));
    assertEquals("watchlist.csv: no header line", e.getMessage());
  }

  @Test
  void aFileOfOnlyCommentsAndBlankLinesHasNoHeader() {
    assertThrows(CsvTable.CsvFormatException.class, () -> parse("# nothing here\n\n   \n# still nothing\n"));
    assertThrows(CsvTable.CsvFormatException.class, () -> parse("\uFEFF\r\n"));
  }

  @Test
  void rowsKeepTheirOwnCellCount() {
    CsvTable table = parse("A,B,C\n1\n1,2,3,4\n");
    assertEquals(List.of("1"), table.rows().get(0).cells());
    assertEquals(List.of("1", "2", "3", "4"), table.rows().get(1).cells());
  }

  @Test
  void theParsedTableCannotBeModified() {
    CsvTable table = parse("A\n1\n");
    assertThrows(UnsupportedOperationException.class, () -> table.header().add("B"));
    assertThrows(UnsupportedOperationException.class, () -> table.rows().clear());
    assertThrows(UnsupportedOperationException.class, () -> table.rows().get(0).cells().set(0, "x"));
  }

  @Test
  void readNamesTheTableAfterTheFileAndDecodesUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("SourceConfiguration.csv");
    Files.write(file, "\uFEFFSource,Note\r\nSigninLogs,\"café, naïve\"\r\n".getBytes(StandardCharsets.UTF_8));
    CsvTable table = CsvTable.read(file);
    assertEquals("SourceConfiguration.csv", table.file());
    assertEquals(List.of("Source", "Note"), table.header());
    assertEquals(List.of("SigninLogs", "café, naïve"), table.rows().get(0).cells());
    assertFalse(table.rows().get(0).cells().get(1).contains("\r"));
  }

  @Test
  void aFileThatIsNotUtf8NamesTheFirstLineThatIsNot(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("SourceConfiguration.csv");
    Files.write(file, "Source,Note\nSigninLogs,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    CsvTable.CsvFormatException e = assertThrows(CsvTable.CsvFormatException.class, () -> CsvTable.read(file));
    assertEquals("SourceConfiguration.csv line 2: not UTF-8 text; save the file as UTF-8", e.getMessage());
  }
}
