package org.tejido.observatory.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.observatory.Commitment;
import org.tejido.observatory.CommitmentId;
import org.tejido.observatory.MesaSession;
import org.tejido.observatory.ObservatoryTracker;
import org.tejido.observatory.SessionId;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.CommitmentInput;
import org.tejido.observatory.internal.Observatory.SessionInput;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.shared.TejidoException;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * Mesa de Seguridad sessions and the commitments agreed in them: recording, editing, fulfilling and
 * withdrawing.
 */
@Controller
@RequestMapping("/manage/sites/{key}/observatory/sessions")
class SessionsController {

  private final Sites sites;
  private final Observatory observatory;
  private final ObservatoryTracker tracker;

  SessionsController(Sites sites, Observatory observatory, ObservatoryTracker tracker) {
    this.sites = sites;
    this.observatory = observatory;
    this.tracker = tracker;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    observatory.requireStaff(site);
    model.addAttribute("site", site);
    model.addAttribute("today", observatory.today());
  }

  @GetMapping
  String list(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("sessions", tracker.sessions(site));
    model.addAttribute("institutions", tracker.institutions(site));
    if (!model.containsAttribute("form")) {
      Map<String, Object> form = new HashMap<>();
      form.put("heldOn", observatory.today().toString());
      form.put("attendees", List.of());
      model.addAttribute("form", form);
    }
    return "observatory/sessions";
  }

  @PostMapping
  String add(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "") String heldOn,
      @RequestParam(defaultValue = "") String minutes,
      @RequestParam(name = "attendees", required = false) List<String> attendees,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    List<String> who = attendees == null ? List.of() : attendees;
    SessionId id;
    try {
      id = observatory.addSession(site, new SessionInput(heldOn, minutes, who));
    } catch (BadRequest e) {
      model.addAttribute("form", Map.of("heldOn", heldOn, "minutes", minutes, "attendees", who));
      list(site, model);
      return FormFailure.render(model, response, e, "observatory/sessions");
    }
    redirect.addFlashAttribute("notice", "observatory.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/sessions/" + id;
  }

