package org.tejido.observatory.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.tejido.agenda.ReferenceData;
import org.tejido.observatory.EvidenceSource;
import org.tejido.observatory.ImplementationStatus;
import org.tejido.observatory.ObservatoryTracker;
import org.tejido.observatory.RecommendationId;
import org.tejido.observatory.Sdg16Target;
import org.tejido.observatory.TrackedRecommendation;
import org.tejido.observatory.UpdateId;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.RecommendationInput;
import org.tejido.observatory.internal.Observatory.UpdateInput;
import org.tejido.observatory.internal.ObservatoryStore.EvidenceFile;
import org.tejido.shared.BadRequest;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** Recommendations: turning published proposals into one, its page, and progress updates. */
@Controller
@RequestMapping("/manage/sites/{key}/observatory/recommendations")
class RecommendationsController {

  private final Sites sites;
  private final Observatory observatory;
  private final ObservatoryTracker tracker;
  private final ReferenceData reference;

  RecommendationsController(
      Sites sites, Observatory observatory, ObservatoryTracker tracker, ReferenceData reference) {
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

  @GetMapping("/{id}")
  String show(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      Model model) {
    TrackedRecommendation r = observatory.recommendationForStaff(site, recommendationId(id));
    model.addAttribute("r", r);
    model.addAttribute("today", observatory.today());
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
    byte[] bytes = null;
    if (file != null && !file.isEmpty()) {
      // Read one byte past the limit at most: the size check needs no more.
      try (var in = file.getInputStream()) {
        bytes = in.readNBytes(Observatory.MAX_FILE_BYTES + 1);
      }
    }
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

  private static RecommendationId recommendationId(String id) {
    return new RecommendationId(Ids.parse(id, "observatory.recommendation.not-found"));
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }
}
