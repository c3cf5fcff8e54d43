package org.tejido.deidentification.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tejido.deidentification.Replacement;
import org.tejido.deidentification.Rule;

/**
 * The rules that need no gazetteer: Mexican phone numbers, e-mail addresses, Mexican vehicle plates
 * and CURPs. Each finds candidates in the original text; candidates of different rules may overlap
 * (a phone number inside an e-mail address), and the caller chooses among them.
 */
public final class PatternRules {

  public static final String PHONE_TOKEN = "[TEL]";
  public static final String EMAIL_TOKEN = "[CORREO]";
  public static final String PLATE_TOKEN = "[PLACA]";
  public static final String CURP_TOKEN = "[CURP]";

  /** One optional separator between digit groups: a space, a no-break space, a dash or a dot. */
  private static final String SEP = "[ \\u00A0.-]?";

  private static final String AREA2 = "(?:\\(\\d{2}\\)|\\d{2})";
  private static final String AREA3 = "(?:\\(\\d{3}\\)|\\d{3})";

  /**
   * Ten national digits in the groupings people write: 10, 2-4-4, 2-4-2-2, 2-8, 3-3-4, 3-3-2-2, 3-7
   * and 2-2-2-2-2. Separators elsewhere (as in "13006 13007") are not a phone number.
   */
  private static final String NATIONAL =
      "(?:"
          + String.join(
              "|",
              "\\d{10}",
              AREA2 + SEP + "\\d{4}" + SEP + "\\d{4}",
              AREA2 + SEP + "\\d{4}" + SEP + "\\d{2}" + SEP + "\\d{2}",
              AREA2 + SEP + "\\d{8}",
              AREA3 + SEP + "\\d{3}" + SEP + "\\d{4}",
              AREA3 + SEP + "\\d{3}" + SEP + "\\d{2}" + SEP + "\\d{2}",
              AREA3 + SEP + "\\d{7}",
              "\\d{2}" + SEP + "\\d{2}" + SEP + "\\d{2}" + SEP + "\\d{2}" + SEP + "\\d{2}")
          + ")";

  /** Country code (with the old mobile 1), or the old 044/045 mobile and 01 long-distance codes. */
  private static final String PREFIX =
      "(?:\\+?52" + SEP + "(?:1" + SEP + ")?|0(?:44|45|1)" + SEP + ")?";

  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}_+])" + PREFIX + NATIONAL + "(?![\\p{L}\\p{N}_])(?![.-]\\p{N})");

  private static final String LOCAL_PART = "[\\p{L}\\p{N}_%+-]+(?:\\.[\\p{L}\\p{N}_%+-]+)*";
  private static final String DOMAIN = "[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}";

  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}_%+.-])" + LOCAL_PART + "@" + DOMAIN + "(?![\\p{L}\\p{N}_@-])");

  /**
   * Two or three dash-separated groups of capital letters or of digits. Which of them are plates is
   * decided by {@link #isPlate}.
   */
  private static final Pattern PLATE_SHAPE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}_-])(?:[A-Z]{1,4}|\\d{1,4})(?:-(?:[A-Z]{1,4}|\\d{1,4})){1,2}"
              + "(?![\\p{L}\\p{N}_]|-[\\p{L}\\p{N}])");

  private static final Set<String> MONTHS =
      Set.of(
          "ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "SEPT", "OCT", "NOV",
          "DIC");

  /**
   * Four letters, birth date, sex (H, M, or X), five letters, a homonymy character, a check digit.
   */
  private static final Pattern CURP =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])[A-Z]{4}\\d{6}[HMX][A-Z]{5}[A-Z0-9]\\d(?![\\p{L}\\p{N}])",
          Pattern.CASE_INSENSITIVE);

  private PatternRules() {}

  /**
   * Every candidate in {@code text}, in the order e-mail, CURP, plate, phone (which is also the
   * order of precedence between rules for candidates of the same length).
   */
  public static List<Replacement> find(String text) {
    List<Replacement> found = new ArrayList<>();
    findEmails(text, found);
    scan(text, CURP, PatternRules::isAsciiLetter, c -> true, Rule.CURP, CURP_TOKEN, found);
    scan(
        text,
        PLATE_SHAPE,
        c -> isAsciiDigit(c) || (c >= 'A' && c <= 'Z'),
        PatternRules::isPlate,
        Rule.PLATE,
        PLATE_TOKEN,
        found);
    scan(
        text,
        PHONE,
        c -> isAsciiDigit(c) || c == '(' || c == '+',
        c -> true,
        Rule.PHONE,
        PHONE_TOKEN,
        found);
    return found;
  }

  /**
   * Like {@code Matcher.find()}, but tries the pattern only where a match can start: at a character
   * that {@code canStart} accepts and that does not continue a word. Matching at every offset of a
   * long transcript costs more than all the rest of de-identification together.
   */
  private static void scan(
      String text,
      Pattern pattern,
      IntPredicate canStart,
      Predicate<String> accept,
      Rule rule,
      String token,
      List<Replacement> found) {
    Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (!canStart.test(c) || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
        continue;
      }
      m.region(i, length);
      if (m.lookingAt() && accept.test(m.group())) {
        found.add(replacement(m, rule, token));
        i = m.end() - 1;
      }
    }
  }

  /** E-mail addresses are looked for only before an at sign. */
  private static void findEmails(String text, List<Replacement> found) {
    Matcher m = EMAIL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    int length = text.length();
    int searchedTo = 0;
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      if (at < searchedTo) {
        continue;
      }
      int start = at;
      while (start > searchedTo && isLocalPartChar(text.charAt(start - 1))) {
        start--;
      }
      for (int i = start; i < at; i++) {
        m.region(i, length);
        if (m.lookingAt()) {
          found.add(replacement(m, Rule.EMAIL, EMAIL_TOKEN));
          searchedTo = m.end();
          break;
        }
      }
    }
  }

  private static boolean isLocalPartChar(char c) {
    return Character.isLetterOrDigit(c) || "._%+-".indexOf(c) >= 0;
  }

  private static boolean isAsciiLetter(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Mexican plates have 6 to 8 letters and digits and both kinds: "ABC-123-D", "ABC-12-34",
   * "AB-1234-C", "123-ABC-4". Of two groups, only the older "ABC-1234" is a plate, so that speaker
   * codes like "APA-017" are not. A day, a month abbreviation and a year ("5-ENE-18") is a date.
   */
  static boolean isPlate(String candidate) {
    String[] groups = candidate.split("-");
    int letters = 0;
    int digits = 0;
    for (String group : groups) {
      if (Character.isDigit(group.charAt(0))) {
        digits += group.length();
      } else {
        letters += group.length();
      }
    }
    int total = letters + digits;
    if (letters == 0 || digits == 0 || total < 6 || total > 8) {
      return false;
    }
    if (groups.length == 2) {
      return groups[0].length() == 3 && letters == 3 && groups[1].length() == 4 && digits == 4;
    }
    boolean date =
        isDigits(groups[0])
            && groups[0].length() <= 2
            && MONTHS.contains(groups[1])
            && isDigits(groups[2])
            && (groups[2].length() == 2 || groups[2].length() == 4);
    return !date;
  }

  private static boolean isDigits(String group) {
    return Character.isDigit(group.charAt(0));
  }

  private static Replacement replacement(Matcher m, Rule rule, String token) {
    return new Replacement(m.start(), m.end(), m.group(), token, rule, null);
  }
}
