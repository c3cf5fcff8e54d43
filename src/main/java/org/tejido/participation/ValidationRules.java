package org.tejido.participation;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tejido.shared.BadRequest;

/** What a response must be; the same for workshop sheets and phones. */
final class ValidationRules {

  static final int TEXT_MAX = 1000;

  private ValidationRules() {}

  /**
   * @throws BadRequest {@code validation.failed}, with the field {@code comments} or the item's
   *     field {@code t.<kind>.<ref>}
   */
  static void check(ValidationRound round, ValidationResponse response) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (response.group() == null) {
      errors.put("group", "participation.ballot.group");
    }
    Set<String> seen = new HashSet<>();
    for (ValidationResponse.Comment c : response.comments()) {
      if (round.item(c.kind(), c.ref()).isEmpty() || !seen.add(c.kind() + "." + c.ref())) {
        errors.put("comments", "rounds.comment.unknown-item");
      } else if (c.verdict() == null) {
        errors.put("t." + c.kind() + "." + c.ref(), "rounds.comment.verdict");
      } else if (c.text() != null && c.text().length() > TEXT_MAX) {
        errors.put("t." + c.kind() + "." + c.ref(), "rounds.comment.too-long");
      }
    }
    if (response.comments().isEmpty()) {
      errors.put("comments", "rounds.comment.empty");
    }
    if (!errors.isEmpty()) {
      throw new BadRequest("validation.failed", errors);
    }
  }
}
