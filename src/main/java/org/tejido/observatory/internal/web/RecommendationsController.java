package org.tejido.observatory.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.ReferenceData;
import org.tejido.observatory.EvidenceSource;
import org.tejido.observatory.ImplementationStatus;
import org.tejido.observatory.LinkedProposal;
import org.tejido.observatory.ObservatoryTracker;
import org.tejido.observatory.ProgressUpdate;
import org.tejido.observatory.RecommendationId;
import org.tejido.observatory.Sdg16Target;
import org.tejido.observatory.TrackedRecommendation;
import org.tejido.observatory.UpdateId;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.RecommendationInput;
import org.tejido.observatory.internal.Observatory.UpdateInput;
import org.tejido.observatory.internal.ObservatoryStore.EvidenceFile;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * Recommendations: turning published proposals into one, editing or withdrawing it, its page, and
 * progress updates with their corrections.
 */
@Controller
@RequestMapping("/manage/sites/{key}/observatory/recommendations")
class RecommendationsController {

  private final Sites sites;
  private final Observatory observatory;
  private final ObservatoryTracker tracker;
  private final ReferenceData reference;
  private final Agendas agendas;

  RecommendationsController(
      Sites sites,
      Observatory observatory,
      ObservatoryTracker tracker,
      ReferenceData reference,
      Agendas agendas) {
    this.agendas = agendas;
    this.sites = sites;
    this.observatory = observatory;
    this.tracker = tracker;
    this.reference = reference;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    observatory.requireStaff(site);
    model.addAttribute("site", site);
    model.addAttribute("addressees", reference.addressees());
    model.addAttribute("domains", reference.domains());
    model.addAttribute("targets", Sdg16Target.values());
    model.addAttribute("statuses", ImplementationStatus.values());
    model.addAttribute("sources", EvidenceSource.values());
  }

  @GetMapping("/new")
  String newRecommendation(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    formModel(site, model);
    if (!model.containsAttribute("form")) {
      Map<String, Object> form = new HashMap<>();
      form.put("specificity", "");
      form.put("startsOn", observatory.today().toString());
      model.addAttribute("form", form);
    }
    return "observatory/recommendation-form";
  }

  private void formModel(Site site, Model model) {
    model.addAttribute("agenda", observatory.publishedAgenda(site).orElse(null));
    model.addAttribute("institutions", tracker.institutions(site));
  }

  @PostMapping
  String create(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "") String textEs,
      @RequestParam(defaultValue = "") String textEn,
      @RequestParam(defaultValue = "") String addressee,
      @RequestParam(name = "institutions", required = false) List<String> institutions,
      @RequestParam(name = "domains", required = false) List<String> domains,
      @RequestParam(name = "targets", required = false) List<String> targets,
      @RequestParam(defaultValue = "") String specificity,
      @RequestParam(defaultValue = "") String startsOn,
      @RequestParam(defaultValue = "") String dueOn,
      @RequestParam(name = "proposals", required = false) List<String> proposals,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    RecommendationInput input =
        new RecommendationInput(
            textEs,
            textEn,
            addressee,
            orEmpty(institutions),
            orEmpty(domains),
            orEmpty(targets),
            specificity,
            startsOn,
            dueOn,
            orEmpty(proposals));
    RecommendationId id;
    try {
      id = observatory.addRecommendation(site, input);
    } catch (BadRequest e) {
      Map<String, Object> form = new HashMap<>();
      form.put("textEs", textEs);
      form.put("textEn", textEn);
      form.put("addressee", addressee);
      form.put("institutions", orEmpty(institutions));
      form.put("domains", orEmpty(domains));
      form.put("targets", orEmpty(targets));
      form.put("specificity", specificity);
      form.put("startsOn", startsOn);
      form.put("dueOn", dueOn);
      form.put("proposals", orEmpty(proposals));
      model.addAttribute("form", form);
      formModel(site, model);
      return FormFailure.render(model, response, e, "observatory/recommendation-form");
    }
    redirect.addFlashAttribute("notice", "observatory.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/recommendations/" + id;
  }

  @GetMapping("/{id}/edit")
  String edit(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      Model model) {
    TrackedRecommendation r = recommendation(site, id);
    if (!model.containsAttribute("form")) {
      Map<String, Object> form = new HashMap<>();
      form.put("textEs", r.text().es());
      form.put("textEn", r.text().en() == null ? "" : r.text().en());
      form.put("addressee", r.addressee());
      form.put("institutions", r.institutions().stream().map(i -> i.id().toString()).toList());
      form.put("domains", r.domains());
      form.put("targets", r.targets().stream().map(Sdg16Target::code).toList());
      form.put("specificity", Integer.toString(r.specificity()));
      form.put("startsOn", r.startsOn().toString());
      form.put("dueOn", r.dueOn().toString());
      form.put("proposals", r.proposals().stream().map(p -> p.proposalId().toString()).toList());
      form.put("revision", Integer.toString(observatory.recommendationRevision(site, r.id())));
      model.addAttribute("form", form);
    }
    model.addAttribute("editing", r);
    model.addAttribute("withdrawable", observatory.withdrawable(site, r.id()));
    formModel(site, model);
    model.addAttribute("earlierProposals", earlierProposals(site, r, model));
    return "observatory/recommendation-form";
  }

