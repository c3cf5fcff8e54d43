package org.tejido.indicators;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent reading of a SESNSP file for checking the import: a few lines of splitting on
 * commas and quotes, sharing nothing with the importer.
 */
final class RawCsv {

  private RawCsv() {}

  static List<List<String>> rows(Path file, Charset charset) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readString(file, charset).split("\r?\n")) {
      if (!line.isEmpty()) {
        rows.add(split(line));
      }
    }
    return rows.subList(1, rows.size());
  }

  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /**
   * The sum of the month columns (the last twelve) of the rows matching, blanks skipped.
   *
   * @param month 1–12, or 0 for the whole year
   */
  static long sum(
      List<List<String>> rows,
      int subtypeColumn,
      String subtype,
      String year,
      int month,
      java.util.function.Predicate<List<String>> where) {
    long sum = 0;
    for (List<String> row : rows) {
      if (row.get(0).equals(year) && row.get(subtypeColumn).equals(subtype) && where.test(row)) {
        int first = row.size() - 12;
        for (int m = 1; m <= 12; m++) {
          if (month != 0 && m != month) {
            continue;
          }
          String cell = row.get(first + m - 1);
          if (!cell.isBlank()) {
            sum += (long) Double.parseDouble(cell);
          }
        }
      }
    }
    return sum;
  }
}
