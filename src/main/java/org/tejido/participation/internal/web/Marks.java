package org.tejido.participation.internal.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tejido.participation.Ballot;
import org.tejido.participation.VoterGroup;
import org.tejido.shared.BadRequest;

/**
 * Reads a ballot form: {@code group}, and one field {@code mark.<issue ref>} per issue holding the
 * dots or the rank; empty and zero fields mean no mark.
 */
final class Marks {

  static final String PREFIX = "mark.";

  private Marks() {}

  static Ballot ballot(Map<String, String> form) {
    Map<String, Integer> marks = new LinkedHashMap<>();
    for (Map.Entry<String, String> field : form.entrySet()) {
      if (!field.getKey().startsWith(PREFIX)) {
        continue;
      }
      String value = field.getValue() == null ? "" : field.getValue().strip();
      if (value.isEmpty()) {
        continue;
      }
      int n;
      try {
        n = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new BadRequest("validation.failed", Map.of("marks", "participation.ballot.number"));
      }
      if (n != 0) {
        marks.put(field.getKey().substring(PREFIX.length()), n);
      }
    }
    VoterGroup group = VoterGroup.fromCode(form.get("group")).orElse(null);
    return new Ballot(group, marks);
  }
}
