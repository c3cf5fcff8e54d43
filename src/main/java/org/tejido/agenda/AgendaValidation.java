package org.tejido.agenda;

import java.util.Optional;
import org.tejido.sites.Site;

/**
 * Whether a published version of an agenda went back to its participants before publication: how
 * many validation rounds and how many participants validated it. Implemented by the module that
 * runs validation rounds (it depends on the agenda, so the agenda cannot depend on it); while none
 * does, no version says it was validated.
 */
public interface AgendaValidation {

  /** A version's validation, counted: never who took part. */
  record Validated(int rounds, int participants) {}

  /**
   * How a published version was validated, if it was. Asked for public pages: answer only with
   * counts that may be published.
   */
  Optional<Validated> of(Site site, int version);
}
