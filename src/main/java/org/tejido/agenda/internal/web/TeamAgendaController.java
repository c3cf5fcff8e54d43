package org.tejido.agenda.internal.web;

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
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.IssueEvidence;
import org.tejido.agenda.ReferenceData;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The site team's view of its agenda (with silenced issues) and the coordinator's editor. Every
 * change goes to the draft; published versions never change. Plain forms with redirects work
 * without JavaScript; htmx (hx-boost) swaps the page body in place when it is there.
 */
@Controller
@RequestMapping("/manage/sites/{key}/agenda")
class TeamAgendaController {

  private final Sites sites;
  private final Agendas agendas;
  private final AgendaEditing editing;
  private final ReferenceData reference;
  private final Team team;
  private final IssueEvidence evidence;
  private final org.tejido.agenda.AgendaVersionChanges changes;

  TeamAgendaController(
      Sites sites,
      Agendas agendas,
      AgendaEditing editing,
      ReferenceData reference,
      Team team,
      IssueEvidence evidence,
      org.tejido.agenda.AgendaVersionChanges changes) {
    this.evidence = evidence;
    this.changes = changes;
    this.sites = sites;
    this.agendas = agendas;
    this.editing = editing;
    this.reference = reference;
    this.team = team;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    model.addAttribute("site", site);
    model.addAttribute("domains", reference.domains());
    model.addAttribute("addressees", reference.addressees());
    model.addAttribute(
        "addresseeNames",
        reference.addressees().stream()
            .collect(java.util.stream.Collectors.toMap(a -> a.key(), a -> a.name())));
    team.currentRoleAt(site.id())
        .ifPresent(
            role -> {
              model.addAttribute("role", role);
              model.addAttribute("canEdit", role == SiteRole.COORDINATOR);
            });
  }

  @GetMapping
  String overview(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    Agenda draft = agendas.draftForTeam(site).orElse(null);
    Agenda published = agendas.latestPublishedForTeam(site).orElse(null);
    model.addAttribute("draft", draft);
    model.addAttribute("published", published);
    model.addAttribute("evidence", draft == null ? Map.of() : evidence.forTeam(site, draft));
    model.addAttribute("versions", agendas.publishedVersions(site));
    model.addAttribute("draftNote", draft != null ? changes.note(draft.version()) : null);
    return "agenda/team";
  }

  @PostMapping("/draft")
  String startDraft(
      @ModelAttribute(name = "site", binding = false) Site site, RedirectAttributes redirect) {
    editing.startDraft(site);
    redirect.addFlashAttribute("notice", "agenda.draft.started");
    return back(site);
  }

  @PostMapping("/draft/discard")
  String discard(
      @ModelAttribute(name = "site", binding = false) Site site, RedirectAttributes redirect) {
    editing.discardDraft(site);
    redirect.addFlashAttribute("notice", "agenda.draft.discarded");
    return back(site);
  }

  @PostMapping("/draft/publish")
  String publish(
      @ModelAttribute(name = "site", binding = false) Site site, RedirectAttributes redirect) {
    var version = editing.publish(site);
    redirect.addFlashAttribute("notice", "agenda.draft.published");
    redirect.addFlashAttribute("noticeArg", version.number());
    return back(site);
  }

  @PostMapping("/draft/participants")
  String participants(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String participants,
      RedirectAttributes redirect) {
    Integer value;
    try {
      value =
          participants == null || participants.isBlank()
              ? null
              : Integer.valueOf(participants.strip());
    } catch (NumberFormatException e) {
      throw new BadRequest("validation.participants");
    }
    editing.setParticipants(site, value);
    redirect.addFlashAttribute("notice", "agenda.saved");
    return back(site);
  }

  /** What changed in the draft and why: published with it, above the comparison. */
  @PostMapping("/draft/note")
  String note(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String noteEs,
      @RequestParam(required = false) String noteEn,
      RedirectAttributes redirect) {
    editing.setNote(site, new org.tejido.shared.LocalizedText(noteEs, noteEn));
    redirect.addFlashAttribute("notice", "agenda.saved");
    return back(site);
  }

  @GetMapping("/issues/new")
  String newIssue(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("draft", requireDraft(site));
    model.addAttribute("form", new IssueForm());
    return "agenda/issue-form";
  }

