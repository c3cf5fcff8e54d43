package org.tejido.participation.internal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tejido.participation.ValidationResponse;
import org.tejido.participation.ValidationRound;
import org.tejido.participation.Verdict;
import org.tejido.participation.VoterGroup;

/**
 * Reads a comments form: {@code group}, and per item {@code v.<kind>.<ref>} (agree, change or
 * remove) and {@code t.<kind>.<ref>} (an optional text). An item with neither is skipped; a text
 * without a verdict is kept as a comment without one, which the rules refuse.
 */
final class Comments {

  private Comments() {}

  static ValidationResponse response(ValidationRound round, Map<String, String> form) {
    List<ValidationResponse.Comment> comments = new ArrayList<>();
    for (ValidationRound.Item item : round.items()) {
      String verdict = form.get("v." + item.field());
      String text = form.get("t." + item.field());
      boolean hasText = text != null && !text.isBlank();
      if ((verdict == null || verdict.isBlank()) && !hasText) {
        continue;
      }
      comments.add(
          new ValidationResponse.Comment(
              item.kind(),
              item.ref(),
              Verdict.fromCode(verdict).orElse(null),
              hasText ? text.strip() : null));
    }
    return new ValidationResponse(VoterGroup.fromCode(form.get("group")).orElse(null), comments);
  }
}
