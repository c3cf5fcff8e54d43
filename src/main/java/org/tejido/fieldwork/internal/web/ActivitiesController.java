package org.tejido.fieldwork.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
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
import org.tejido.fieldwork.Activities;
import org.tejido.fieldwork.Media;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.vault.Vaults;

/** Activities (workshops, interviews, walks) and the media attached to them. */
@Controller
@RequestMapping("/manage/sites/{key}/fieldwork")
class ActivitiesController {

  private final FieldworkPages pages;
  private final Team team;
  private final Activities activities;
  private final Participants participants;
  private final Sources sources;
  private final Media media;
  private final Vaults vaults;

  ActivitiesController(
      FieldworkPages pages,
      Team team,
      Activities activities,
      Participants participants,
      Sources sources,
      Media media,
      Vaults vaults) {
    this.pages = pages;
    this.team = team;
    this.activities = activities;
    this.participants = participants;
    this.sources = sources;
    this.media = media;
    this.vaults = vaults;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    pages.common(key, model);
  }

  @GetMapping("/activities/new")
  String newActivity(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("form", ActivityForm.fresh(LocalDate.now(), me()));
    choices(site, model);
    return "fieldwork/activity-form";
  }

  @PostMapping("/activities")
  String create(
      @ModelAttribute(name = "site", binding = false) Site site,
      @ModelAttribute("form") ActivityForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (form.getFacilitatorIds().isEmpty()) {
      // Nobody ticked: the person recording it facilitated it, as before the form had a class.
      form.setFacilitatorIds(new java.util.ArrayList<>(List.of(me())));
    }
    try {
      UUID id = activities.create(site, form.toNew());
      redirect.addFlashAttribute("notice", "fieldwork.saved");
      return "redirect:/manage/sites/" + site.key() + "/fieldwork/activities/" + id;
    } catch (BadRequest e) {
      choices(site, model);
      return FormFailure.render(model, response, e, "fieldwork/activity-form");
    }
  }

  @GetMapping("/activities/{id}/edit")
  String edit(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    model.addAttribute("form", ActivityForm.of(activities.editable(site, id)));
    editing(site, id, model);
    return "fieldwork/activity-form";
  }

  @PostMapping("/activities/{id}")
  String update(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @ModelAttribute("form") ActivityForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    // Another site's or a missing activity is a 404 before anything sent is looked at.
    activities.get(site, id);
    if (form.getFacilitatorIds().isEmpty()) {
      form.setFacilitatorIds(new java.util.ArrayList<>(List.of(me())));
    }
    try {
      activities.update(site, id, form.toNew());
      redirect.addFlashAttribute("notice", "fieldwork.activity.changed");
      return "redirect:/manage/sites/" + site.key() + "/fieldwork/activities/" + id;
    } catch (BadRequest e) {
      editing(site, id, model);
      return FormFailure.render(model, response, e, "fieldwork/activity-form");
    }
  }

  /** The edit form's extras: which activity, and who cannot be removed because they spoke. */
  private void editing(Site site, UUID id, Model model) {
    choices(site, model);
    model.addAttribute("activity", activities.get(site, id));
    model.addAttribute("speakers", activities.speakers(site, id));
  }

  private void choices(Site site, Model model) {
    var people = participants.list(site);
    model.addAttribute("participants", people);
    // Aliases help find someone in a long list, but are identity: only for the roles that read
    // the vault, only while it is open, and the reading is audited.
    if (!people.isEmpty() && vaults.canReadNow(site.id())) {
      model.addAttribute("aliases", participants.aliases(site));
    }
    model.addAttribute("members", team.membersOf(site.id()));
    model.addAttribute("today", LocalDate.now());
  }

  private UUID me() {
    return team.current().orElseThrow().id().value();
  }

  @GetMapping("/activities/{id}")
  String activity(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    model.addAttribute("activity", activities.get(site, id));
    model.addAttribute("media", media.list(site, id));
    model.addAttribute(
        "sources", sources.list(site).stream().filter(s -> id.equals(s.activityId())).toList());
    return "fieldwork/activity";
  }

  @PostMapping("/activities/{id}/media")
  String attach(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) MultipartFile file,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    try {
      if (file == null || file.isEmpty()) {
        throw new BadRequest("source.file.empty");
      }
      media.attach(
          site, id, kind, file.getOriginalFilename(), file.getContentType(), file.getBytes());
    } catch (BadRequest e) {
      // The activity's page again, the kind still chosen; only the file must be chosen again.
      activity(site, id, model);
      model.addAttribute("mediaKind", kind);
      return FormFailure.render(model, response, e, "fieldwork/activity");
    }
    redirect.addFlashAttribute("notice", "fieldwork.media.attached");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/activities/" + id;
  }

  @GetMapping("/media/{id}")
  ResponseEntity<byte[]> download(
      @ModelAttribute(name = "site", binding = false) Site site, @PathVariable UUID id) {
    Media.Download file = media.download(site, id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.contentType()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(file.filename(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(file.content());
  }
}
