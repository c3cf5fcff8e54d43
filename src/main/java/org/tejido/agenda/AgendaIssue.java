package org.tejido.agenda;

import java.util.List;
import java.util.UUID;
import org.tejido.shared.LocalizedText;

/**
 * An issue (problemática) of an agenda. A silenced issue is one people could not speak about in
 * public; it is only ever shown to the site's team.
 *
 * @param domains the domains it touches, in the order given; more than one for cross-domain issues
 */
public record AgendaIssue(
    UUID id,
    String ref,
    int position,
    List<String> domains,
    LocalizedText title,
    LocalizedText description,
    boolean silenced) {

  public boolean crossDomain() {
    return domains.size() > 1;
  }
}
