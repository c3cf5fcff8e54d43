package org.tejido.agenda.internal.web;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaIssue;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.Proposal;
import org.tejido.agenda.ReferenceData;
import org.tejido.shared.NotFound;
import org.tejido.shared.web.PublicReads;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** The public face of an agenda: its page, its earlier versions and its open-data CSV. */
@Controller
class PublicAgendaController {

  private final Sites sites;
  private final Agendas agendas;
  private final ReferenceData reference;

  PublicAgendaController(Sites sites, Agendas agendas, ReferenceData reference) {
    this.sites = sites;
    this.agendas = agendas;
    this.reference = reference;
  }

  @GetMapping("/sites/{key}/agenda")
  String agenda(
      @PathVariable String key, @RequestParam(required = false) Integer version, Model model) {
    Site site = sites.byKey(key);
    if (site.suspendedForSafety()) {
      // Its page says only that it is suspended, and why.
      return "redirect:/sites/" + site.key();
    }
    Agenda agenda = find(site, version);
    var latest = agendas.publishedVersions(site).get(0);
    model.addAttribute("site", site);
    model.addAttribute("agenda", agenda);
    model.addAttribute("latest", latest);
    model.addAttribute("sections", agenda.byDomain(reference.domains()));
    model.addAttribute("proposalsByAddressee", agenda.byAddressee(reference.addressees()));
    model.addAttribute("domains", reference.domains());
    return "agenda/agenda";
  }

  @GetMapping("/sites/{key}/agenda/versions")
  String versions(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    if (site.suspendedForSafety()) {
      return "redirect:/sites/" + site.key();
    }
    model.addAttribute("site", site);
    model.addAttribute("versions", agendas.publishedVersions(site));
    return "agenda/versions";
  }

  /**
   * The CSV has both languages in their own columns, whatever {@code ?lang} says (it chooses only
   * the language of an error). Cached and revalidated like the JSON API.
   */
  @GetMapping("/sites/{key}/agenda.csv")
  ResponseEntity<byte[]> csv(
      @PathVariable String key, @RequestParam(required = false) Integer version)
      throws IOException {
    Site site = sites.byKey(key);
    Agenda agenda = find(site, version);
    StringWriter out = new StringWriter();
    // A byte-order mark lets spreadsheet programs recognise UTF-8 (accents in Spanish).
    out.write('\uFEFF');
    try (CSVPrinter csv =
        CSVFormat.RFC4180
            .builder()
            .setHeader(
                "site",
                "version",
                "published_at",
                "kind",
                "id",
                "position",
                "domains",
                "addressee",
                "answers_issues",
                "text_es",
                "text_en")
            .get()
            .print(out)) {
      String published = agenda.version().publishedAt().toString();
      for (AgendaIssue issue : agenda.issues()) {
        csv.printRecord(
            site.key(),
            agenda.version().number(),
            published,
            "issue",
            issue.ref(),
            issue.position(),
            String.join(";", issue.domains()),
            "",
            "",
            issue.title().es(),
            issue.title().en());
      }
      for (Proposal proposal : agenda.proposals()) {
        csv.printRecord(
            site.key(),
            agenda.version().number(),
            published,
            "proposal",
            proposal.ref(),
            proposal.position(),
            "",
            proposal.addressee(),
            agenda.issuesOf(proposal).stream()
                .map(AgendaIssue::ref)
                .collect(Collectors.joining(";")),
            proposal.text().es(),
            proposal.text().en());
      }
    }
    byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"tejido-"
                + site.key()
                + "-agenda-v"
                + agenda.version().number()
                + ".csv\"")
        .header(HttpHeaders.CONTENT_LANGUAGE, PublicReads.contentLanguage(null))
        .cacheControl(version != null ? PublicReads.IMMUTABLE : PublicReads.LATEST)
        .eTag(PublicReads.strongETag(body))
        .lastModified(agenda.version().publishedAt())
        .body(body);
  }

  private Agenda find(Site site, Integer version) {
    agendas.requireNotSuspended(site);
    if (version != null) {
      return agendas.published(site, version);
    }
    return agendas
        .latestPublished(site)
        .orElseThrow(() -> new NotFound("agenda.not-published", site.key()));
  }
}
