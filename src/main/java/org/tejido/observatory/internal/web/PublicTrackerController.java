package org.tejido.observatory.internal.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaIssue;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.EvidenceQuotes;
import org.tejido.agenda.IssueEvidence;
import org.tejido.agenda.Proposal;
import org.tejido.agenda.ReferenceData;
import org.tejido.indicators.IndicatorCharts;
import org.tejido.indicators.Place;
import org.tejido.observatory.LinkedProposal;
import org.tejido.observatory.ObservatoryTracker;
import org.tejido.observatory.RecommendationId;
import org.tejido.observatory.TrackedRecommendation;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.ObservatoryStore;
import org.tejido.observatory.internal.ObservatoryStore.EvidenceFile;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The public tracker of a site: progress overall, by domain and by addressee, each recommendation's
 * latest official status beside the community's assessment, and a page per recommendation with both
 * timelines, commitments, evidence, where it came from in the agenda (with the published quotes
 * behind those issues) and the site's official crime figures. A suspended site's tracker is hidden
 * like its agenda.
 */
@Controller
class PublicTrackerController {

  private final Sites sites;
  private final ObservatoryTracker tracker;
  private final ObservatoryStore store;
  private final Observatory observatory;
  private final Agendas agendas;
  private final ReferenceData reference;
  private final IssueEvidence evidence;
  private final IndicatorCharts indicators;

  PublicTrackerController(
      Sites sites,
      ObservatoryTracker tracker,
      ObservatoryStore store,
      Observatory observatory,
      Agendas agendas,
      ReferenceData reference,
      IssueEvidence evidence,
      IndicatorCharts indicators) {
    this.sites = sites;
    this.tracker = tracker;
    this.store = store;
    this.observatory = observatory;
    this.agendas = agendas;
    this.reference = reference;
    this.evidence = evidence;
    this.indicators = indicators;
  }

  @GetMapping("/sites/{key}/tracker")
  String tracker(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    if (site.suspendedForSafety()) {
      return "redirect:/sites/" + site.key();
    }
    List<TrackedRecommendation> all = tracker.recommendations(site);
    model.addAttribute("site", site);
    model.addAttribute("recommendations", all);
    model.addAttribute(
        "progress", TrackerProgress.of(all, reference.domains(), reference.addressees()));
    model.addAttribute("names", names());
    model.addAttribute("today", observatory.today());
    return "observatory/tracker";
  }

  @GetMapping("/sites/{key}/tracker/{id}")
  String recommendation(@PathVariable String key, @PathVariable String id, Model model) {
    Site site = sites.byKey(key);
    if (site.suspendedForSafety()) {
      return "redirect:/sites/" + site.key();
    }
    TrackedRecommendation r = find(site, id);
    model.addAttribute("site", site);
    model.addAttribute("r", r);
    model.addAttribute("names", names());
    model.addAttribute("today", observatory.today());
    model.addAttribute("origins", origins(site, r));
    // The site's high-impact set, as on its page: which crimes a recommendation concerns is not
    // recorded, and a fictional site has no real municipality to show.
    model.addAttribute(
        "charts",
        site.fictional()
            ? List.of()
            : indicators.charts(new Place.Municipality(site.inegiCode()), indicators.highImpact()));
    return "observatory/tracker-recommendation";
  }

  /**
   * An update's evidence file, for anyone, as an attachment that is never sniffed: only files of
   * updates the tracker shows (of this recommendation, of this site, not suspended, not superseded
   * by a correction) whose evidence is published. A held file is not found, as if it did not exist.
   */
  @GetMapping("/sites/{key}/tracker/{id}/updates/{update}/file")
  ResponseEntity<byte[]> file(
      @PathVariable String key, @PathVariable String id, @PathVariable String update) {
    Site site = sites.byKey(key);
    agendas.requireNotSuspended(site);
    EvidenceFile f =
        store
            .currentEvidenceFile(
                site.id().value(),
                Ids.parse(id, "observatory.file.not-found"),
                Ids.parse(update, "observatory.file.not-found"))
            .orElseThrow(() -> new NotFound("observatory.file.not-found"));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(f.type()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(f.name()).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(f.content());
  }

  private TrackedRecommendation find(Site site, String id) {
    return tracker
        .recommendation(
            site, new RecommendationId(Ids.parse(id, "observatory.recommendation.not-found")))
        .orElseThrow(() -> new NotFound("observatory.recommendation.not-found"));
  }

  /** Names of domains and addressees by key, to show a recommendation's vocabulary. */
  private Map<String, org.tejido.shared.LocalizedText> names() {
    Map<String, org.tejido.shared.LocalizedText> names = new HashMap<>();
    reference.domains().forEach(d -> names.put("domain:" + d.key(), d.name()));
    reference.addressees().forEach(a -> names.put("addressee:" + a.key(), a.name()));
    return names;
  }

  private List<TrackerOrigin> origins(Site site, TrackedRecommendation r) {
    Map<Integer, Agenda> byVersion = new HashMap<>();
    Map<Integer, Map<UUID, List<EvidenceQuotes.Quote>>> quotes = new HashMap<>();
    List<TrackerOrigin> origins = new ArrayList<>();
    for (LinkedProposal link : r.proposals()) {
      Agenda agenda;
      try {
        agenda = byVersion.computeIfAbsent(link.agendaVersion(), n -> agendas.published(site, n));
      } catch (NotFound gone) {
        continue;
      }
      Proposal p = agenda.proposal(link.proposalId()).orElse(null);
      if (p == null) {
        continue;
      }
      // The public agenda holds no silenced issue: what it links is what the public may read, and
      // the quotes are those its page shows (consent as it stands now).
      List<AgendaIssue> issues = agenda.issuesOf(p);
      Map<UUID, List<EvidenceQuotes.Quote>> all =
          quotes.computeIfAbsent(link.agendaVersion(), n -> evidence.forPublic(site, agenda));
      Map<UUID, List<EvidenceQuotes.Quote>> mine = new HashMap<>();
      for (AgendaIssue i : issues) {
        if (all.containsKey(i.id())) {
          mine.put(i.id(), all.get(i.id()));
        }
      }
      origins.add(new TrackerOrigin(agenda.version().number(), p, issues, mine));
    }
    return origins;
  }
}
