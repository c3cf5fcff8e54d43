package org.tejido.shared;

import java.util.Locale;

/** A text written in Spanish (the community's language) with its English translation. */
public record LocalizedText(String es, String en) {

  public static final Locale SPANISH = Locale.forLanguageTag("es");
  public static final Locale ENGLISH = Locale.ENGLISH;

  public LocalizedText {
    es = blankToNull(es);
    en = blankToNull(en);
  }

  public static LocalizedText of(String es, String en) {
    return new LocalizedText(es, en);
  }

  /** The text in the given language, falling back to Spanish when no translation exists. */
  public String in(Locale locale) {
    if (locale != null && "en".equals(locale.getLanguage()) && en != null) {
      return en;
    }
    return es != null ? es : en;
  }

  public boolean isEmpty() {
    return es == null && en == null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
