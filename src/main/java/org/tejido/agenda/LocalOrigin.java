package org.tejido.agenda;

import java.util.UUID;
import org.tejido.shared.LocalizedText;

/**
 * A local issue a national thread links back to: a spoken issue of a published version of a site's
 * agenda, named by site, version and reference.
 */
public record LocalOrigin(
    UUID issueId,
    String siteKey,
    String municipality,
    int version,
    String issueRef,
    LocalizedText title) {

  /** The issue on its local agenda page (the anchor the page gives each issue). */
  public String href() {
    return "/sites/" + siteKey + "/agenda?version=" + version + "#issue-" + issueRef;
  }
}
