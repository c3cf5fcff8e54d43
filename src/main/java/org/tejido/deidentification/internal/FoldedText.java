package org.tejido.deidentification.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * A text folded for matching, with the way back to the original: lower case ({@link Locale#ROOT}),
 * accents set aside ("Pérez", "PEREZ" and "perez" fold alike; so do "ñ" and "n"), every run of
 * white space (including no-break spaces and line breaks) folded to one space, and typographic
 * apostrophes and dashes folded to ASCII.
 *
 * <p>Each folded character remembers the range of original characters it stands for, so a match in
 * the folded text maps back to exact offsets in the original. Combining accents that follow a
 * letter (decomposed text, as pasted from some systems) and invisible format characters (soft
 * hyphens, zero-width spaces) fold away into the preceding character's range; a character outside
 * the Basic Multilingual Plane (an emoji) is kept whole as its two surrogates.
 */
public final class FoldedText {

  /** Folded forms of U+0080..U+024F (Latin-1 Supplement, Latin Extended-A and -B), precomputed. */
  private static final int TABLE_END = 0x250;

  private static final int[] TABLE = new int[TABLE_END];

  static {
    for (int cp = 0; cp < TABLE_END; cp++) {
      TABLE[cp] = computeFold(cp);
    }
  }

  private final String text;
  private final int[] from;
  private final int[] to;

  private FoldedText(String text, int[] from, int[] to) {
    this.text = text;
    this.from = from;
    this.to = to;
  }

  /** Folds {@code original}; offsets of the result map back into it. */
  public static FoldedText of(CharSequence original) {
    int length = original.length();
    StringBuilder out = new StringBuilder(length);
    int[] from = new int[length];
    int[] to = new int[length];
    int i = 0;
    while (i < length) {
      int cp = Character.codePointAt(original, i);
      int next = i + Character.charCount(cp);
      int last = out.length() - 1;
      if (isSpace(cp)) {
        if (last >= 0 && out.charAt(last) == ' ') {
          to[last] = next;
        } else {
          out.append(' ');
          from[last + 1] = i;
          to[last + 1] = next;
        }
      } else if (isMark(cp)) {
        if (last >= 0) {
          to[last] = next;
        }
      } else {
        int folded = fold(cp);
        int start = out.length();
        out.appendCodePoint(folded);
        for (int k = start; k < out.length(); k++) {
          from[k] = i;
          to[k] = next;
        }
      }
      i = next;
    }
    int n = out.length();
    return new FoldedText(out.toString(), Arrays.copyOf(from, n), Arrays.copyOf(to, n));
  }

  /** Folds a gazetteer term as texts are folded, without surrounding space. */
  public static String foldTerm(String term) {
    return of(term).text.strip();
  }

  /** The folded text. */
  public String text() {
    return text;
  }

  /** Offset in the original text of the first character behind folded character {@code index}. */
  public int originalStart(int index) {
    return from[index];
  }

  /** Offset in the original text just past the characters behind folded character {@code index}. */
  public int originalEnd(int index) {
    return to[index];
  }

  /** Whether a code point belongs to a word (a letter or a digit) for whole-word matching. */
  public static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp);
  }

  private static int fold(int cp) {
    if (cp < 0x80) {
      return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
    }
    if (cp < TABLE_END) {
      return TABLE[cp];
    }
    return computeFold(cp);
  }

  private static int computeFold(int cp) {
    switch (cp) {
      case '\u2018', '\u2019', '\u201B', '\u02BC', '\u00B4', '\u0060' -> {
        return '\'';
      }
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> {
        return '-';
      }
      default -> {}
    }
    int base = cp;
    String decomposed =
        Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
    int first = decomposed.codePointAt(0);
    if (onlyMarksAfter(decomposed, Character.charCount(first))) {
      base = first;
    }
    int lower = Character.toLowerCase(base);
    // A letter folds to a letter of the same plane, so the folded text is never longer.
    return Character.charCount(lower) == Character.charCount(cp) ? lower : cp;
  }

  private static boolean onlyMarksAfter(String s, int offset) {
    for (int i = offset; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!isMark(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  /**
   * Combining accents, and invisible format characters such as the soft hyphen or the zero-width
   * space that word processors leave inside names: both fold away.
   */
  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT;
  }
}
