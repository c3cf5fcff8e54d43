package org.tejido.participation.internal.web;

import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.participation.PrioritisationSession;
import org.tejido.participation.PrioritisationSessions;
import org.tejido.participation.VoterGroup;
import org.tejido.participation.VotingMethod;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The site team's prioritisation sessions: set up, open and close, codes to print, printed ballots
 * to enter, results by population group, and the result sent to the draft agenda.
 */
@Controller
@RequestMapping("/manage/sites/{key}/prioritisation")
class PrioritisationController {

  private final Sites sites;
  private final PrioritisationSessions sessions;
  private final Team team;

  PrioritisationController(Sites sites, PrioritisationSessions sessions, Team team) {
    this.sites = sites;
    this.sessions = sessions;
    this.team = team;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    model.addAttribute("site", site);
    model.addAttribute("groups", VoterGroup.values());
    model.addAttribute("methods", VotingMethod.values());
    model.addAttribute(
        "canApply", team.currentRoleAt(site.id()).orElse(null) == SiteRole.COORDINATOR);
  }

  @GetMapping
  String list(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("sessions", sessions.list(site));
    model.addAttribute("form", new SessionForm(null, "dots", 5, "draft"));
    return "participation/sessions";
  }

  /** The set-up form's fields, kept when it is shown again. */
  record SessionForm(String title, String method, Integer allowance, String source) {}

  @PostMapping
  String create(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String method,
      @RequestParam(required = false) String allowance,
      @RequestParam(required = false) String source,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Integer n = number(allowance);
    try {
      VotingMethod m = "ranking".equals(method) ? VotingMethod.RANKING : null;
      if ("dots".equals(method)) {
        m = VotingMethod.DOTS;
      }
      UUID id =
          sessions.create(
              site,
              title,
              m,
              n,
              "published".equals(source)
                  ? PrioritisationSessions.Source.PUBLISHED
                  : PrioritisationSessions.Source.DRAFT);
      redirect.addFlashAttribute("notice", "participation.created");
      return "redirect:/manage/sites/" + site.key() + "/prioritisation/" + id;
    } catch (BadRequest | Conflict e) {
      model.addAttribute("sessions", sessions.list(site));
      model.addAttribute("form", new SessionForm(title, method, n, source));
      return FormFailure.render(model, response, e, "participation/sessions");
    }
  }

  @GetMapping("/{id}")
  String session(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    show(site, id, model);
    return "participation/session";
  }

  @PostMapping("/{id}/open")
  String open(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      RedirectAttributes redirect) {
    sessions.open(site, id);
    redirect.addFlashAttribute("notice", "participation.opened");
    return back(site, id);
  }

  @PostMapping("/{id}/close")
  String close(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      RedirectAttributes redirect) {
    sessions.close(site, id);
    redirect.addFlashAttribute("notice", "participation.closed");
    return back(site, id);
  }

  /** The codes are shown this once, on a page made to be printed and cut into cards. */
  @PostMapping("/{id}/codes")
  String codes(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String count,
      Model model,
      HttpServletResponse response) {
    try {
      model.addAttribute("codes", sessions.generateCodes(site, id, number(count)));
    } catch (BadRequest | Conflict e) {
      show(site, id, model);
      return FormFailure.render(model, response, e, "participation/session");
    }
    model.addAttribute("prioritisation", sessions.get(site, id));
    return "participation/codes";
  }

  @GetMapping("/{id}/ballot")
  String printableBallot(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    model.addAttribute("prioritisation", sessions.get(site, id));
    return "participation/ballot-print";
  }

  @PostMapping("/{id}/ballots")
  String enterBallot(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam Map<String, String> form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      sessions.enterBallot(site, id, Marks.ballot(form));
    } catch (BadRequest | Conflict e) {
      show(site, id, model);
      model.addAttribute("entered", form);
      return FormFailure.render(model, response, e, "participation/session");
    }
    redirect.addFlashAttribute("notice", "participation.ballot.saved");
    return back(site, id) + "#enter";
  }

  @PostMapping("/{id}/apply")
  String apply(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      RedirectAttributes redirect) {
    sessions.applyToAgenda(site, id);
    redirect.addFlashAttribute("notice", "participation.applied");
    return "redirect:/manage/sites/" + site.key() + "/agenda";
  }

  private void show(Site site, UUID id, Model model) {
    PrioritisationSession session = sessions.get(site, id);
    model.addAttribute("prioritisation", session);
    model.addAttribute("tally", sessions.results(site, id));
    model.addAttribute("codeCounts", sessions.codeCounts(site, id));
  }

  private static String back(Site site, UUID id) {
    return "redirect:/manage/sites/" + site.key() + "/prioritisation/" + id;
  }

  private static Integer number(String value) {
    try {
      return value == null ? null : Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
