package org.tejido.fieldwork.internal.web;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.tejido.fieldwork.Vocabulary;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.vault.Vaults;

/**
 * What every fieldwork page needs, whichever controller shows it: the site (for a member of its
 * team doing fieldwork), the person's role there, the vault's state and the closed lists.
 */
@Component
class FieldworkPages {

  /** The closed lists, for the forms: {@code ${vocabulary.genders}} and so on. */
  static final Map<String, List<String>> VOCABULARY =
      Map.of(
          "populationGroups", Vocabulary.POPULATION_GROUPS,
          "genders", Vocabulary.GENDERS,
          "ageBands", Vocabulary.AGE_BANDS,
          "ethnicities", Vocabulary.ETHNICITIES,
          "activityKinds", Vocabulary.ACTIVITY_KINDS,
          "consentMethods", Vocabulary.CONSENT_METHODS,
          "sourceKinds", Vocabulary.SOURCE_KINDS,
          "mediaKinds", Vocabulary.MEDIA_KINDS);

  private final Sites sites;
  private final Team team;
  private final Vaults vaults;

  FieldworkPages(Sites sites, Team team, Vaults vaults) {
    this.sites = sites;
    this.team = team;
    this.vaults = vaults;
  }

  void common(String key, Model model) {
    Site site = sites.byKey(key);
    team.require(
        site.id(), SiteRole.COORDINATOR, SiteRole.RESEARCHER, SiteRole.COMMUNITY_RESEARCHER);
    SiteRole role = team.currentRoleAt(site.id()).orElseThrow();
    model.addAttribute("site", site);
    model.addAttribute("role", role);
    model.addAttribute("vault", vaults.status(site));
    model.addAttribute("vocabulary", VOCABULARY);
  }
}
