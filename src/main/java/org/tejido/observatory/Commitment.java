package org.tejido.observatory;

import java.time.LocalDate;
import java.util.List;

/**
 * What an institution committed to at a Mesa de Seguridad session, by when, for which
 * recommendations.
 *
 * @param fulfilledOn when it was done, or null while it is open
 * @param withdrawnOn when the Mesa withdrew it, or null; a withdrawn commitment is never overdue
 * @param withdrawnReason why it was withdrawn, or null
 */
public record Commitment(
    CommitmentId id,
    SessionId session,
    LocalDate sessionHeldOn,
    Institution institution,
    String what,
    LocalDate dueOn,
    LocalDate fulfilledOn,
    LocalDate withdrawnOn,
    String withdrawnReason,
    List<RecommendationId> recommendations) {

  /** Neither fulfilled nor withdrawn. */
  public boolean open() {
    return fulfilledOn == null && withdrawnOn == null;
  }

  /** Open and past its due date on the given day. */
  public boolean overdueOn(LocalDate today) {
    return open() && dueOn.isBefore(today);
  }
}
