package org.tejido.audit.internal.web;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.Forbidden;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * A site's audit log for its coordinators, and the entries about no site for the administrator:
 * newest first, a page at a time, under the result of checking the whole chain.
 */
@Controller
class AuditLogController {

  static final int PAGE = 50;

  private final Sites sites;
  private final Team team;
  private final AuditLog audit;
  private final AuditLines shown;

  AuditLogController(Sites sites, Team team, AuditLog audit, AuditLines shown) {
    this.sites = sites;
    this.team = team;
    this.audit = audit;
    this.shown = shown;
  }

  @GetMapping("/manage/sites/{key}/audit")
  String log(
      @PathVariable String key,
      @RequestParam(required = false) Long before,
      Model model,
      Locale locale) {
    Site site = sites.byKey(key);
    team.require(site.id(), SiteRole.COORDINATOR);
    long from = before == null ? Long.MAX_VALUE : before;
    List<AuditEntry> found = audit.forSite(site.id().value(), PAGE + 1, from);
    boolean more = found.size() > PAGE;
    List<AuditLines.Line> lines =
        shown.lines(site.id().value(), found.stream().limit(PAGE).toList(), locale);
    model.addAttribute("site", site);
    model.addAttribute("lines", lines);
    model.addAttribute("older", more ? lines.get(lines.size() - 1).entry().sequence() : null);
    model.addAttribute("paged", before != null);
    model.addAttribute("verification", audit.verify());
    return "audit/log";
  }

  /**
   * The entries about no site, for the platform administrator: staff accounts, second factors,
   * sign-ins and refused attempts, backups and restores. Nobody else could see them.
   */
  @GetMapping("/admin/audit")
  String accounts(@RequestParam(required = false) Long before, Model model, Locale locale) {
    team.current()
        .filter(StaffMember::administrator)
        .orElseThrow(() -> new Forbidden("access.denied"));
    long from = before == null ? Long.MAX_VALUE : before;
    List<AuditEntry> found = audit.withoutSite(PAGE + 1, from);
    boolean more = found.size() > PAGE;
    List<AuditLines.Line> lines = shown.lines(null, found.stream().limit(PAGE).toList(), locale);
    model.addAttribute("lines", lines);
    model.addAttribute("older", more ? lines.get(lines.size() - 1).entry().sequence() : null);
    model.addAttribute("paged", before != null);
    model.addAttribute("verification", audit.verify());
    return "audit/accounts";
  }
}
