package io.vigil.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader for watchlists exported as CSV: quoted cells may hold commas, quotes ({@code ""}) and
 * line breaks; unquoted cells are trimmed; blank lines and lines starting with {@code #} are skipped; a UTF-8
 * byte order mark is ignored. The header and each row keep the line they start on, for error messages.
 */
public record CsvTable(String file, int headerLine, List<String> header, List<Row> rows) {

  /**
   * @param number the row's position among data rows, starting at 1 (the header is not a row)
   * @param line the file line the row starts on, starting at 1
   */
  public record Row(int number, int line, List<String> cells) {}

  public static CsvTable read(Path path) throws IOException {
    String file = path.getFileName().toString();
    return parse(file, readUtf8(file, path));
  }

  /**
   * Reads a text file as UTF-8. A file in another encoding fails naming its first line that is not UTF-8, where the
   * JDK's own error would only say "Input length = 1", and lenient decoding would turn the bytes into other values.
   */
  public static String readUtf8(String file, Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    ByteBuffer input = ByteBuffer.wrap(bytes);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(input).toString();
    } catch (CharacterCodingException e) {
      int line = 1;
      for (int i = 0; i < input.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new CsvFormatException(file + " line " + line + ": not UTF-8 text; save the file as UTF-8");
    }
  }

  public static CsvTable parse(String file, String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < text.length()) {
      int recordLine = line;
      int lineEnd = text.indexOf('\n', i);
      String rawLine = text.substring(i, lineEnd < 0 ? text.length() : lineEnd).strip();
      if (rawLine.isEmpty() || rawLine.startsWith("#")) {
        i = lineEnd < 0 ? text.length() : lineEnd + 1;
        line++;
        continue;
      }
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      boolean done = false;
      while (!done) {
        if (i >= text.length()) {
          if (quoted) {
            throw new CsvFormatException(file + " line " + recordLine + ": a quoted cell is never closed");
          }
          done = true;
          continue;
        }
        char c = text.charAt(i++);
        if (quoted) {
          if (c == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            cell.append(c);
          }
        } else if (c == '"' && cell.toString().isBlank()) {
          quoted = true;
          wasQuoted = true;
          cell.setLength(0);
        } else if (c == ',') {
          cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
          cell.setLength(0);
          wasQuoted = false;
        } else if (c == '\n') {
          line++;
          done = true;
        } else if (c == '\r') {
          // Part of a CRLF line ending, or stray; never part of a value.
        } else if (wasQuoted && !Character.isWhitespace(c)) {
          throw new CsvFormatException(
              file + " line " + line + ": text after the closing quote of a cell; quote the whole cell");
        } else if (!wasQuoted) {
          cell.append(c);
        }
      }
      cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
      records.add(cells);
      lines.add(recordLine);
    }
    if (records.isEmpty()) {
      throw new CsvFormatException(file + ": no header line");
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      rows.add(new Row(r, lines.get(r), List.copyOf(records.get(r))));
    }
    return new CsvTable(file, lines.get(0), List.copyOf(records.get(0)), List.copyOf(rows));
  }

  /**
   * The file cannot be read as CSV at all; the message names the file and line. It is an illegal argument, so that
   * callers that turn bad input into a configuration error, not a retry, catch it with the rest.
   */
  public static final class CsvFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CsvFormatException(String message) {
      super(message);
    }
  }
}
