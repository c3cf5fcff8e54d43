package org.tejido.agenda.internal.web;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.agenda.AgendaChanges;
import org.tejido.agenda.AgendaVersionChanges;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.ReferenceData;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * What changed from one version of an agenda to the next, for anyone between published versions,
 * and for the coordinator from the latest published version to the draft.
 */
@Controller
class AgendaChangesController {

  private final Sites sites;
  private final Agendas agendas;
  private final AgendaVersionChanges changes;
  private final ReferenceData reference;

  AgendaChangesController(
      Sites sites, Agendas agendas, AgendaVersionChanges changes, ReferenceData reference) {
    this.sites = sites;
    this.agendas = agendas;
    this.changes = changes;
    this.reference = reference;
  }

  @GetMapping("/sites/{key}/agenda/changes")
  String published(
      @PathVariable String key,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      Model model) {
    Site site = sites.byKey(key);
    if (site.suspendedForSafety()) {
      return "redirect:/sites/" + site.key();
    }
    AgendaChanges c = changes.published(site, VersionNumbers.parse(from), VersionNumbers.parse(to));
    model.addAttribute("site", site);
    model.addAttribute("changes", c);
    model.addAttribute("versions", agendas.publishedVersions(site));
    vocabulary(model);
    return "agenda/changes";
  }

  @GetMapping("/manage/sites/{key}/agenda/draft/changes")
  String draft(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    model.addAttribute("site", site);
    model.addAttribute("changes", changes.draftSinceLatest(site).orElse(null));
    vocabulary(model);
    return "agenda/draft-changes";
  }

  private void vocabulary(Model model) {
    Map<String, LocalizedText> domains =
        reference.domains().stream().collect(Collectors.toMap(d -> d.key(), d -> d.name()));
    Map<String, LocalizedText> addressees =
        reference.addressees().stream().collect(Collectors.toMap(a -> a.key(), a -> a.name()));
    model.addAttribute("domainNames", domains);
    model.addAttribute("addresseeNames", addressees);
  }
}