  @GetMapping("/{id}")
  String show(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      Model model) {
    MesaSession session =
        tracker
            .session(site, sessionId(id))
            .orElseThrow(() -> new NotFound("observatory.session.not-found"));
    model.addAttribute("mesa", session);
    model.addAttribute("institutions", tracker.institutions(site));
    model.addAttribute("recommendations", tracker.recommendations(site));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Map.of("recommendations", List.of()));
    }
    return "observatory/session";
  }

  @GetMapping("/{id}/edit")
  String edit(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      Model model) {
    MesaSession session = session(site, id);
    model.addAttribute("mesa", session);
    model.addAttribute("institutions", tracker.institutions(site));
    if (!model.containsAttribute("form")) {
      Map<String, Object> form = new HashMap<>();
      form.put("heldOn", session.heldOn().toString());
      form.put("minutes", session.minutes());
      form.put("attendees", session.attendees().stream().map(i -> i.id().toString()).toList());
      form.put("revision", Integer.toString(observatory.sessionRevision(site, session.id())));
      model.addAttribute("form", form);
    }
    return "observatory/session-form";
  }

  @PostMapping("/{id}")
  String update(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String revision,
      @RequestParam(defaultValue = "") String heldOn,
      @RequestParam(defaultValue = "") String minutes,
      @RequestParam(name = "attendees", required = false) List<String> attendees,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    SessionId sid = sessionId(id);
    List<String> who = attendees == null ? List.of() : attendees;
    try {
      observatory.updateSession(site, sid, revision, new SessionInput(heldOn, minutes, who));
    } catch (BadRequest | Conflict e) {
      model.addAttribute(
          "form",
          Map.of(
              "heldOn",
              heldOn,
              "minutes",
              minutes,
              "attendees",
              who,
              "revision",
              e instanceof Conflict
                  ? Integer.toString(observatory.sessionRevision(site, sid))
                  : revision));
      edit(site, id, model);
      return render(model, response, e, "observatory/session-form");
    }
    redirect.addFlashAttribute("notice", "observatory.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/sessions/" + id;
  }

  @GetMapping("/{id}/commitments/{commitment}/edit")
  String editCommitment(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @PathVariable String commitment,
      Model model) {
    MesaSession session = session(site, id);
    CommitmentId cid = commitmentId(commitment);
    Commitment c =
        session.commitments().stream()
            .filter(x -> x.id().equals(cid))
            .findFirst()
            .orElseThrow(() -> new NotFound("observatory.commitment.not-found"));
    model.addAttribute("mesa", session);
    model.addAttribute("c", c);
    model.addAttribute("institutions", tracker.institutions(site));
    model.addAttribute("recommendations", tracker.recommendations(site));
    if (!model.containsAttribute("form")) {
      Map<String, Object> form = new HashMap<>();
      form.put("institution", c.institution().id().toString());
      form.put("what", c.what());
      form.put("dueOn", c.dueOn().toString());
      form.put("recommendations", c.recommendations().stream().map(Object::toString).toList());
      form.put(
          "revision", Integer.toString(observatory.commitmentRevision(site, session.id(), cid)));
      model.addAttribute("form", form);
    }
    return "observatory/commitment-form";
  }

  @PostMapping("/{id}/commitments/{commitment}")
  String updateCommitment(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @PathVariable String commitment,
      @RequestParam(defaultValue = "") String revision,
      @RequestParam(defaultValue = "") String institution,
      @RequestParam(defaultValue = "") String what,
      @RequestParam(defaultValue = "") String dueOn,
      @RequestParam(name = "recommendations", required = false) List<String> recommendations,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    SessionId sid = sessionId(id);
    CommitmentId cid = commitmentId(commitment);
    List<String> recs = recommendations == null ? List.of() : recommendations;
    try {
      observatory.updateCommitment(
          site, sid, cid, revision, new CommitmentInput(institution, what, dueOn, recs));
    } catch (BadRequest | Conflict e) {
      Map<String, Object> form = new HashMap<>();
      form.put("institution", institution);
      form.put("what", what);
      form.put("dueOn", dueOn);
      form.put("recommendations", recs);
      form.put(
          "revision",
          e instanceof Conflict
              ? Integer.toString(observatory.commitmentRevision(site, sid, cid))
              : revision);
      model.addAttribute("form", form);
      editCommitment(site, id, commitment, model);
      return render(model, response, e, "observatory/commitment-form");
    }
    redirect.addFlashAttribute("notice", "observatory.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/sessions/" + id;
  }

  @PostMapping("/{id}/commitments/{commitment}/withdrawn")
  String withdrawCommitment(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @PathVariable String commitment,
      @RequestParam(defaultValue = "") String withdrawnReason,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      observatory.withdrawCommitment(
          site, sessionId(id), commitmentId(commitment), withdrawnReason);
    } catch (BadRequest e) {
      model.addAttribute("withdrawnReason", withdrawnReason);
      editCommitment(site, id, commitment, model);
      return FormFailure.render(model, response, e, "observatory/commitment-form");
    }
    redirect.addFlashAttribute("notice", "observatory.commitment.withdrawn");
    return "redirect:/manage/sites/" + site.key() + "/observatory/sessions/" + id;
  }

  /** A form shown again: 422 for what to fix, 409 when the record changed since it was opened. */
  private static String render(
      Model model, HttpServletResponse response, TejidoException e, String view) {
    String shown = FormFailure.render(model, response, e, view);
    if (e instanceof Conflict) {
      response.setStatus(409);
    }
    return shown;
  }

  private MesaSession session(Site site, String id) {
    return tracker
        .session(site, sessionId(id))
        .orElseThrow(() -> new NotFound("observatory.session.not-found"));
  }

  private static CommitmentId commitmentId(String id) {
    return new CommitmentId(Ids.parse(id, "observatory.commitment.not-found"));
  }

  @PostMapping("/{id}/commitments")
  String addCommitment(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String institution,
      @RequestParam(defaultValue = "") String what,
      @RequestParam(defaultValue = "") String dueOn,
      @RequestParam(name = "recommendations", required = false) List<String> recommendations,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    List<String> recs = recommendations == null ? List.of() : recommendations;
    try {
      observatory.addCommitment(
          site, sessionId(id), new CommitmentInput(institution, what, dueOn, recs));
    } catch (BadRequest e) {
      model.addAttribute(
          "form",
          Map.of(
              "institution", institution, "what", what, "dueOn", dueOn, "recommendations", recs));
      show(site, id, model);
      return FormFailure.render(model, response, e, "observatory/session");
    }
    redirect.addFlashAttribute("notice", "observatory.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/sessions/" + id;
  }

  @PostMapping("/{id}/commitments/{commitment}/fulfilled")
  String fulfilled(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @PathVariable String commitment,
      RedirectAttributes redirect) {
    observatory.fulfil(site, sessionId(id), commitmentId(commitment));
    redirect.addFlashAttribute("notice", "observatory.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/sessions/" + id;
  }

  private static SessionId sessionId(String id) {
    return new SessionId(Ids.parse(id, "observatory.session.not-found"));
  }
}
