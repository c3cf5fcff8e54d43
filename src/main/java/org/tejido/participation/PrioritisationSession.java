package org.tejido.participation;

import java.util.List;
import java.util.UUID;
import org.tejido.shared.LocalizedText;

/**
 * A prioritisation session over the spoken issues of one agenda version (copied when it was set
 * up).
 *
 * @param allowance dots per voter (dot voting) or how many issues each voter ranks (ranking)
 */
public record PrioritisationSession(
    UUID id,
    UUID siteId,
    String title,
    VotingMethod method,
    int allowance,
    SessionState state,
    int agendaVersion,
    List<Issue> issues) {

  /** An issue as residents vote on it: its stable agenda reference and titles. */
  public record Issue(String ref, int position, LocalizedText title) {}

  public boolean open() {
    return state == SessionState.OPEN;
  }
}
