package org.tejido.shared.web;

import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tejido.shared.LocalizedText;

/** The languages Tejido speaks: Spanish first, English too. */
public final class Languages {

  public static final List<Locale> SUPPORTED =
      List.of(LocalizedText.SPANISH, LocalizedText.ENGLISH);

  private Languages() {}

  /** The supported locale for a {@code lang} value such as {@code es} or {@code en}, if any. */
  public static Optional<Locale> parse(String lang) {
    if (lang == null) {
      return Optional.empty();
    }
    return SUPPORTED.stream().filter(l -> l.getLanguage().equals(lang.strip())).findFirst();
  }

  /**
   * The language of a first visit: the browser's first supported Accept-Language, Spanish when it
   * sends none (the container would otherwise answer with the server's own locale).
   */
  public static Locale forFirstVisit(jakarta.servlet.http.HttpServletRequest request) {
    String header = request.getHeader("Accept-Language");
    if (header == null || header.isBlank()) {
      return LocalizedText.SPANISH;
    }
    return negotiate(request.getLocales());
  }

  /** The first supported language in an Accept-Language list; Spanish when none matches. */
  public static Locale negotiate(Enumeration<Locale> preferred) {
    while (preferred != null && preferred.hasMoreElements()) {
      Locale candidate = preferred.nextElement();
      Optional<Locale> match = parse(candidate.getLanguage());
      if (match.isPresent()) {
        return match.get();
      }
    }
    return LocalizedText.SPANISH;
  }
}
