package org.tejido.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.ReferenceData;
import org.tejido.indicators.IndicatorCharts;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** Home, site pages and the national principles: what anyone can read without signing in. */
@Controller
class PublicPagesController {

  private final Sites sites;
  private final Agendas agendas;
  private final ReferenceData reference;
  private final IndicatorCharts indicators;

  PublicPagesController(
      Sites sites, Agendas agendas, ReferenceData reference, IndicatorCharts indicators) {
    this.sites = sites;
    this.agendas = agendas;
    this.reference = reference;
    this.indicators = indicators;
  }

  /** A site with its latest published agenda, if it has one. */
  record SiteCard(Site site, Agenda agenda) {}

  @GetMapping("/")
  String home(Model model) {
    List<SiteCard> cards = new ArrayList<>();
    for (Site site : sites.all()) {
      cards.add(new SiteCard(site, agendas.latestPublished(site).orElse(null)));
    }
    model.addAttribute("cards", cards);
    return "web/home";
  }

  @GetMapping("/sites/{key}")
  String site(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    Agenda agenda = agendas.latestPublished(site).orElse(null);
    model.addAttribute("site", site);
    model.addAttribute("agenda", agenda);
    if (agenda != null) {
      model.addAttribute("sections", agenda.byDomain(reference.domains()));
      model.addAttribute("proposalsByAddressee", agenda.byAddressee(reference.addressees()));
    }
    // Official figures beside the agenda; a fictional site has no real municipality to show.
    if (!site.fictional() && !site.suspendedForSafety()) {
      model.addAttribute("indicators", indicators.forMunicipality(site.inegiCode()));
    }
    return "web/site";
  }

  @GetMapping("/principles")
  String principles(Model model) {
    model.addAttribute("principles", reference.nationalPrinciples());
    return "web/principles";
  }
}
