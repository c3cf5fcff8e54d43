package org.tejido.fieldwork.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.fieldwork.Activities;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.fieldwork.Withdrawals;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.vault.Vaults;

/** Participants: registering one, their consent, and withdrawal. */
@Controller
@RequestMapping("/manage/sites/{key}/fieldwork/participants")
class ParticipantsController {

  private final FieldworkPages pages;
  private final Team team;
  private final Vaults vaults;
  private final Participants participants;
  private final Withdrawals withdrawals;
  private final Activities activities;
  private final Sources sources;

  ParticipantsController(
      FieldworkPages pages,
      Team team,
      Vaults vaults,
      Participants participants,
      Withdrawals withdrawals,
      Activities activities,
      Sources sources) {
    this.pages = pages;
    this.team = team;
    this.vaults = vaults;
    this.participants = participants;
    this.withdrawals = withdrawals;
    this.activities = activities;
    this.sources = sources;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    pages.common(key, model);
  }

  @GetMapping("/new")
  String newParticipant(Model model) {
    model.addAttribute("form", new ParticipantForm());
    return "fieldwork/participant-form";
  }

  @PostMapping
  String create(
      @ModelAttribute(name = "site", binding = false) Site site,
      @ModelAttribute("form") ParticipantForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      var created = participants.register(site, form.toNew());
      redirect.addFlashAttribute("notice", "fieldwork.participant.registered");
      redirect.addFlashAttribute("noticeArg", created.code());
      return "redirect:/manage/sites/" + site.key() + "/fieldwork/participants/" + created.id();
    } catch (BadRequest e) {
      // The form keeps everything, identity included; say again that nothing is kept on the device.
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      return FormFailure.render(model, response, e, "fieldwork/participant-form");
    }
  }

  @GetMapping("/{id}")
  String participant(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    show(site, id, model);
    model.addAttribute("consentForm", ConsentForm.fresh(LocalDate.now()));
    return "fieldwork/participant";
  }

  @PostMapping("/{id}/consents")
  String consent(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @ModelAttribute("consentForm") ConsentForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      participants.recordConsent(site, id, form.toConsent());
    } catch (BadRequest e) {
      show(site, id, model);
      return FormFailure.render(model, response, e, "fieldwork/participant");
    }
    redirect.addFlashAttribute("notice", "fieldwork.consent.recorded");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/participants/" + id;
  }

  private void show(Site site, UUID id, Model model) {
    model.addAttribute("participant", participants.get(site, id));
    model.addAttribute("consents", participants.consents(site, id));
    model.addAttribute("attended", activities.attendedBy(site, id));
    model.addAttribute("spokeIn", sources.spokenBy(site, id));
    model.addAttribute("today", LocalDate.now());
    if (vaults.canReadNow(site.id())) {
      model.addAttribute("identity", participants.identity(site, id).orElse(null));
      model.addAttribute("identityShown", true);
    }
  }

  /**
   * The withdrawal's confirmation page: every mention of the person in what others wrote, with a
   * little context, those to redact selected. Needs the vault open.
   */
  @GetMapping("/{id}/withdraw")
  String reviewWithdrawal(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response) {
    team.require(site.id(), SiteRole.COORDINATOR);
    model.addAttribute("participant", participants.get(site, id));
    try {
      model.addAttribute("review", withdrawals.review(site, id));
    } catch (Conflict e) {
      // The vault is locked: say so on the page, with the way to open it.
      model.addAttribute("error", e);
      response.setStatus(409);
    }
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return "fieldwork/withdraw";
  }

  @PostMapping("/{id}/withdraw")
  String withdraw(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String confirm,
      @RequestParam(required = false) String reviewed,
      @RequestParam(name = "redact", required = false) List<String> redact,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    team.require(site.id(), SiteRole.COORDINATOR);
    var p = participants.get(site, id);
    try {
      if (!p.code().equals(confirm == null ? "" : confirm.strip().toUpperCase(Locale.ROOT))) {
        throw new BadRequest("fieldwork.withdraw.confirm", p.code());
      }
      if (reviewed == null || reviewed.isBlank()) {
        // Only a confirmation given on the list of mentions can withdraw.
        throw new Conflict("fieldwork.withdraw.changed");
      }
      withdrawals.withdraw(site, id, redact == null ? Set.of() : Set.copyOf(redact), reviewed);
    } catch (BadRequest | Conflict e) {
      model.addAttribute("participant", p);
      if (!"fieldwork.withdraw.vault-locked".equals(e.code())) {
        var review = withdrawals.review(site, id);
        model.addAttribute("review", review);
        // A mistyped code keeps the ticks given on this same list; a changed list starts afresh.
        if (review.fingerprint().equals(reviewed)) {
          model.addAttribute("chosen", redact == null ? List.of() : redact);
        }
      }
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      return FormFailure.render(model, response, e, "fieldwork/withdraw");
    }
    redirect.addFlashAttribute("notice", "fieldwork.participant.withdrawn");
    redirect.addFlashAttribute("noticeArg", p.code());
    return "redirect:/manage/sites/" + site.key() + "/fieldwork";
  }
}
