package org.tejido.deidentification.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Words and sentences of a text, with their offsets, as the recogniser sees them both when it is
 * trained and when it runs: a token is a run of letters and digits, or one other visible character;
 * a sentence ends at a line break, or after {@code . ? !} followed by a space and a capital letter.
 */
public final class Tokens {

  /** A token at {@code [start, end)} of the text. */
  public record Token(int start, int end, String text) {}

  private Tokens() {}

  /** The sentences of {@code text}, each a non-empty list of tokens. */
  public static List<List<Token>> sentences(String text) {
    List<List<Token>> sentences = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp == '\n' || cp == '\r') {
        close(sentences, current);
        current = new ArrayList<>();
        i = next;
      } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        i = next;
      } else if (Character.isLetterOrDigit(cp)) {
        int end = next;
        while (end < n) {
          int c = text.codePointAt(end);
          if (!Character.isLetterOrDigit(c) && !isInnerMark(c)) {
            break;
          }
          end += Character.charCount(c);
        }
        current.add(new Token(i, end, text.substring(i, end)));
        i = end;
      } else {
        current.add(new Token(i, next, text.substring(i, next)));
        if ((cp == '.' || cp == '?' || cp == '!') && startsSentence(text, next)) {
          close(sentences, current);
          current = new ArrayList<>();
        }
        i = next;
      }
    }
    close(sentences, current);
    return sentences;
  }

  /** Whether a token is a word whose first letter is a capital. */
  public static boolean capitalised(String token) {
    return !token.isEmpty() && Character.isUpperCase(token.codePointAt(0));
  }

  private static boolean isInnerMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  private static boolean startsSentence(String text, int at) {
    int i = at;
    boolean space = false;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
      space = true;
    }
    return space
        && i < text.length()
        && (Character.isUpperCase(text.codePointAt(i)) || text.charAt(i) == '¿');
  }

  private static void close(List<List<Token>> sentences, List<Token> current) {
    if (!current.isEmpty()) {
      sentences.add(current);
    }
  }
}
