package org.tejido.analysis.internal.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.agenda.IssueEvidence;
import org.tejido.shared.BadRequest;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** "Use as evidence": a coded segment supports an issue of the site's agenda draft. */
@Controller
class EvidenceController {

  /** Where the form came from, inside the analysis pages (never an address given from outside). */
  private static final Pattern BACK = Pattern.compile("^(codes|sources)/[0-9a-f-]{36}$");

  private final Sites sites;
  private final IssueEvidence evidence;

  EvidenceController(Sites sites, IssueEvidence evidence) {
    this.sites = sites;
    this.evidence = evidence;
  }

  @PostMapping("/manage/sites/{key}/analysis/codings/{coding}/evidence")
  String use(
      @PathVariable String key,
      @PathVariable UUID coding,
      @RequestParam(required = false) UUID issue,
      @RequestParam(required = false) String back,
      RedirectAttributes redirect) {
    Site site = sites.byKey(key);
    if (issue == null) {
      throw new BadRequest("evidence.issue.required");
    }
    evidence.link(site, issue, coding);
    redirect.addFlashAttribute("notice", "evidence.added");
    String to = back != null && BACK.matcher(back).matches() ? back : "";
    return "redirect:/manage/sites/" + site.key() + "/analysis/" + to;
  }
}
