package org.tejido.analysis.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tejido.fieldwork.ParticipantWithdrawn;

/**
 * When a participant withdraws, the codings on their turns (and the memos written on those codings)
 * go with the turns, in the withdrawal's transaction: a coding left behind would still say that a
 * coded segment of that person existed, and where.
 */
@Component
class WithdrawnTurns {

  private final AnalysisStore store;

  WithdrawnTurns(AnalysisStore store) {
    this.store = store;
  }

  @EventListener
  void on(ParticipantWithdrawn withdrawn) {
    withdrawn
        .turnsBySource()
        .forEach((source, turns) -> store.deleteCodingsOnTurns(withdrawn.siteId(), source, turns));
  }
}
