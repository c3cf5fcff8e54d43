package org.tejido.shared.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import org.tejido.shared.LocalizedText;

/** Text in both languages in the public API, or only in the one asked for with {@code ?lang=}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Text", description = "A text in Spanish and English, or in the one ?lang asked for")
public record TextJson(String es, String en) {

  /** Null for an empty text, so that it is left out of the body. */
  public static TextJson of(LocalizedText text, Locale only) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (only == null) {
      return new TextJson(text.es(), text.en());
    }
    return "en".equals(only.getLanguage())
        ? new TextJson(null, text.in(only))
        : new TextJson(text.in(only), null);
  }
}
