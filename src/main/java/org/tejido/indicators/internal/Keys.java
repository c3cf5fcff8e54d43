package org.tejido.indicators.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** How names are compared: case, accents and repeated spaces do not matter. */
public final class Keys {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Keys() {}

  public static String of(String text) {
    String stripped = text.replace("\uFEFF", "");
    String folded =
        MARKS.matcher(Normalizer.normalize(stripped, Normalizer.Form.NFD)).replaceAll("");
    return SPACES.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
  }
}
