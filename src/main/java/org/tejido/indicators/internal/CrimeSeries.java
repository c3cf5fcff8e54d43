package org.tejido.indicators.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of one crime import (V42): each distinct line of a SESNSP file without its year and
 * months — what the line counts — numbered from {@code base + 1} in the order first met. A line
 * becomes a narrow figure ({@link #figure}); at the end the series themselves are written once
 * ({@link #writeTo}), and {@link #touched} tells which (level, measure, year, state, subtype) the
 * file covers, for the replace.
 */
final class CrimeSeries {

  /** The columns {@link #writeTo} writes, in order. */
  static final String COLUMNS =
      "id, catalogue, measure, level, state, state_name, municipality, municipality_name,"
          + " legal_good, crime_type, subtype, subtype_key, modality, sex, age_range, latest_month,"
          + " figures";

  private static final int FIRST_YEAR = 1990;
  // Positions in a line (a row in the order of IndicatorStore.CRIME_COLUMNS)...
  private static final int YEAR = 3;
  private static final int MONTHS = 15;
  // ...and in a series' key: the line without its year and months.
  private static final int MEASURE = 1;
  private static final int LEVEL = 2;
  private static final int STATE = 3;
  private static final int SUBTYPE_KEY = 10;

  private final Map<List<Object>, Series> byLine = new HashMap<>();
  private final List<Series> inOrder = new ArrayList<>();
  private final int base;
  private Series last;

  CrimeSeries(int base) {
    this.base = base;
  }

  /** The figure row, {@code series, year, months}, for a line given in CRIME_COLUMNS' order. */
  Object[] figure(Object[] line) {
    Object[] key = new Object[MONTHS - 1];
    System.arraycopy(line, 0, key, 0, YEAR);
    System.arraycopy(line, YEAR + 1, key, YEAR, MONTHS - YEAR - 1);
    // A file repeats its series in the same order year after year: the line after the last one's
    // series is most often the series that followed it before, found without hashing the line.
    Series expected = last == null ? null : last.next;
    Series series;
    if (expected != null && Arrays.equals(expected.line, key)) {
      series = expected;
    } else {
      series =
          byLine.computeIfAbsent(
              Arrays.asList(key),
              k -> {
                Series created = new Series(base + inOrder.size() + 1, key);
                inOrder.add(created);
                return created;
              });
      if (last != null) {
        last.next = series;
      }
    }
    last = series;
    series.figures++;
    int year = (Integer) line[YEAR];
    Integer[] months = (Integer[]) line[MONTHS];
    series.years.set(year - FIRST_YEAR);
    for (int m = months.length; m > 0; m--) {
      if (months[m - 1] != null) {
        series.latestMonth = Math.max(series.latestMonth, year * 100 + m);
        break;
      }
    }
    return new Object[] {series.id, year, months};
  }

  /** Writes every series met, in COLUMNS' order. */
  void writeTo(CopyRows rows) throws SQLException {
    for (Series s : inOrder) {
      Object[] values = new Object[s.line.length + 3];
      values[0] = s.id;
      System.arraycopy(s.line, 0, values, 1, s.line.length);
      values[values.length - 2] = s.latestMonth == 0 ? null : s.latestMonth;
      values[values.length - 1] = s.figures;
      rows.row(values);
    }
  }

  /** Every (level, measure, year, state, subtype key) some line of the file counts. */
  List<Object[]> touched() {
    // Series that differ only in place within a state, or in modality, touch the same keys: gather
    // their years first, then spell the keys out once.
    Map<List<Object>, BitSet> years = new LinkedHashMap<>();
    for (Series s : inOrder) {
      years
          .computeIfAbsent(
              List.of(s.line[LEVEL], s.line[MEASURE], s.line[STATE], s.line[SUBTYPE_KEY]),
              k -> new BitSet())
          .or(s.years);
    }
    List<Object[]> touched = new ArrayList<>();
    years.forEach(
        (k, set) ->
            set.stream()
                .forEach(
                    y ->
                        touched.add(
                            new Object[] {
                              k.get(0), k.get(1), FIRST_YEAR + y, k.get(2), k.get(3)
                            })));
    return touched;
  }

  private static final class Series {
    final int id;
    final Object[] line;
    final BitSet years = new BitSet();
    int latestMonth;
    int figures;
    Series next;

    Series(int id, Object[] line) {
      this.id = id;
      this.line = line;
    }
  }
}
