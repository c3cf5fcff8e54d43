package org.tejido.participation.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.participation.EngagementKind;
import org.tejido.participation.EngagementLog;
import org.tejido.shared.BadRequest;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** The engagement log, for the site team: the list, and a form to add an event. */
@Controller
@RequestMapping("/manage/sites/{key}/engagement")
class EngagementController {

  private final Sites sites;
  private final EngagementLog log;
  private final Team team;

  EngagementController(Sites sites, EngagementLog log, Team team) {
    this.sites = sites;
    this.log = log;
    this.team = team;
  }

  /** The form's fields, kept when it is shown again. */
  record EngagementForm(
      String heldOn, String kind, String attendees, String presented, String agreed, String link) {}

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    model.addAttribute("site", site);
    model.addAttribute("kinds", EngagementKind.values());
    SiteRole role = team.currentRoleAt(site.id()).orElse(null);
    model.addAttribute(
        "writes",
        role == SiteRole.COORDINATOR
            || role == SiteRole.RESEARCHER
            || role == SiteRole.OBSERVATORY);
  }

  @GetMapping
  String list(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("events", log.forTeam(site));
    model.addAttribute("form", new EngagementForm(null, "authorities", null, null, null, null));
    return "participation/engagement";
  }

  @PostMapping
  String add(
      @ModelAttribute(name = "site", binding = false) Site site,
      EngagementForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    // Who may write is settled before the form is read: a bad date is nobody else's business.
    team.require(site.id(), EngagementLog.WRITERS);
    try {
      LocalDate day = date(form.heldOn());
      log.add(
          site,
          new EngagementLog.Entry(
              day,
              EngagementKind.fromCode(form.kind()).orElse(null),
              form.attendees(),
              form.presented(),
              form.agreed(),
              form.link()));
    } catch (BadRequest e) {
      model.addAttribute("events", log.forTeam(site));
      model.addAttribute("form", form);
      return FormFailure.render(model, response, e, "participation/engagement");
    }
    redirect.addFlashAttribute("notice", "engagement.added");
    return "redirect:/manage/sites/" + site.key() + "/engagement";
  }

  @PostMapping("/{id}/delete")
  String delete(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      RedirectAttributes redirect) {
    log.remove(site, id);
    redirect.addFlashAttribute("notice", "engagement.removed");
    return "redirect:/manage/sites/" + site.key() + "/engagement";
  }

  private static LocalDate date(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest("validation.failed", Map.of("heldOn", "engagement.date.invalid"));
    }
  }
}
