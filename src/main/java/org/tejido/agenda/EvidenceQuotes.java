package org.tejido.agenda;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.tejido.sites.Site;

/**
 * Cuts the quotes behind an agenda's evidence from de-identified testimony. Implemented by the
 * module that owns codings (the agenda cannot depend on it: it depends on the agenda).
 */
public interface EvidenceQuotes {

  /**
   * A coded segment's words.
   *
   * @param speaker the speaker's label after de-identification (a participant code), or null
   * @param group the speaker's population group, or null when the speaker is no participant
   * @param publishable whether the speaker's consent, as it stands, allows quoting these words in a
   *     published agenda
   */
  record Quote(
      UUID coding, String text, String source, String speaker, String group, boolean publishable) {}

  /**
   * The quotes of a site's codings for its team (requires a coding role at the site); a coding of
   * another site, or gone, is left out; a coding whose text is not readable now has a null text.
   */
  Map<UUID, Quote> forTeam(Site site, Collection<UUID> codings);

  /**
   * The quotes that may be published, for anyone: only segments within one turn of a participant
   * whose consent, as it stands, allows quotation in published agendas; the others are left out.
   */
  Map<UUID, Quote> forPublic(Site site, Collection<UUID> codings);
}