  @PostMapping("/issues")
  String createIssue(
      @ModelAttribute(name = "site", binding = false) Site site,
      @ModelAttribute("form") IssueForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      editing.addIssue(site, form.toInput());
    } catch (BadRequest e) {
      return invalid(site, model, response, e, "agenda/issue-form");
    }
    redirect.addFlashAttribute("notice", "agenda.saved");
    return back(site);
  }

  @GetMapping("/issues/{id}/edit")
  String editIssue(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    Agenda draft = requireDraft(site);
    var issue = draft.issue(id).orElseThrow(() -> new NotFound("agenda.issue.not-found"));
    model.addAttribute("draft", draft);
    model.addAttribute("issueId", id);
    model.addAttribute("form", IssueForm.of(issue));
    return "agenda/issue-form";
  }

  @PostMapping("/issues/{id}")
  String updateIssue(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @ModelAttribute("form") IssueForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      editing.updateIssue(site, id, form.toInput());
    } catch (BadRequest e) {
      model.addAttribute("issueId", id);
      return invalid(site, model, response, e, "agenda/issue-form");
    }
    redirect.addFlashAttribute("notice", "agenda.saved");
    return back(site);
  }

  @PostMapping("/issues/{id}/move")
  String moveIssue(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam String direction) {
    editing.moveIssue(site, id, direction(direction));
    return back(site);
  }

  @PostMapping("/issues/{id}/delete")
  String deleteIssue(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      RedirectAttributes redirect) {
    editing.deleteIssue(site, id);
    redirect.addFlashAttribute("notice", "agenda.deleted");
    return back(site);
  }

  @GetMapping("/proposals/new")
  String newProposal(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("draft", requireDraft(site));
    model.addAttribute("form", new ProposalForm());
    return "agenda/proposal-form";
  }

  @PostMapping("/proposals")
  String createProposal(
      @ModelAttribute(name = "site", binding = false) Site site,
      @ModelAttribute("form") ProposalForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      editing.addProposal(site, form.toInput());
    } catch (BadRequest e) {
      return invalid(site, model, response, e, "agenda/proposal-form");
    }
    redirect.addFlashAttribute("notice", "agenda.saved");
    return back(site);
  }

  @GetMapping("/proposals/{id}/edit")
  String editProposal(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    Agenda draft = requireDraft(site);
    var proposal = draft.proposal(id).orElseThrow(() -> new NotFound("agenda.proposal.not-found"));
    model.addAttribute("draft", draft);
    model.addAttribute("proposalId", id);
    model.addAttribute("form", ProposalForm.of(proposal));
    return "agenda/proposal-form";
  }

  @PostMapping("/proposals/{id}")
  String updateProposal(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @ModelAttribute("form") ProposalForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      editing.updateProposal(site, id, form.toInput());
    } catch (BadRequest e) {
      model.addAttribute("proposalId", id);
      return invalid(site, model, response, e, "agenda/proposal-form");
    }
    redirect.addFlashAttribute("notice", "agenda.saved");
    return back(site);
  }

  @PostMapping("/proposals/{id}/move")
  String moveProposal(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam String direction) {
    editing.moveProposal(site, id, direction(direction));
    return back(site);
  }

  @PostMapping("/proposals/{id}/delete")
  String deleteProposal(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      RedirectAttributes redirect) {
    editing.deleteProposal(site, id);
    redirect.addFlashAttribute("notice", "agenda.deleted");
    return back(site);
  }

  private Agenda requireDraft(Site site) {
    team.require(site.id(), SiteRole.COORDINATOR);
    return agendas.draftForTeam(site).orElseThrow(() -> new Conflict("agenda.draft.none"));
  }

  private String invalid(
      Site site, Model model, HttpServletResponse response, BadRequest e, String view) {
    if (e.fieldErrors().isEmpty()) {
      throw e;
    }
    model.addAttribute("draft", requireDraft(site));
    return FormFailure.render(model, response, e, view);
  }

  private static int direction(String direction) {
    return switch (direction) {
      case "up" -> -1;
      case "down" -> 1;
      default -> throw new BadRequest("request.invalid");
    };
  }

  private static String back(Site site) {
    return "redirect:/manage/sites/" + site.key() + "/agenda";
  }

  @PostMapping("/issues/{id}/evidence/{coding}/quote")
  String quote(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @PathVariable UUID coding,
      @RequestParam(defaultValue = "false") boolean quoted,
      RedirectAttributes redirect) {
    evidence.choose(site, id, coding, quoted);
    redirect.addFlashAttribute(
        "notice", quoted ? "evidence.quoted.saved" : "evidence.unquoted.saved");
    return "redirect:/manage/sites/" + site.key() + "/agenda#draft-issues";
  }

  @PostMapping("/issues/{id}/evidence/{coding}/delete")
  String removeEvidence(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @PathVariable UUID coding,
      RedirectAttributes redirect) {
    evidence.unlink(site, id, coding);
    redirect.addFlashAttribute("notice", "evidence.removed");
    return "redirect:/manage/sites/" + site.key() + "/agenda#draft-issues";
  }
}
