package org.tejido.analysis.qdpx;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads selection positions whatever convention the writing program used. The file's own header is
 * no guide (NVivo declares nothing and counts UTF-16 units), so every plausible reading is tried
 * and the one that puts the most selections on word boundaries wins: people select words, and a
 * wrong reading drifts by one position per emoji or line end into the middle of words.
 */
final class Positions {

  private static final char BOM = '\uFEFF';

  private Positions() {}

  /** A source's text as stored, and its selections' positions as written. */
  record Raw(String text, int[] starts, int[] ends) {}

  record Detection(
      PositionConvention convention,
      boolean decisive,
      int checked,
      int onWordBoundaries,
      int onWordBoundariesAsCodePoints) {}

  /** Without a byte order mark, every line end as LF. */
  static String normalise(String raw) {
    int from = !raw.isEmpty() && raw.charAt(0) == BOM ? 1 : 0;
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = from; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\r') {
        out.append('\n');
        if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * For each position of {@code raw} under {@code convention}, the code point offset in the
   * normalised text, or -1 for a position inside a character (between the halves of a surrogate
   * pair, or between CR and LF). One longer than the number of positions.
   */
  static int[] map(String raw, PositionConvention convention) {
    int[] map = new int[raw.length() + 2];
    int p = 0;
    int n = 0;
    int i = 0;
    if (!raw.isEmpty() && raw.charAt(0) == BOM) {
      if (convention.bomCounted()) {
        map[p++] = 0;
      }
      i = 1;
    }
    while (i < raw.length()) {
      char c = raw.charAt(i);
      map[p++] = n;
      if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
        if (convention.crlfAsTwo()) {
          map[p++] = -1;
        }
        i += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < raw.length()
          && Character.isLowSurrogate(raw.charAt(i + 1))) {
        if (convention.utf16Units()) {
          map[p++] = -1;
        }
        i += 2;
      } else {
        i++;
      }
      n++;
    }
    map[p++] = n;
    return java.util.Arrays.copyOf(map, p);
  }

  static Detection detect(List<Raw> sources) {
    boolean bom = false;
    boolean crlf = false;
    boolean astral = false;
    int checked = 0;
    for (Raw s : sources) {
      bom |= !s.text().isEmpty() && s.text().charAt(0) == BOM;
      crlf |= s.text().contains("\r\n");
      astral |= s.text().codePoints().anyMatch(cp -> cp > 0xFFFF);
      checked += s.starts().length;
    }
    List<PositionConvention> candidates = new ArrayList<>();
    for (boolean units : astral ? new boolean[] {false, true} : new boolean[] {false}) {
      for (boolean two : crlf ? new boolean[] {true, false} : new boolean[] {true}) {
        for (boolean counted : bom ? new boolean[] {false, true} : new boolean[] {false}) {
          candidates.add(new PositionConvention(units, two, counted));
        }
      }
    }
    List<int[]> words = new ArrayList<>();
    for (Raw s : sources) {
      words.add(normalise(s.text()).codePoints().toArray());
    }
    PositionConvention best = null;
    int bestValid = -1;
    int bestClean = -1;
    int standardClean = 0;
    for (PositionConvention candidate : candidates) {
      int valid = 0;
      int clean = 0;
      for (int k = 0; k < sources.size(); k++) {
        Raw s = sources.get(k);
        if (s.starts().length == 0) {
          continue;
        }
        int[] map = map(s.text(), candidate);
        int[] cps = words.get(k);
        for (int j = 0; j < s.starts().length; j++) {
          int start = s.starts()[j];
          int end = s.ends()[j];
          if (start < 0 || end < start || end >= map.length) {
            continue;
          }
          valid++;
          int a = map[start];
          int b = map[end];
          if (a >= 0 && b >= 0 && outsideWord(cps, a) && outsideWord(cps, b)) {
            clean++;
          }
        }
      }
      if (candidate.equals(PositionConvention.CODE_POINTS)) {
        standardClean = clean;
      }
      if (valid > bestValid || (valid == bestValid && clean > bestClean)) {
        best = candidate;
        bestValid = valid;
        bestClean = clean;
      }
    }
    return new Detection(best, candidates.size() > 1, checked, bestClean, standardClean);
  }

  private static boolean outsideWord(int[] cps, int at) {
    return at == 0 || at >= cps.length || !(wordChar(cps[at - 1]) && wordChar(cps[at]));
  }

  private static boolean wordChar(int cp) {
    return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  /** Moves a position inside a character to its start (for a start) or its end (for an end). */
  static int widen(int[] map, int position, boolean isStart) {
    int p = position;
    while (map[p] < 0) {
      p += isStart ? -1 : 1;
    }
    return map[p];
  }
}
