package org.tejido.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The site menu of every team page ({@code /manage/sites/{key}/**}), supplied once here rather than
 * by each controller: the site's name, the sections the person's role opens, the current one, and
 * the page an inline vault unlock returns to. A person with no role at the site gets no menu (the
 * page itself refuses them).
 */
@ControllerAdvice
class SiteMenuAdvice {

  private static final Pattern TEAM_PAGE =
      Pattern.compile("^/manage/sites/([a-z0-9-]+)(?:/([a-z-]+))?(?:/([a-z-]+))?");

  private final Sites sites;
  private final Team team;

  SiteMenuAdvice(Sites sites, Team team) {
    this.sites = sites;
    this.team = team;
  }

  /**
   * What the menu shows.
   *
   * @param section the current section: fieldwork, gazetteer, analysis, agenda, observatory, vault
   *     or audit
   * @param returnTo where an inline unlock comes back to: this page, or its section after a POST
   */
  record SiteMenu(
      String key,
      String municipality,
      String neighbourhood,
      String section,
      boolean fieldwork,
      boolean gazetteer,
      boolean analysis,
      boolean observatory,
      boolean audit,
      boolean readsVault,
      boolean unlocks,
      String returnTo) {}

  @ModelAttribute("siteMenu")
  SiteMenu siteMenu(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher m = TEAM_PAGE.matcher(path);
    if (!m.find()) {
      return null;
    }
    Site site;
    try {
      site = sites.byKey(m.group(1));
    } catch (NotFound e) {
      return null;
    }
    Optional<SiteRole> role = team.currentRoleAt(site.id());
    if (role.isEmpty()) {
      return null;
    }
    SiteRole r = role.get();
    String section = m.group(2) == null ? "" : m.group(2);
    if ("fieldwork".equals(section) && "gazetteer".equals(m.group(3))) {
      section = "gazetteer";
    }
    String base = "/manage/sites/" + site.key() + "/";
    String returnTo =
        "GET".equals(request.getMethod())
            ? path + (request.getQueryString() == null ? "" : "?" + request.getQueryString())
            : base + (section.isEmpty() || "gazetteer".equals(section) ? "fieldwork" : section);
    return new SiteMenu(
        site.key(),
        site.municipality(),
        site.neighbourhood(),
        section,
        r != SiteRole.OBSERVATORY,
        r.readsVault(),
        r != SiteRole.OBSERVATORY,
        r == SiteRole.OBSERVATORY || r == SiteRole.COORDINATOR,
        r == SiteRole.COORDINATOR,
        r.readsVault(),
        r == SiteRole.COORDINATOR,
        returnTo);
  }
}
