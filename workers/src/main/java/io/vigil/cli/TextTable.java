package io.vigil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns padded to their widest cell, the last column left ragged. */
final class TextTable {

  private TextTable() {}

  static void print(String[] header, List<String[]> rows, PrintWriter out) {
    List<String[]> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    int[] widths = new int[header.length - 1];
    for (String[] line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        text.append(String.format("%-" + widths[i] + "s  ", line[i]));
      }
      out.println(text.append(line[widths.length]).toString().stripTrailing());
    }
    out.flush();
  }
}
