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
 * @param kind what the span names; {@code null} for contacts and identifiers found by patterns
 * @param confidence how sure the proposal is, from 0 to 1: a gazetteer term is 1, a pattern or a
 *     title before a name is high, a model's proposal carries its probability, a plain capitalised
 *     word is {@linkplain #isLowConfidence() low}
 */
public record Replacement(
    int start,
    int end,
    String original,
    String token,
    Rule rule,
    EntityKind kind,
    double confidence) {

  /** Proposals below this confidence are shown as "low confidence" and not accepted in bulk. */
  public static final double LOW = 0.5;

  /** Proposals from this confidence on are shown as "high confidence". */
  public static final double HIGH = 0.8;

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
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("A confidence lies between 0 and 1");
    }
  }

  /** A replacement a person made or accepted: full confidence. */
  public Replacement(
      int start, int end, String original, String token, Rule rule, EntityKind kind) {
    this(start, end, original, token, rule, kind, 1.0);
  }

  /** Whether the proposal is a guess the reviewer should look at twice. */
  public boolean isLowConfidence() {
    return confidence < LOW;
  }

  /** {@code high}, {@code medium} or {@code low}: how the proposal is marked for the reviewer. */
  public String confidenceLevel() {
    return confidence >= HIGH ? "high" : confidence >= LOW ? "medium" : "low";
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
        + ", confidence="
        + confidence
        + "]";
  }
}
