package org.tejido.observatory.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
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
import org.tejido.agenda.ReferenceData;
import org.tejido.identity.StaffMember;
import org.tejido.observatory.ObservatoryTracker;
import org.tejido.observatory.internal.Observatory;
import org.tejido.shared.BadRequest;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** The observatory's home at a site: recommendations at a glance, and one's own digest address. */
@Controller
@RequestMapping("/manage/sites/{key}/observatory")
class ObservatoryController {

  private final Sites sites;
  private final Observatory observatory;
  private final ObservatoryTracker tracker;
  private final ReferenceData reference;

  ObservatoryController(
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
  }

  @GetMapping
  String overview(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    StaffMember me = observatory.requireStaff(site);
    model.addAttribute("recommendations", tracker.recommendations(site));
    model.addAttribute("addressees", reference.addressees());
    model.addAttribute("today", observatory.today());
    model.addAttribute(
        "overdue",
        tracker.commitments(site).stream().filter(c -> c.overdueOn(observatory.today())).count());
    if (!model.containsAttribute("digest")) {
      Map<String, String> digest = new HashMap<>();
      observatory
          .digestAddress(site, me)
          .ifPresentOrElse(
              s -> {
                digest.put("email", s.email());
                digest.put("language", s.language());
              },
              () -> digest.put("language", "es"));
      model.addAttribute("digest", digest);
    }
    return "observatory/overview";
  }

  @PostMapping("/digest")
  String digest(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "es") String language,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      observatory.saveDigestAddress(site, email, language);
    } catch (BadRequest e) {
      model.addAttribute("digest", Map.of("email", email, "language", language));
      overview(site, model);
      return FormFailure.render(model, response, e, "observatory/overview");
    }
    redirect.addFlashAttribute("notice", "observatory.digest.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory";
  }
}
