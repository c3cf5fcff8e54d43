package org.tejido.analysis.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.analysis.Codebook;
import org.tejido.analysis.Memo.MemoTarget;
import org.tejido.analysis.Memos;
import org.tejido.analysis.internal.QdcCodebook;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The codebook: its tree, the code form, delete (asked first), merge, and the REFI-QDA {@code .qdc}
 * export and import.
 */
@Controller
@RequestMapping("/manage/sites/{key}/analysis")
class CodebookController {

  private final Sites sites;
  private final Codebook codebook;
  private final Team team;
  private final Memos memos;

  CodebookController(Sites sites, Codebook codebook, Team team, Memos memos) {
    this.sites = sites;
    this.codebook = codebook;
    this.team = team;
    this.memos = memos;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    model.addAttribute("site", site);
    team.currentRoleAt(site.id())
        .ifPresent(
            role ->
                model.addAttribute(
                    "canEdit", role == SiteRole.COORDINATOR || role == SiteRole.RESEARCHER));
  }

  @GetMapping("/codes")
  String tree(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("tree", codebook.tree(site));
    model.addAttribute("codeMemos", memos.counts(site, MemoTarget.CODE));
    return "analysis/codes";
  }

  @GetMapping("/codes/new")
  String newCode(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) UUID parent,
      Model model) {
    team.require(site.id(), Codebook.EDITORS);
    CodeForm form = new CodeForm();
    form.setParentId(parent == null ? "" : parent.toString());
    model.addAttribute("form", form);
    model.addAttribute("tree", codebook.tree(site));
    return "analysis/code-form";
  }

  @PostMapping("/codes")
  String create(
      @ModelAttribute(name = "site", binding = false) Site site,
      @ModelAttribute("form") CodeForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    team.require(site.id(), Codebook.EDITORS);
    try {
      codebook.add(site, form.toInput());
    } catch (BadRequest e) {
      return invalid(site, model, response, e);
    }
    redirect.addFlashAttribute("notice", "analysis.saved");
    return back(site);
  }

  @GetMapping("/codes/{id}/edit")
  String edit(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    team.require(site.id(), Codebook.EDITORS);
    model.addAttribute("form", CodeForm.of(codebook.get(site, id)));
    model.addAttribute("codeId", id);
    model.addAttribute("tree", codebook.tree(site));
    return "analysis/code-form";
  }

  @PostMapping("/codes/{id}")
  String update(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @ModelAttribute("form") CodeForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    team.require(site.id(), Codebook.EDITORS);
    codebook.get(site, id);
    try {
      codebook.update(site, id, form.toInput());
    } catch (BadRequest e) {
      model.addAttribute("codeId", id);
      return invalid(site, model, response, e);
    }
    redirect.addFlashAttribute("notice", "analysis.saved");
    return back(site);
  }

  @PostMapping("/codes/{id}/delete")
  String delete(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      RedirectAttributes redirect) {
    try {
      codebook.delete(site, id);
    } catch (Conflict e) {
      redirect.addFlashAttribute("problem", e.messageKey());
      return back(site);
    }
    redirect.addFlashAttribute("notice", "analysis.code.deleted");
    return back(site);
  }

  @PostMapping("/codes/{id}/merge")
  String merge(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String into,
      RedirectAttributes redirect) {
    UUID target;
    try {
      target = UUID.fromString(into == null ? "" : into.strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequest("analysis.code.merge-target");
    }
    int moved = codebook.merge(site, id, target);
    redirect.addFlashAttribute("notice", "analysis.code.merged");
    redirect.addFlashAttribute("noticeArg", moved);
    return back(site);
  }

  @GetMapping("/codebook.qdc")
  ResponseEntity<byte[]> export(@ModelAttribute(name = "site", binding = false) Site site) {
    byte[] body = codebook.exportQdc(site);
    return ResponseEntity.ok()
        .contentType(new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("codebook-" + site.key() + ".qdc")
                .build()
                .toString())
        .body(body);
  }

  @PostMapping("/codebook")
  String importQdc(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) MultipartFile file,
      RedirectAttributes redirect)
      throws IOException {
    team.require(site.id(), Codebook.EDITORS);
    if (file == null || file.isEmpty() || file.getSize() > QdcCodebook.MAX_BYTES) {
      throw new BadRequest("analysis.qdc.invalid");
    }
    int added = codebook.importQdc(site, file.getBytes());
    redirect.addFlashAttribute("notice", "analysis.codebook.imported");
    redirect.addFlashAttribute("noticeArg", added);
    return back(site);
  }

  private String invalid(Site site, Model model, HttpServletResponse response, BadRequest e) {
    if (e.fieldErrors().isEmpty()) {
      throw e;
    }
    model.addAttribute("tree", codebook.tree(site));
    return FormFailure.render(model, response, e, "analysis/code-form");
  }

  private static String back(Site site) {
    return "redirect:/manage/sites/" + site.key() + "/analysis/codes";
  }
}
