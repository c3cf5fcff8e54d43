package org.tejido.analysis.internal.web;

import java.util.List;
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
import org.tejido.agenda.IssueEvidence;
import org.tejido.analysis.Codebook;
import org.tejido.analysis.CoderAgreement;
import org.tejido.analysis.Codings;
import org.tejido.analysis.Memo.MemoTarget;
import org.tejido.analysis.Memos;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The analysis overview (sources ready for coding), coding a source in the browser, and the
 * segments of a code. A coder sees her own codings unless she asks for everyone's ({@code
 * ?all=true}).
 */
@Controller
@RequestMapping("/manage/sites/{key}/analysis")
class CodingController {

  private final Sites sites;
  private final Codebook codebook;
  private final Codings codings;
  private final IssueEvidence evidence;
  private final Team team;
  private final Memos memos;

  CodingController(
      Sites sites,
      Codebook codebook,
      Codings codings,
      IssueEvidence evidence,
      Team team,
      Memos memos) {
    this.sites = sites;
    this.codebook = codebook;
    this.codings = codings;
    this.evidence = evidence;
    this.team = team;
    this.memos = memos;
  }

  /** The draft's issues a segment can support, for those who link evidence; none for others. */
  private void draftIssues(Site site, Model model) {
    boolean links =
        team.currentRoleAt(site.id())
            .map(r -> java.util.Arrays.asList(IssueEvidence.LINKERS).contains(r))
            .orElse(false);
    model.addAttribute("draftIssues", links ? evidence.draftIssues(site) : List.of());
  }

  @ModelAttribute(name = "site")
  Site site(@PathVariable String key) {
    return sites.byKey(key);
  }

  @GetMapping
  String overview(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("sources", codings.readySources(site));
    model.addAttribute(
        "canCompare",
        team.currentRoleAt(site.id())
            .map(r -> java.util.Arrays.asList(CoderAgreement.READERS).contains(r))
            .orElse(false));
    team.currentRoleAt(site.id())
        .ifPresent(
            role -> {
              model.addAttribute("canImport", role == org.tejido.identity.SiteRole.COORDINATOR);
              model.addAttribute(
                  "canExport",
                  role == org.tejido.identity.SiteRole.COORDINATOR
                      || role == org.tejido.identity.SiteRole.RESEARCHER);
            });
    return "analysis/overview";
  }

  @GetMapping("/sources/{id}")
  String source(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(defaultValue = "false") boolean all,
      Model model) {
    model.addAttribute("doc", codings.document(site, id, all));
    model.addAttribute("codes", codebook.tree(site));
    model.addAttribute("all", all);
    model.addAttribute("sourceMemos", memos.counts(site, MemoTarget.SOURCE).getOrDefault(id, 0));
    model.addAttribute("codingMemos", memos.counts(site, MemoTarget.CODING));
    draftIssues(site, model);
    return "analysis/source";
  }

  @PostMapping("/sources/{id}/codings")
  String code(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String turn,
      @RequestParam(required = false) String start,
      @RequestParam(required = false) String end,
      @RequestParam(name = "codes", required = false) List<UUID> codes,
      @RequestParam(defaultValue = "false") boolean all,
      RedirectAttributes redirect) {
    Integer t = turn == null || turn.isBlank() ? null : number(turn);
    List<UUID> added =
        codings.apply(site, id, t, number(start), number(end), codes == null ? List.of() : codes);
    redirect.addFlashAttribute("notice", "analysis.coded");
    redirect.addFlashAttribute("noticeArg", added.size());
    return back(site, id, all, t);
  }

  @PostMapping("/sources/{id}/codings/{coding}/delete")
  String uncode(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @PathVariable UUID coding,
      @RequestParam(defaultValue = "false") boolean all,
      RedirectAttributes redirect) {
    codings.remove(site, id, coding);
    redirect.addFlashAttribute("notice", "analysis.uncoded");
    return back(site, id, all, null);
  }

  @GetMapping("/codes/{id}")
  String segments(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(defaultValue = "false") boolean all,
      Model model) {
    model.addAttribute("segments", codings.segments(site, id, all));
    model.addAttribute("code", codebook.get(site, id));
    model.addAttribute("all", all);
    model.addAttribute("codeMemos", memos.counts(site, MemoTarget.CODE).getOrDefault(id, 0));
    model.addAttribute("codingMemos", memos.counts(site, MemoTarget.CODING));
    draftIssues(site, model);
    return "analysis/code";
  }

  private static int number(String value) {
    try {
      return Integer.parseInt(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw new BadRequest("analysis.coding.span");
    }
  }

  private static String back(Site site, UUID source, boolean all, Integer turn) {
    return "redirect:/manage/sites/"
        + site.key()
        + "/analysis/sources/"
        + source
        + (all ? "?all=true" : "")
        + (turn == null ? "" : "#turn-" + turn);
  }
}
