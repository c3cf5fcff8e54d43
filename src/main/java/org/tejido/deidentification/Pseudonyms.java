package org.tejido.deidentification;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stable tokens for a gazetteer: {@code [P-07]} for persons (and their aliases, which share the
 * person's token), {@code [LUGAR-3]}, {@code [CALLE-2]}, {@code [COLONIA-1]} and so on for the
 * other kinds. Numbers are never reused, so a token keeps meaning one entity in every text.
 */
public final class Pseudonyms {

  private static final Pattern TOKEN = Pattern.compile("\\[([A-Z]+)-(\\d{1,9})]");

  private Pseudonyms() {}

  /**
   * The token numbered {@code number} for {@code kind}: persons and aliases get two digits at least
   * ({@code [P-07]}, {@code [P-112]}), the other kinds none ({@code [LUGAR-3]}).
   */
  public static String token(EntityKind kind, int number) {
    Objects.requireNonNull(kind, "kind");
    if (number < 1) {
      throw new IllegalArgumentException("Token numbers start at 1");
    }
    String prefix = kind.defaultTokenPrefix();
    String digits =
        isPerson(kind) ? String.format(Locale.ROOT, "%02d", number) : Integer.toString(number);
    return "[" + prefix + "-" + digits + "]";
  }

  /**
   * The number after the highest one already used by {@code kind}'s prefix among {@code
   * existingTokens} (1 if none). Persons and aliases share a numbering; tokens of other forms are
   * ignored.
   */
  public static int nextNumber(Collection<String> existingTokens, EntityKind kind) {
    Objects.requireNonNull(existingTokens, "existingTokens");
    Objects.requireNonNull(kind, "kind");
    int highest = 0;
    for (String token : existingTokens) {
      if (token == null) {
        continue;
      }
      Matcher m = TOKEN.matcher(token.strip());
      if (m.matches() && m.group(1).equals(kind.defaultTokenPrefix())) {
        highest = Math.max(highest, Integer.parseInt(m.group(2)));
      }
    }
    return highest + 1;
  }

  private static boolean isPerson(EntityKind kind) {
    return kind == EntityKind.PERSON || kind == EntityKind.ALIAS;
  }
}
