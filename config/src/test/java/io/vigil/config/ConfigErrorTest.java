package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfigErrorTest {

  @Test
  void namesFileRowLineColumnValueAndWhatIsAllowed() {
    ConfigError error = new ConfigError("watchlist.csv", 2, 3, "TimeSeriesBinSize", "0",
        "out of range; expected a whole number of minutes from 1 to 10080 (one week)");
    assertEquals("watchlist.csv row 2 (line 3), column TimeSeriesBinSize, value '0': "
        + "out of range; expected a whole number of minutes from 1 to 10080 (one week)", error.toString());
  }

  @Test
  void leavesOutAnUnknownLine() {
    ConfigError error = new ConfigError("watchlist.csv", 2, 0, "Source", "x y", "is not valid");
    assertEquals("watchlist.csv row 2, column Source, value 'x y': is not valid", error.toString());
  }

  @Test
  void callsRowZeroOnLineOneTheHeader() {
    ConfigError error = new ConfigError("watchlist.csv", 0, 1, "Colour", null, "unknown column, ignored");
    assertEquals("watchlist.csv header (line 1), column Colour: unknown column, ignored", error.toString());
  }

  @Test
  void leavesOutAMissingColumnAndValue() {
    ConfigError error = new ConfigError("watchlist.csv", 4, 7, "", null, "the row has 2 cells but the header has 13");
    assertEquals("watchlist.csv row 4 (line 7): the row has 2 cells but the header has 13", error.toString());
    ConfigError nullColumn = new ConfigError("watchlist.csv", 4, 7, null, null, "bad");
    assertEquals("watchlist.csv row 4 (line 7): bad", nullColumn.toString());
  }

  @Test
  void showsAnEmptyValueAsEmptyQuotes() {
    ConfigError error = new ConfigError("watchlist.csv", 1, 2, "Source", "", "required");
    assertEquals("watchlist.csv row 1 (line 2), column Source, value '': required", error.toString());
  }

  @Test
  void namesOnlyTheFileForAnErrorWithoutRowOrLine() {
    ConfigError error = new ConfigError("global.csv", 0, 0, null, null, "no rows");
    assertEquals("global.csv: no rows", error.toString());
  }

  @Test
  void escapesControlCharactersInTheValue() {
    ConfigError error = new ConfigError("watchlist.csv", 1, 2, "Source", "Signin\nLogs\u001b[2J", "is not valid");
    assertEquals("watchlist.csv row 1 (line 2), column Source, value 'Signin\\u000aLogs\\u001b[2J': is not valid",
        error.toString());
  }

  @Test
  void escapesTheColumnToo() {
    // A header error names the header cell as the column, and the header is as untrusted as any value.
    ConfigError error = new ConfigError("watchlist.csv", 0, 1, "Col\u200bour\nforged", null, "unknown column");
    assertEquals("watchlist.csv header (line 1), column Col\\u200bour\\u000aforged: unknown column", error.toString());
  }
}
