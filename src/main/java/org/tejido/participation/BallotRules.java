package org.tejido.participation;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tejido.shared.BadRequest;

/** What a ballot must be for its method; the same for printed ballots and phones. */
final class BallotRules {

  private BallotRules() {}

  /**
   * @throws BadRequest {@code validation.failed} with the field {@code marks} (and {@code group})
   */
  static void check(PrioritisationSession session, Ballot ballot) {
    if (ballot.group() == null) {
      throw new BadRequest("validation.failed", Map.of("group", "participation.ballot.group"));
    }
    String problem = problem(session, ballot.marks());
    if (problem != null) {
      throw new BadRequest("validation.failed", Map.of("marks", problem));
    }
  }

  private static String problem(PrioritisationSession session, Map<String, Integer> marks) {
    Set<String> refs = new HashSet<>();
    session.issues().forEach(i -> refs.add(i.ref()));
    if (marks.isEmpty()) {
      return "participation.ballot.empty";
    }
    if (!refs.containsAll(marks.keySet()) || marks.values().stream().anyMatch(v -> v == null)) {
      return "participation.ballot.unknown-issue";
    }
    if (marks.values().stream().anyMatch(v -> v < 1)) {
      return "participation.ballot.empty";
    }
    if (session.method() == VotingMethod.DOTS) {
      long dots = marks.values().stream().mapToLong(Integer::longValue).sum();
      return dots > session.allowance() ? "participation.ballot.too-many-dots" : null;
    }
    // Ranking: ranks 1..m, each once, m at most K.
    Set<Integer> ranks = new HashSet<>(marks.values());
    int m = marks.size();
    if (ranks.size() != m || m > session.allowance()) {
      return "participation.ballot.ranks";
    }
    for (int r = 1; r <= m; r++) {
      if (!ranks.contains(r)) {
        return "participation.ballot.ranks";
      }
    }
    return null;
  }
}
