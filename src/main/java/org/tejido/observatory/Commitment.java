package org.tejido.observatory;

import java.time.LocalDate;
import java.util.List;

/**
 * What an institution committed to at a Mesa de Seguridad session, by when, for which
 * recommendations.
 *
 * @param fulfilledOn when it was done, or null while it is open
 */
public record Commitment(
    CommitmentId id,
    SessionId session,
    LocalDate sessionHeldOn,
    Institution institution,
    String what,
    LocalDate dueOn,
    LocalDate fulfilledOn,
    List<RecommendationId> recommendations) {

  /** Open and past its due date on the given day. */
  public boolean overdueOn(LocalDate today) {
    return fulfilledOn == null && dueOn.isBefore(today);
  }
}
