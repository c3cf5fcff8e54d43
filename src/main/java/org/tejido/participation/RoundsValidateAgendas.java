package org.tejido.participation;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tejido.agenda.AgendaValidation;
import org.tejido.sites.Site;

/**
 * Answers the agenda's question "how was this version validated?" with the rounds held on the draft
 * that became it: two counts, never who took part; nothing for a version with no round.
 */
@Component
class RoundsValidateAgendas implements AgendaValidation {

  private final ValidationRounds rounds;

  RoundsValidateAgendas(ValidationRounds rounds) {
    this.rounds = rounds;
  }

  @Override
  public Optional<Validated> of(Site site, int version) {
    ValidationSummary summary = rounds.summary(site, version);
    return summary.validated()
        ? Optional.of(new Validated(summary.rounds(), summary.participants()))
        : Optional.empty();
  }
}