  /**
   * Proposals the recommendation is linked to that the latest published agenda no longer holds
   * (they came from an earlier version): offered too, so saving the form keeps them.
   */
  private List<Map<String, Object>> earlierProposals(
      Site site, TrackedRecommendation r, Model model) {
    Agenda latest = (Agenda) model.getAttribute("agenda");
    List<Map<String, Object>> earlier = new java.util.ArrayList<>();
    for (LinkedProposal link : r.proposals()) {
      if (latest != null
          && latest.version().number() == link.agendaVersion()
          && latest.proposal(link.proposalId()).isPresent()) {
        continue;
      }
      String text;
      try {
        text =
            agendas
                .published(site, link.agendaVersion())
                .proposal(link.proposalId())
                .map(p -> p.position() + ". " + p.text().in(LocaleContextHolder.getLocale()))
                .orElse(link.proposalId().toString());
      } catch (NotFound gone) {
        text = link.proposalId().toString();
      }
      earlier.add(
          Map.of(
              "id", link.proposalId().toString(), "version", link.agendaVersion(), "text", text));
    }
    return earlier;
  }

  @PostMapping("/{id}")
  String update(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String revision,
      @RequestParam(defaultValue = "") String textEs,
      @RequestParam(defaultValue = "") String textEn,
      @RequestParam(defaultValue = "") String addressee,
      @RequestParam(name = "institutions", required = false) List<String> institutions,
      @RequestParam(name = "domains", required = false) List<String> domains,
      @RequestParam(name = "targets", required = false) List<String> targets,
      @RequestParam(defaultValue = "") String specificity,
      @RequestParam(defaultValue = "") String startsOn,
      @RequestParam(defaultValue = "") String dueOn,
      @RequestParam(name = "proposals", required = false) List<String> proposals,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    RecommendationId rid = recommendationId(id);
    RecommendationInput input =
        new RecommendationInput(
            textEs,
            textEn,
            addressee,
            orEmpty(institutions),
            orEmpty(domains),
            orEmpty(targets),
            specificity,
            startsOn,
            dueOn,
            orEmpty(proposals));
    try {
      observatory.updateRecommendation(site, rid, revision, input);
    } catch (BadRequest | Conflict e) {
      Map<String, Object> form = new HashMap<>();
      form.put("textEs", textEs);
      form.put("textEn", textEn);
      form.put("addressee", addressee);
      form.put("institutions", orEmpty(institutions));
      form.put("domains", orEmpty(domains));
      form.put("targets", orEmpty(targets));
      form.put("specificity", specificity);
      form.put("startsOn", startsOn);
      form.put("dueOn", dueOn);
      form.put("proposals", orEmpty(proposals));
      // A stale form comes back with what was typed and the revision saved meanwhile: saving it
      // again is a deliberate choice to replace that change, after reading the message.
      form.put(
          "revision",
          e instanceof Conflict
              ? Integer.toString(observatory.recommendationRevision(site, rid))
              : revision);
      model.addAttribute("form", form);
      edit(site, id, model);
      String view = FormFailure.render(model, response, e, "observatory/recommendation-form");
      if (e instanceof Conflict) {
        response.setStatus(409);
      }
      return view;
    }
    redirect.addFlashAttribute("notice", "observatory.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/recommendations/" + id;
  }

  @PostMapping("/{id}/withdraw")
  String withdraw(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      RedirectAttributes redirect) {
    observatory.withdrawRecommendation(site, recommendationId(id));
    redirect.addFlashAttribute("notice", "observatory.recommendation.withdrawn");
    return "redirect:/manage/sites/" + site.key() + "/observatory";
  }

  @GetMapping("/{id}/updates/{update}/correct")
  String correction(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @PathVariable String update,
      Model model) {
    TrackedRecommendation r = recommendation(site, id);
    ProgressUpdate u = observatory.updateForCorrection(site, r.id(), updateId(update));
    model.addAttribute("r", r);
    model.addAttribute("u", u);
    model.addAttribute("earlier", observatory.earlierVersions(site, u.id()));
    if (!model.containsAttribute("form")) {
      Map<String, Object> form = new HashMap<>();
      form.put("source", u.source().code());
      form.put("status", u.status().code());
      form.put("reason", u.reason());
      form.put("progress", Integer.toString(u.progress()));
      form.put("evidence", u.evidence());
      form.put("link", u.link() == null ? "" : u.link());
      form.put("reportedOn", u.reportedOn().toString());
      form.put("keepFile", true);
      model.addAttribute("form", form);
    }
    return "observatory/update-correction";
  }

  @PostMapping("/{id}/updates/{update}/correction")
  String correct(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @PathVariable String update,
      @RequestParam(defaultValue = "") String source,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String progress,
      @RequestParam(defaultValue = "") String evidence,
      @RequestParam(defaultValue = "") String link,
      @RequestParam(defaultValue = "") String reportedOn,
      @RequestParam(defaultValue = "") String correction,
      @RequestParam(defaultValue = "false") boolean keepFile,
      @RequestParam(name = "file", required = false) MultipartFile file,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    RecommendationId recommendation = recommendationId(id);
    byte[] bytes = upload(file);
    try {
      observatory.correctUpdate(
          site,
          recommendation,
          updateId(update),
          new UpdateInput(
              source,
              status,
              reason,
              progress,
              evidence,
              link,
              reportedOn,
              file == null ? null : file.getOriginalFilename(),
              bytes),
          correction,
          keepFile);
    } catch (BadRequest e) {
      Map<String, Object> form = new HashMap<>();
      form.put("source", source);
      form.put("status", status);
      form.put("reason", reason);
      form.put("progress", progress);
      form.put("evidence", evidence);
      form.put("link", link);
      form.put("reportedOn", reportedOn);
      form.put("correction", correction);
      form.put("keepFile", keepFile);
      model.addAttribute("form", form);
      correction(site, id, update, model);
      return FormFailure.render(model, response, e, "observatory/update-correction");
    }
    redirect.addFlashAttribute("notice", "observatory.update.corrected");
    return "redirect:/manage/sites/" + site.key() + "/observatory/recommendations/" + id;
  }

  @GetMapping("/{id}")
  String show(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      Model model) {
    TrackedRecommendation r = observatory.recommendationForStaff(site, recommendationId(id));
    model.addAttribute("r", r);
    model.addAttribute("today", observatory.today());
    model.addAttribute("withdrawable", observatory.withdrawable(site, r.id()));
    model.addAttribute(
        "proposals",
        observatory
            .publishedAgenda(site)
            .map(
                a ->
                    r.proposals().stream()
                        .map(p -> a.proposal(p.proposalId()).orElse(null))
                        .filter(java.util.Objects::nonNull)
                        .toList())
            .orElse(List.of()));
    if (!model.containsAttribute("form")) {
      Map<String, Object> form = new HashMap<>();
      form.put("reportedOn", observatory.today().toString());
      form.put("progress", "0");
      model.addAttribute("form", form);
    }
    return "observatory/recommendation";
  }

  @PostMapping("/{id}/updates")
  String addUpdate(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String source,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String progress,
      @RequestParam(defaultValue = "") String evidence,
      @RequestParam(defaultValue = "") String link,
      @RequestParam(defaultValue = "") String reportedOn,
      @RequestParam(name = "file", required = false) MultipartFile file,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    RecommendationId recommendation = recommendationId(id);
    byte[] bytes = upload(file);
    try {
      observatory.addUpdate(
          site,
          recommendation,
          new UpdateInput(
              source,
              status,
              reason,
              progress,
              evidence,
              link,
              reportedOn,
              file == null ? null : file.getOriginalFilename(),
              bytes));
    } catch (BadRequest e) {
      Map<String, Object> form = new HashMap<>();
      form.put("source", source);
      form.put("status", status);
      form.put("reason", reason);
      form.put("progress", progress);
      form.put("evidence", evidence);
      form.put("link", link);
      form.put("reportedOn", reportedOn);
      model.addAttribute("form", form);
      show(site, id, model);
      return FormFailure.render(model, response, e, "observatory/recommendation");
    }
    redirect.addFlashAttribute("notice", "observatory.update.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/recommendations/" + id;
  }

  /** Publishes an update's evidence, or holds it back from the public again. */
  @PostMapping("/{id}/updates/{update}/evidence")
  String publishEvidence(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @PathVariable String update,
      @RequestParam(defaultValue = "") String published,
      RedirectAttributes redirect) {
    boolean publish =
        observatory.publishEvidence(
            site,
            recommendationId(id),
            new UpdateId(Ids.parse(update, "observatory.update.not-found")),
            published);
    redirect.addFlashAttribute(
        "notice", publish ? "observatory.evidence.published" : "observatory.evidence.held");
    return "redirect:/manage/sites/" + site.key() + "/observatory/recommendations/" + id;
  }

  @GetMapping("/{id}/updates/{update}/file")
  ResponseEntity<byte[]> file(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @PathVariable String update) {
    EvidenceFile f =
        observatory.evidenceFile(
            site,
            recommendationId(id),
            new UpdateId(Ids.parse(update, "observatory.file.not-found")));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(f.type()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(f.name()).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(f.content());
  }

  private static byte[] upload(MultipartFile file) throws IOException {
    if (file == null || file.isEmpty()) {
      return null;
    }
    // Read one byte past the limit at most: the size check needs no more.
    try (var in = file.getInputStream()) {
      return in.readNBytes(Observatory.MAX_FILE_BYTES + 1);
    }
  }

  private static UpdateId updateId(String id) {
    return new UpdateId(Ids.parse(id, "observatory.update.not-found"));
  }

  private TrackedRecommendation recommendation(Site site, String id) {
    return tracker
        .recommendation(site, recommendationId(id))
        .orElseThrow(() -> new NotFound("observatory.recommendation.not-found"));
  }

  private static RecommendationId recommendationId(String id) {
    return new RecommendationId(Ids.parse(id, "observatory.recommendation.not-found"));
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }
}
