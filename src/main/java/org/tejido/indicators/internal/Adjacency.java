package org.tejido.indicators.internal;

import java.util.Iterator;
import org.apache.commons.csv.CSVRecord;
import org.tejido.indicators.ImportRefused;
import org.tejido.indicators.Place;

/**
 * A list of neighbouring municipalities, {@code municipality,neighbour}, one pair a line,
 * five-digit INEGI codes (four digits are padded, as SESNSP's own files need). "No especificado"
 * buckets are not places and have no neighbours.
 */
final class Adjacency {

  private Adjacency() {}

  static void rows(Iterator<CSVRecord> records, CopyRows out, long[] read) throws Exception {
    while (records.hasNext()) {
      CSVRecord r = records.next();
      read[0]++;
      if (r.size() != 2) {
        throw new ImportRefused(
            "Line " + r.getRecordNumber() + ": a line is two codes, municipality,neighbour.");
      }
      String a = code(r.get(0), r);
      String b = code(r.get(1), r);
      if (a.equals(b)) {
        throw new ImportRefused(
            "Line " + r.getRecordNumber() + ": " + a + " cannot be its own neighbour.");
      }
      out.row(a, b);
    }
  }

  private static String code(String text, CSVRecord r) {
    String t = text.strip();
    if (t.matches("\\d{4}")) {
      t = "0" + t;
    }
    try {
      Place.Municipality m = new Place.Municipality(t);
      if (m.isUnspecifiedBucket()) {
        throw new IllegalArgumentException(t + " is a \"no especificado\" bucket, not a place.");
      }
      return m.code();
    } catch (IllegalArgumentException e) {
      throw new ImportRefused("Line " + r.getRecordNumber() + ": " + e.getMessage());
    }
  }
}
