package org.tejido.fieldwork.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.FieldworkProperties;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.fieldwork.internal.text.SourceFiles;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.TejidoException;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.vault.Vaults;

/**
 * The site team's fieldwork: its overview, sources (typed, pasted or uploaded), de-identification
 * and the names to hide. Activities and participants have controllers of their own. Plain forms
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
  private final Deidentification deidentification;
  private final SourceFiles files;

  FieldworkController(
      FieldworkPages pages,
      Team team,
      Vaults vaults,
      Activities activities,
      Participants participants,
      Sources sources,
      Deidentification deidentification,
      FieldworkProperties properties) {
    this.pages = pages;
    this.team = team;
    this.vaults = vaults;
    this.activities = activities;
    this.participants = participants;
    this.sources = sources;
    this.deidentification = deidentification;
    this.files = new SourceFiles(properties.maxUploadSize().toBytes());
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    pages.common(key, model);
  }

  @GetMapping
  String overview(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("activities", activities.list(site));
    model.addAttribute("participants", participants.list(site));
    model.addAttribute("smallCells", participants.smallCells(site));
    model.addAttribute("sources", sources.list(site));
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
    model.addAttribute(
        "form",
        Map.of(
            "kind",
            kind == null ? "transcript" : kind,
            "activityId",
            activity == null ? "" : activity.toString()));
    return "fieldwork/source-form";
  }

  @PostMapping("/sources")
  String createSource(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String text,
      @RequestParam(required = false) String activityId,
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
      UUID id = sources.add(site, new NewSource(activity, kind, title, body, origin));
      redirect.addFlashAttribute("notice", "fieldwork.source.added");
      return "redirect:/manage/sites/" + site.key() + "/fieldwork/sources/" + id;
    } catch (BadRequest e) {
      model.addAttribute("activities", activities.list(site));
      model.addAttribute(
          "form",
          Map.of(
              "kind",
              nz(kind),
              "title",
              nz(title),
              "text",
              nz(text),
              "activityId",
              nz(activityId)));
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
    model.addAttribute("clean", sources.deidentified(site, id));
    if (vaults.canReadNow(site.id())) {
      model.addAttribute("raw", sources.raw(site, id));
    }
    return "fieldwork/source";
  }

  @GetMapping("/sources/{id}/deidentify")
  String proposals(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    team.require(site.id(), SiteRole.VAULT_READERS);

    model.addAttribute("source", sources.get(site, id));
    // Number every proposal once, so the form fields line up with what is shown.
    List<TurnView> turns = new ArrayList<>();
    int index = 0;
    Deidentification.Review review = deidentification.review(site, id);
    model.addAttribute("reviewed", review.fingerprint());
    for (Deidentification.TurnProposals t : review.turns()) {
      List<ProposalRow> rows = new ArrayList<>();
      for (var r : t.inSpeaker()) {
        rows.add(new ProposalRow(index++, true, r));
      }
      for (var r : t.inText()) {
        rows.add(new ProposalRow(index++, false, r));
      }
      turns.add(new TurnView(t.turn(), rows));
    }
    model.addAttribute("turns", turns);
    return "fieldwork/deidentify";
  }

  @PostMapping("/sources/{id}/deidentify")
  String applyDeidentification(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam Map<String, String> form,
      RedirectAttributes redirect) {
    // The words the decisions were made on: refused (409) if they changed since.
    team.require(site.id(), SiteRole.VAULT_READERS);
    sources.get(site, id);
    String reviewed = form.get("reviewed");
    if (reviewed == null || reviewed.isBlank()) {
      throw new BadRequest("request.invalid");
    }
    List<Deidentification.Decision> decisions = new ArrayList<>();
    try {
      for (int i = 0; form.containsKey("p" + i + ".turn"); i++) {
        String p = "p" + i + ".";
        decisions.add(
            new Deidentification.Decision(
                UUID.fromString(form.get(p + "turn")),
                "true".equals(form.get(p + "speaker")),
                Integer.parseInt(form.get(p + "start")),
                Integer.parseInt(form.get(p + "end")),
                form.get(p + "original"),
                form.get(p + "token"),
                org.tejido.deidentification.Rule.valueOf(form.get(p + "rule")),
                form.get(p + "kind") == null || form.get(p + "kind").isEmpty()
                    ? null
                    : org.tejido.deidentification.EntityKind.valueOf(form.get(p + "kind")),
                form.containsKey(p + "accept")));
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequest("request.invalid");
    }
    deidentification.apply(site, id, decisions, reviewed);
    redirect.addFlashAttribute("notice", "fieldwork.source.deidentified");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/sources/" + id;
  }

  @PostMapping("/sources/{id}/gazetteer")
  String addTerm(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String term,
      @RequestParam(required = false) String kind,
      RedirectAttributes redirect) {
    try {
      var entry = deidentification.addToGazetteer(site, term, kind);
      redirect.addFlashAttribute("notice", "fieldwork.gazetteer.added");
      redirect.addFlashAttribute("noticeArg", entry.token());
    } catch (BadRequest e) {
      // Back to the proposals, with the reason next to the term field.
      redirect.addFlashAttribute("termErrors", e.fieldErrors());
      redirect.addFlashAttribute("termValue", term);
    }
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/sources/" + id + "/deidentify";
  }

  // ---- gazetteer ----

  @GetMapping("/gazetteer")
  String gazetteer(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("entries", deidentification.readGazetteer(site));
    return "fieldwork/gazetteer";
  }

  @PostMapping("/gazetteer")
  String addEntry(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String term,
      @RequestParam(required = false) String kind,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      var entry = deidentification.addToGazetteer(site, term, kind);
      redirect.addFlashAttribute("notice", "fieldwork.gazetteer.added");
      redirect.addFlashAttribute("noticeArg", entry.token());
    } catch (BadRequest e) {
      model.addAttribute("entries", deidentification.readGazetteer(site));
      // The term typed stays in the field: it is a name the reviewer is hiding, not a secret.
      model.addAttribute("term", term);
      model.addAttribute("kind", kind);
      return invalid(model, response, e, "fieldwork/gazetteer");
    }
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/gazetteer";
  }

  @PostMapping("/gazetteer/delete")
  String removeEntry(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String term,
      RedirectAttributes redirect) {
    deidentification.removeFromGazetteer(site, term == null ? "" : term);
    redirect.addFlashAttribute("notice", "fieldwork.saved");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/gazetteer";
  }

  record ProposalRow(int index, boolean inSpeaker, org.tejido.deidentification.Replacement r) {}

  record TurnView(org.tejido.fieldwork.SourceTurn turn, List<ProposalRow> rows) {}

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
