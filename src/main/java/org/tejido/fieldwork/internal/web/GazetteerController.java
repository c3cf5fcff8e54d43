package org.tejido.fieldwork.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.Sources;
import org.tejido.shared.BadRequest;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;

/**
 * The site's gazetteer, the names to hide (kept in the vault): listed, added to and removed from. A
 * term added here flags for another review the sources already ready that contain it; the page
 * lists them.
 */
@Controller
@RequestMapping("/manage/sites/{key}/fieldwork/gazetteer")
class GazetteerController {

  private final FieldworkPages pages;
  private final Sources sources;
  private final Deidentification deidentification;

  GazetteerController(FieldworkPages pages, Sources sources, Deidentification deidentification) {
    this.pages = pages;
    this.sources = sources;
    this.deidentification = deidentification;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    pages.common(key, model);
  }

  @GetMapping
  String gazetteer(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("entries", deidentification.readGazetteer(site));
    toReview(site, model);
    return "fieldwork/gazetteer";
  }

  @PostMapping
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
      // The term typed stays in the field: it is a name the reviewer is hiding, not a secret.
      model.addAttribute("term", term);
      model.addAttribute("kind", kind);
      model.addAttribute("entries", deidentification.readGazetteer(site));
      toReview(site, model);
      return FormFailure.render(model, response, e, "fieldwork/gazetteer");
    }
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/gazetteer";
  }

  @PostMapping("/delete")
  String removeEntry(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String term,
      RedirectAttributes redirect) {
    deidentification.removeFromGazetteer(site, term == null ? "" : term);
    redirect.addFlashAttribute("notice", "fieldwork.saved");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/gazetteer";
  }

  /** The sources that a term added since they were reviewed asks to review again. */
  private void toReview(Site site, Model model) {
    model.addAttribute(
        "toReview", sources.list(site).stream().filter(s -> s.needsReview()).toList());
  }
}
