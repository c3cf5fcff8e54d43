package org.tejido.analysis.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.analysis.Codebook;
import org.tejido.analysis.Memo.MemoTarget;
import org.tejido.analysis.Memos;
import org.tejido.fieldwork.Sources;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * Memos on a code, a source or a coding: the page that lists them with their authors and a form to
 * add one; edit and delete. Reached from the coding page (the source and each coding in its
 * margin), a code's segments and the codebook.
 */
@Controller
@RequestMapping("/manage/sites/{key}/analysis/memos/{kind}/{target}")
class MemoController {

  private final Sites sites;
  private final Memos memos;
  private final Codebook codebook;
  private final Sources sources;

  MemoController(Sites sites, Memos memos, Codebook codebook, Sources sources) {
    this.sites = sites;
    this.memos = memos;
    this.codebook = codebook;
    this.sources = sources;
  }

  @ModelAttribute(name = "site")
  Site site(@PathVariable String key) {
    return sites.byKey(key);
  }

  private static MemoTarget kind(String kind) {
    try {
      return MemoTarget.fromCode(kind);
    } catch (IllegalArgumentException e) {
      throw new NotFound("analysis.memo.target");
    }
  }

  @GetMapping
  String page(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String kind,
      @PathVariable UUID target,
      Model model) {
    return list(site, kind(kind), target, new MemoForm(), model);
  }

  @PostMapping
  String add(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String kind,
      @PathVariable UUID target,
      @ModelAttribute("form") MemoForm form,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    MemoTarget t = kind(kind);
    try {
      memos.add(site, t, target, form.getText());
    } catch (BadRequest e) {
      list(site, t, target, form, model);
      return FormFailure.render(model, response, e, "analysis/memos");
    }
    redirect.addFlashAttribute("notice", "analysis.memo.added");
    return back(site, t, target);
  }

  @GetMapping("/{memo}")
  String editForm(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String kind,
      @PathVariable UUID target,
      @PathVariable UUID memo,
      Model model) {
    MemoTarget t = kind(kind);
    Memos.Shown shown = memos.toEdit(site, t, target, memo);
    return editPage(site, t, target, shown, MemoForm.of(shown.memo().text()), model);
  }

  @PostMapping("/{memo}")
  String edit(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String kind,
      @PathVariable UUID target,
      @PathVariable UUID memo,
      @ModelAttribute("form") MemoForm form,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    MemoTarget t = kind(kind);
    try {
      memos.edit(site, t, target, memo, form.getText());
    } catch (BadRequest e) {
      editPage(site, t, target, memos.toEdit(site, t, target, memo), form, model);
      return FormFailure.render(model, response, e, "analysis/memo-form");
    }
    redirect.addFlashAttribute("notice", "analysis.memo.edited");
    return back(site, t, target);
  }

  @PostMapping("/{memo}/delete")
  String delete(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable String kind,
      @PathVariable UUID target,
      @PathVariable UUID memo,
      RedirectAttributes redirect) {
    MemoTarget t = kind(kind);
    memos.delete(site, t, target, memo);
    redirect.addFlashAttribute("notice", "analysis.memo.deleted");
    return back(site, t, target);
  }

  /** Memos are dated as the team reads its calendar: the sites are in Mexico. */
  private static final java.time.ZoneId ZONE = java.time.ZoneId.of("America/Mexico_City");

  private String list(Site site, MemoTarget t, UUID target, MemoForm form, Model model) {
    subject(site, t, target, model);
    model.addAttribute("zone", ZONE);
    model.addAttribute("memos", memos.shown(site, t, target));
    model.addAttribute("form", form);
    return "analysis/memos";
  }

  private String editPage(
      Site site, MemoTarget t, UUID target, Memos.Shown shown, MemoForm form, Model model) {
    subject(site, t, target, model);
    model.addAttribute("memo", shown);
    model.addAttribute("form", form);
    return "analysis/memo-form";
  }

  /** What the memos are about: the code's name, the source's title (its words are not shown). */
  private void subject(Site site, MemoTarget t, UUID target, Model model) {
    Memos.Subject subject = memos.subject(site, t, target);
    model.addAttribute("subject", subject);
    model.addAttribute("kind", t.code());
    model.addAttribute("code", subject.code() == null ? null : codebook.get(site, subject.code()));
    model.addAttribute(
        "sourceTitle",
        subject.source() == null ? null : sources.get(site, subject.source()).title());
  }

  private static String back(Site site, MemoTarget t, UUID target) {
    return "redirect:/manage/sites/" + site.key() + "/analysis/memos/" + t.code() + "/" + target;
  }
}
