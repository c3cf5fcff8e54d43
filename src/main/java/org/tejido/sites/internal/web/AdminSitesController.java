package org.tejido.sites.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.shared.BadRequest;
import org.tejido.shared.LocalizedText;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.sites.internal.InegiCatalogue;

/**
 * The administrator's pages for sites: add one in a municipality of INEGI's catalogue, correct it,
 * suspend it for safety and reactivate it. {@code /admin/**} is the administrator's alone (security
 * configuration); every change is audited through the events {@link Sites} publishes.
 *
 * <p>Choosing the municipality works without JavaScript: the state's select and its button send the
 * form back by GET to list only that state's municipalities (useful on a phone); without a state
 * the list holds every municipality, grouped by state.
 */
@Controller
@RequestMapping("/admin/sites")
class AdminSitesController {

  private final Sites sites;
  private final InegiCatalogue catalogue;

  AdminSitesController(Sites sites, InegiCatalogue catalogue) {
    this.sites = sites;
    this.catalogue = catalogue;
  }

  @GetMapping
  String list(Model model) {
    model.addAttribute("sites", sites.all());
    return "sites/admin-sites";
  }

  @GetMapping("/new")
  String newSite(@ModelAttribute("form") SiteForm form, Model model) {
    return form(model, form, null);
  }

  @PostMapping
  String create(
      @ModelAttribute("form") SiteForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      Site site = sites.add(form.getKey(), form.toDetails());
      redirect.addFlashAttribute("notice", "admin.sites.added");
      return "redirect:/admin/sites/" + site.key();
    } catch (BadRequest e) {
      form(model, form, null);
      return FormFailure.render(model, response, e, "sites/admin-site-form");
    }
  }

  @GetMapping("/{key}")
  String show(@PathVariable String key, @ModelAttribute("form") SiteForm sent, Model model) {
    Site site = sites.byKey(key);
    // With a state, the form came back to list that state's municipalities: keep what was typed.
    SiteForm form = sent.getState() == null ? SiteForm.of(site) : sent;
    form.setKey(site.key());
    model.addAttribute("form", form);
    return form(model, form, site);
  }

  @PostMapping("/{key}")
  String update(
      @PathVariable String key,
      @ModelAttribute("form") SiteForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Site site = sites.byKey(key);
    try {
      sites.edit(site.key(), form.toDetails());
    } catch (BadRequest e) {
      form.setKey(site.key());
      form(model, form, site);
      return FormFailure.render(model, response, e, "sites/admin-site-form");
    }
    redirect.addFlashAttribute("notice", "admin.sites.saved");
    return "redirect:/admin/sites/" + site.key();
  }

  @PostMapping("/{key}/suspend")
  String suspend(
      @PathVariable String key,
      @RequestParam(required = false) String reasonEs,
      @RequestParam(required = false) String reasonEn,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Site site = sites.byKey(key);
    try {
      sites.suspend(site.key(), new LocalizedText(reasonEs, reasonEn));
    } catch (BadRequest e) {
      model.addAttribute("reasonEs", reasonEs);
      model.addAttribute("reasonEn", reasonEn);
      model.addAttribute("form", SiteForm.of(site));
      form(model, SiteForm.of(site), site);
      model.addAttribute("suspendFailed", true);
      return FormFailure.render(model, response, e, "sites/admin-site-form");
    }
    redirect.addFlashAttribute("notice", "admin.sites.suspended");
    return "redirect:/admin/sites/" + site.key();
  }

  @PostMapping("/{key}/reactivate")
  String reactivate(@PathVariable String key, RedirectAttributes redirect) {
    sites.reactivate(key);
    redirect.addFlashAttribute("notice", "admin.sites.reactivated");
    return "redirect:/admin/sites/" + key;
  }

  private String form(Model model, SiteForm form, Site site) {
    String listed = form.getListedState();
    List<InegiCatalogue.State> states = catalogue.states();
    model.addAttribute("site", site);
    model.addAttribute("states", states);
    List<InegiCatalogue.State> one = states.stream().filter(s -> s.code().equals(listed)).toList();
    model.addAttribute("listedStates", one.isEmpty() ? states : one);
    if (site != null && !model.containsAttribute("reasonEs")) {
      model.addAttribute("reasonEs", site.statusReason().es());
      model.addAttribute("reasonEn", site.statusReason().en());
    }
    return "sites/admin-site-form";
  }
}
