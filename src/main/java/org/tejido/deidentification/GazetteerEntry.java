package org.tejido.deidentification;

import java.util.Objects;
import org.tejido.deidentification.internal.FoldedText;

/**
 * A term to find in testimony and the token that replaces it, e.g. ("Juana Pérez", PERSON,
 * "[P-07]") and ("la Güera", ALIAS, "[P-07]").
 *
 * <p>{@link #toString()} leaves the term out, so that an entry never reaches a log.
 *
 * @param term what to find; case, accents and runs of spaces do not matter; at least two characters
 *     once accents and surrounding spaces are set aside
 * @param kind what the term names
 * @param token what replaces it, never blank
 */
public record GazetteerEntry(String term, EntityKind kind, String token) {

  public GazetteerEntry {
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(token, "token");
    if (term.isBlank()) {
      throw new IllegalArgumentException("A gazetteer term must not be blank");
    }
    if (FoldedText.foldTerm(term).length() < 2) {
      throw new IllegalArgumentException("A gazetteer term needs at least two characters");
    }
    if (token.isBlank()) {
      throw new IllegalArgumentException("A gazetteer token must not be blank");
    }
  }

  @Override
  public String toString() {
    return "GazetteerEntry[kind=" + kind + ", token=" + token + "]";
  }
}
