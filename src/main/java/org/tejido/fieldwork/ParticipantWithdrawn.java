package org.tejido.fieldwork;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Published inside the transaction of a withdrawal, just before the participant's turns are
 * deleted: for each source that keeps other speakers' turns, the positions of the turns that go.
 * Whatever points at those turns (codings of the analysis) must go with them, in the same
 * transaction. Carries no text and no identity.
 *
 * @param siteId the site
 * @param participantId the participant who withdrew (their row is deleted too)
 * @param turnsBySource the positions ({@link SourceTurn#position()}) of their turns, by source id
 */
public record ParticipantWithdrawn(
    UUID siteId, UUID participantId, Map<UUID, Set<Integer>> turnsBySource) {

  public ParticipantWithdrawn {
    turnsBySource = Map.copyOf(turnsBySource);
  }
}
