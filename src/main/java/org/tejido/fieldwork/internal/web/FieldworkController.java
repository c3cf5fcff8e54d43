package org.tejido.fieldwork.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.tejido.fieldwork.Activities;
import org.tejido.fieldwork.FieldDiary;
import org.tejido.fieldwork.FieldworkProperties;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.SourceSummary;
import org.tejido.fieldwork.Sources;
import org.tejido.fieldwork.internal.text.SourceFiles;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.TejidoException;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.vault.Vaults;

/**
 * The site team's fieldwork: its overview and sources (typed, pasted or uploaded). Activities,
 * participants, de-identification and the names to hide have controllers of their own. Plain forms
 * with redirects; every page works on a phone.
 */
@Controller
@RequestMapping("/manage/sites/{key}/fieldwork")
class FieldworkController {

  private final FieldworkPages pages;
  private final Team team;
  private final Vaults vaults;
  private final Activities activities;
  private final Participants participants;
  private final Sources sources;
  private final SourceFiles files;
  private final FieldDiary diary;

  FieldworkController(
      FieldworkPages pages,
      Team team,
      Vaults vaults,
      Activities activities,
      Participants participants,
      Sources sources,
      FieldDiary diary,
      FieldworkProperties properties) {
    this.diary = diary;
    this.pages = pages;
    this.team = team;
    this.vaults = vaults;
    this.activities = activities;
    this.participants = participants;
    this.sources = sources;
    this.files = new SourceFiles(properties.maxUploadSize().toBytes());
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    pages.common(key, model);
  }

  /**
   * The fieldwork home. {@code ?sources=pending} lists only the sources still waiting for
   * de-identification: not yet ready for analysis, or flagged for another review. Any other value
   * lists them all.
   */
  @GetMapping
  String overview(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(name = "sources", required = false) String filter,
      Model model) {
    model.addAttribute("activities", activities.list(site));
    model.addAttribute("participants", participants.list(site));
    model.addAttribute("consents", participants.currentConsents(site));
    model.addAttribute("smallCells", participants.smallCells(site));
    List<SourceSummary> all = sources.list(site);
    List<SourceSummary> pending =
        all.stream().filter(s -> !s.deidentified() || s.needsReview()).toList();
    boolean onlyPending = "pending".equals(filter);
    model.addAttribute("sources", onlyPending ? pending : all);
    model.addAttribute("sourcesFilter", onlyPending ? "pending" : "all");
    model.addAttribute("sourcesTotal", all.size());
    model.addAttribute("sourcesPending", pending.size());
    model.addAttribute("myEntries", diary.mine(site));
    model.addAttribute("deviceEntriesWaiting", diary.deviceEntriesWaiting(site));
    return "fieldwork/overview";
  }

  // ---- sources ----

  @GetMapping("/sources/new")
  String newSource(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) UUID activity,
      Model model) {
    model.addAttribute("activities", activities.list(site));
    Map<String, String> form = new HashMap<>();
    form.put("kind", kind == null ? "transcript" : kind);
    form.put("activityId", activity == null ? "" : activity.toString());
    form.put("day", diary.today().toString());
    if ("field_diary".equals(kind)) {
      // What she was typing when she left the form, kept on the server, not on the phone.
      diary
          .draft(site)
          .ifPresent(
              draft -> {
                form.put("title", draft.title());
                form.put("text", draft.text());
                if (!draft.day().isBlank()) {
                  form.put("day", draft.day());
                }
                model.addAttribute("draftSavedAt", draft.savedAt().atZone(FieldDiary.ZONE));
                model.addAttribute("draftRestored", true);
              });
    }
    model.addAttribute("form", form);
    model.addAttribute("today", diary.today());
    if ("field_diary".equals(kind)) {
      // Only the public key: a phone without signal seals the entry to the vault itself.
      model.addAttribute("deviceKey", vaults.deviceKey(site.id()).orElse(null));
    }
    return "fieldwork/source-form";
  }

  @PostMapping("/sources")
  String createSource(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String text,
      @RequestParam(required = false) String activityId,
      @RequestParam(required = false) String day,
      @RequestParam(required = false) MultipartFile file,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    try {
      String body = text;
      String origin = "typed";
      boolean fileChosen =
          file != null
              && file.getOriginalFilename() != null
              && !file.getOriginalFilename().isBlank();
      if (fileChosen) {
        var extracted = files.extract(file.getOriginalFilename(), file.getBytes());
        body = extracted.text();
        origin = extracted.format();
      }
      UUID activity =
          activityId == null || activityId.isBlank() ? null : UUID.fromString(activityId);
      UUID id =
          "field_diary".equals(kind) && !fileChosen
              // A form without the field (an older page still open) means today.
              ? diary.add(
                  site,
                  new NewSource(activity, kind, title, body, origin),
                  day == null ? diary.today().toString() : day)
              : sources.add(site, new NewSource(activity, kind, title, body, origin));
      redirect.addFlashAttribute(
          "notice",
          "field_diary".equals(kind) && !fileChosen
              ? "fieldwork.diary.saved"
              : "fieldwork.source.added");
      return "redirect:/manage/sites/" + site.key() + "/fieldwork/sources/" + id;
    } catch (BadRequest e) {
      model.addAttribute("activities", activities.list(site));
      Map<String, String> form = new HashMap<>();
      form.put("kind", nz(kind));
      form.put("title", nz(title));
      form.put("text", nz(text));
      form.put("activityId", nz(activityId));
      form.put("day", nz(day));
      model.addAttribute("form", form);
      model.addAttribute("today", diary.today());
      return invalid(model, response, e, "fieldwork/source-form");
    } catch (IllegalArgumentException e) {
      throw new BadRequest("request.invalid");
    }
  }

  @GetMapping("/sources/{id}")
  String source(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    var summary = sources.get(site, id);
    model.addAttribute("source", summary);
    if (summary.reviewedAt() != null) {
      model.addAttribute(
          "reviewedAt", summary.reviewedAt().atZone(java.time.ZoneId.of("America/Mexico_City")));
    }
    model.addAttribute("clean", sources.deidentified(site, id));
    model.addAttribute("day", diary.dayOf(site, id).orElse(null));
    diary.mine(site).stream()
        .filter(e -> e.id().equals(id) && e.correctable())
        .findFirst()
        .ifPresent(
            e ->
                model.addAttribute(
                    "correctableUntil", e.correctableUntil().atZone(FieldDiary.ZONE)));
    if (vaults.canReadNow(site.id())) {
      model.addAttribute("raw", sources.raw(site, id));
    }
    return "fieldwork/source";
  }

  private static String invalid(
      Model model, HttpServletResponse response, TejidoException e, String view) {
    return FormFailure.render(model, response, e, view);
  }

  private static LocalDate date(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest("validation.failed", Map.of(field, "validation.date.invalid"));
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
