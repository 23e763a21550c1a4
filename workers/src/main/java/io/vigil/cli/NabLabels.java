package io.vigil.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's {@code labels/combined_windows.json}: for every data file, by its path under {@code data/} such as
 * {@code realTweets/Twitter_volume_AAPL.csv}, the anomaly windows as pairs of timestamps. The file has exactly this
 * shape, an object of arrays of two-string arrays, so a small reader for that shape does without a JSON library;
 * anything else is reported with its line.
 *
 * @param windows the windows per data file, in file order
 */
record NabLabels(Map<String, List<Window>> windows) {

  /** NAB's timestamps: {@code 2014-04-10 07:15:00}, in the labels with six decimals of seconds. */
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

  /** One labelled window; both ends belong to it. */
  record Window(LocalDateTime start, LocalDateTime end) {

    boolean contains(LocalDateTime time) {
      return !time.isBefore(start) && !time.isAfter(end);
    }
  }

  /** Whether {@code time} lies in a window of {@code dataFile}; {@code dataFile} must have an entry. */
  boolean isAnomalous(String dataFile, LocalDateTime time) {
    for (Window window : windows.get(dataFile)) {
      if (window.contains(time)) {
        return true;
      }
    }
    return false;
  }

  static NabLabels read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    return new Reader(file, text).labels();
  }

  /** A reader for the one shape: {@code {"name": [["start", "end"], ...], ...}}. */
  private static final class Reader {

    private final Path file;
    private final String text;
    private int position;

    Reader(Path file, String text) {
      this.file = file;
      this.text = text;
    }

    NabLabels labels() {
      Map<String, List<Window>> windows = new LinkedHashMap<>();
      expect('{');
      if (!skipIf('}')) {
        do {
          int line = line();
          String name = string();
          expect(':');
          if (windows.put(name, windowList()) != null) {
            throw error(line, "'" + name + "' appears twice");
          }
        } while (skipIf(','));
        expect('}');
      }
      skipWhitespace();
      if (position < text.length()) {
        throw error(line(), "unexpected text after the labels object");
      }
      return new NabLabels(windows);
    }

    private List<Window> windowList() {
      List<Window> windows = new ArrayList<>();
      expect('[');
      if (skipIf(']')) {
        return windows;
      }
      do {
        expect('[');
        LocalDateTime start = timestamp();
        expect(',');
        LocalDateTime end = timestamp();
        expect(']');
        windows.add(new Window(start, end));
      } while (skipIf(','));
      expect(']');
      return windows;
    }

    private LocalDateTime timestamp() {
      int line = line();
      String value = string();
      try {
        return LocalDateTime.parse(value, TIMESTAMP);
      } catch (DateTimeParseException e) {
        throw error(line, "'" + value + "' is not a timestamp like 2014-04-10 07:15:00.000000");
      }
    }

    private String string() {
      expect('"');
      int end = text.indexOf('"', position);
      if (end < 0 || text.substring(position, end).contains("\\")) {
        throw error(line(), "expected a string without escapes");
      }
      String value = text.substring(position, end);
      position = end + 1;
      return value;
    }

    private void expect(char wanted) {
      if (!skipIf(wanted)) {
        throw error(line(), "expected '" + wanted + "'");
      }
    }

    private boolean skipIf(char wanted) {
      skipWhitespace();
      if (position < text.length() && text.charAt(position) == wanted) {
        position++;
        return true;
      }
      return false;
    }

    private void skipWhitespace() {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }

    private int line() {
      skipWhitespace();
      return 1 + (int) text.substring(0, position).chars().filter(c -> c == '\n').count();
    }

    private IllegalArgumentException error(int line, String message) {
      return new IllegalArgumentException(file + " line " + line + ": " + message);
    }
  }
}
