package org.tejido.fieldwork;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.tejido.sites.Site;

/**
 * Reads what an export may carry without a signed-in person (the command line): only the
 * de-identified text of sources whose review is done and not pending again. Never raw words, never
 * identities. Callers on the web use {@link Sources}, which checks the person's role.
 */
@Service
public class FieldworkExport {

  private final Sources sources;

  FieldworkExport(Sources sources) {
    this.sources = sources;
  }

  /** The site's sources whose de-identified text is ready, oldest first. */
  public List<SourceSummary> readySources(Site site) {
    return sources.readyWithoutPerson(site);
  }

  /** The de-identified turns of a ready source; empty for any other source. */
  public List<SourceTurn> deidentified(Site site, UUID source) {
    return sources.deidentifiedWithoutPerson(site, source);
  }
}
