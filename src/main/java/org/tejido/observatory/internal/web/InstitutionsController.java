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
import org.tejido.observatory.InstitutionId;
import org.tejido.observatory.InstitutionLevel;
import org.tejido.observatory.InstitutionType;
import org.tejido.observatory.ObservatoryTracker;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.InstitutionInput;
import org.tejido.observatory.internal.ObservatoryStore.InstitutionRecord;
import org.tejido.shared.BadRequest;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** The directory of institutions and actors: the list (no contacts), adding, editing. */
@Controller
@RequestMapping("/manage/sites/{key}/observatory/institutions")
class InstitutionsController {

  private final Sites sites;
  private final Observatory observatory;
  private final ObservatoryTracker tracker;

  InstitutionsController(Sites sites, Observatory observatory, ObservatoryTracker tracker) {
    this.sites = sites;
    this.observatory = observatory;
    this.tracker = tracker;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    observatory.requireStaff(site);
    model.addAttribute("site", site);
    model.addAttribute("levels", InstitutionLevel.values());
    model.addAttribute("types", InstitutionType.values());
  }

  @GetMapping
  String list(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("institutions", tracker.institutions(site));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new HashMap<>(Map.of("level", "", "type", "")));
    }
    return "observatory/institutions";
  }

  @PostMapping
  String add(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam Map<String, String> params,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      observatory.addInstitution(site, input(params));
    } catch (BadRequest e) {
      model.addAttribute("form", params);
      list(site, model);
      return FormFailure.render(model, response, e, "observatory/institutions");
    }
    redirect.addFlashAttribute("notice", "observatory.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/institutions";
  }

  @GetMapping("/{id}")
  String edit(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      Model model) {
    InstitutionId institution =
        new InstitutionId(Ids.parse(id, "observatory.institution.not-found"));
    InstitutionRecord found = observatory.institutionForEditing(site, institution);
    Map<String, String> form = new HashMap<>();
    form.put("name", found.institution().name());
    form.put("level", found.institution().level().code());
    form.put("type", found.institution().type().code());
    form.put("contacts", found.contacts());
    model.addAttribute("institutionId", institution);
    model.addAttribute("form", form);
    return "observatory/institution";
  }

  @PostMapping("/{id}")
  String update(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String id,
      @RequestParam Map<String, String> params,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    InstitutionId institution =
        new InstitutionId(Ids.parse(id, "observatory.institution.not-found"));
    try {
      observatory.updateInstitution(site, institution, input(params));
    } catch (BadRequest e) {
      model.addAttribute("institutionId", institution);
      model.addAttribute("form", params);
      return FormFailure.render(model, response, e, "observatory/institution");
    }
    redirect.addFlashAttribute("notice", "observatory.saved");
    return "redirect:/manage/sites/" + site.key() + "/observatory/institutions";
  }

  private static InstitutionInput input(Map<String, String> p) {
    return new InstitutionInput(p.get("name"), p.get("level"), p.get("type"), p.get("contacts"));
  }
}
