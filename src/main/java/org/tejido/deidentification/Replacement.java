package org.tejido.deidentification;

import java.util.Objects;

/**
 * A proposed (or accepted) replacement of {@code original}, found at {@code [start, end)} of the
 * original text, by {@code token}.
 *
 * <p>A reviewer may change the token before the replacement is {@linkplain Deidentifier#apply
 * applied}; an empty token deletes the span. {@link #toString()} leaves the original text out, so
 * that a replacement never reaches a log.
 *
 * @param start offset of the first character in the original text
 * @param end offset just past the last character (exclusive)
 * @param original the replaced text, exactly as it is in the original text
 * @param token what replaces it
 * @param rule why it was proposed
 * @param kind what the gazetteer term names; {@code null} for the other rules
 */
public record Replacement(
    int start, int end, String original, String token, Rule rule, EntityKind kind) {

  public Replacement {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(rule, "rule");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("A replacement needs 0 <= start < end");
    }
    if (original.length() != end - start) {
      throw new IllegalArgumentException("A replacement's original must be end - start long");
    }
    if (rule == Rule.GAZETTEER && kind == null) {
      throw new IllegalArgumentException("A gazetteer replacement needs a kind");
    }
  }

  @Override
  public String toString() {
    return "Replacement[start="
        + start
        + ", end="
        + end
        + ", token="
        + token
        + ", rule="
        + rule
        + ", kind="
        + kind
        + "]";
  }
}
