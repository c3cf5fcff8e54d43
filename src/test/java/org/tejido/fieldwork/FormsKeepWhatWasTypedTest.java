package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * A form shown again with an error keeps everything that was typed and ticked: consent scopes,
 * identity fields, an activity's choices. Nothing is saved until the person sends it right.
 */
@TejidoTest
class FormsKeepWhatWasTypedTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Participants participants;
  @Autowired Vaults vaults;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void aParticipantFormWithAnErrorKeepsTheIdentityFieldsAndChoices() throws Exception {
    Site site = fixtures.freshSite();
    Person researcher = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession session = fixtures.signIn(mvc, researcher);

    String page =
        mvc.perform(
                post("/manage/sites/" + site.key() + "/fieldwork/participants")
                    .session(session)
                    .with(csrf())
                    .param("populationGroup", "women")
                    .param("ageBand", "45_59")
                    .param("neighbourhood", "El Ranchito")
                    .param("name", "Juana Martínez")
                    .param("alias", "La Güera")
                    .param("contact", "453 123 4567"))
            .andExpect(status().is(422))
            .andExpect(
                header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    assertThat(page)
        .contains("value=\"Juana Martínez\"", "value=\"La Güera\"", "value=\"453 123 4567\"")
        .contains("value=\"El Ranchito\"")
        .containsPattern(selected("women"))
        .containsPattern(selected("45_59"))
        .contains("id=\"gender-error\"");
    fixtures.actAs(researcher);
    assertThat(participants.list(site)).isEmpty();
  }

  @Test
  void aConsentFormWithAnErrorKeepsItsScopesTicked() throws Exception {
    Site site = siteWithVault();
    Person researcher = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(researcher);
    Participant p =
        participants.register(
            site,
            new NewParticipant(
                "women", "woman", "45_59", "mestizo", null, new Identity(null, null, null)));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, researcher);
    String url = "/manage/sites/" + site.key() + "/fieldwork/participants/" + p.id();

    // No method chosen: the form comes back with the three scopes still ticked.
    String page =
        mvc.perform(
                post(url + "/consents")
                    .session(session)
                    .with(csrf())
                    .param("givenOn", "2026-03-02")
                    .param("takePart", "on")
                    .param("beQuoted", "on")
                    .param("quotedInPublished", "on")
                    .param("formVersion", "v2"))
            .andExpect(status().is(422))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .containsPattern(checked("takePart"))
        .containsPattern(checked("beQuoted"))
        .containsPattern(checked("quotedInPublished"))
        .contains("value=\"2026-03-02\"", "value=\"v2\"", "id=\"method-error\"");

    // Sent again with the method, the consent covers what was ticked, not "take part" only.
    mvc.perform(
            post(url + "/consents")
                .session(session)
                .with(csrf())
                .param("givenOn", "2026-03-02")
                .param("method", "verbal")
                .param("takePart", "on")
                .param("beQuoted", "on")
                .param("quotedInPublished", "on")
                .param("formVersion", "v2"))
        .andExpect(redirectedUrl(url));
    fixtures.actAs(researcher);
    assertThat(participants.consents(site, p.id()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.takePart()).isTrue();
              assertThat(c.beQuoted()).isTrue();
              assertThat(c.quotedInPublished()).isTrue();
            });
  }

  @Test
  void aFreshConsentFormTicksTakingPartOnly() throws Exception {
    Site site = siteWithVault();
    Person researcher = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(researcher);
    Participant p =
        participants.register(
            site,
            new NewParticipant(
                "women", "woman", "45_59", "mestizo", null, new Identity(null, null, null)));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, researcher);
    String page =
        page(session, "/manage/sites/" + site.key() + "/fieldwork/participants/" + p.id());
    assertThat(page)
        .containsPattern(checked("takePart"))
        .doesNotContainPattern(checked("beQuoted"))
        .doesNotContainPattern(checked("quotedInPublished"));
  }

  @Test
  void anActivityFormWithAnErrorKeepsItsTitleGroupsAndPeoplePresent() throws Exception {
    Site site = siteWithVault();
    Person researcher = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(researcher);
    Participant p =
        participants.register(
            site,
            new NewParticipant(
                "women", "woman", "45_59", "mestizo", null, new Identity(null, null, null)));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, researcher);

    String page =
        mvc.perform(
                post("/manage/sites/" + site.key() + "/fieldwork/activities")
                    .session(session)
                    .with(csrf())
                    .param("heldOn", "2026-03-01")
                    .param("title", "Taller de mujeres")
                    .param("populationGroups", "women", "youth")
                    .param("participantIds", p.id().toString()))
            .andExpect(status().is(422))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains("value=\"Taller de mujeres\"", "value=\"2026-03-01\"", "id=\"kind-error\"")
        .containsPattern(checkedValue("populationGroups", "women"))
        .containsPattern(checkedValue("participantIds", p.id().toString()))
        .doesNotContainPattern(checkedValue("populationGroups", "elderly"));
  }

  @Test
  void teamPagesCarryTheSiteMenuForWhatTheRoleOpens() throws Exception {
    Site site = fixtures.freshSite();
    Person community = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    fixtures.actAsNobody();
    String base = "/manage/sites/" + site.key();

    String page = page(fixtures.signIn(mvc, community), base + "/fieldwork");
    assertThat(page)
        .contains("class=\"site-menu\"", "Colonia de prueba, " + site.municipality())
        .contains("href=\"" + base + "/agenda\"", "href=\"" + base + "/vault\"")
        .containsPattern("href=\"" + base + "/fieldwork\" aria-current=\"page\"")
        // A role that never reads the vault sees neither the names to hide, nor the log, nor
        // any talk of opening the vault.
        .doesNotContain(base + "/fieldwork/gazetteer", base + "/audit", "/vault/unlock");

    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    mvc.perform(
            post(base + "/vault/unlock")
                .session(session)
                .with(csrf())
                .param("passphrase", PASSPHRASE))
        .andExpect(status().is3xxRedirection());
    String agenda = page(session, base + "/agenda");
    assertThat(agenda)
        .containsPattern("href=\"" + base + "/agenda\" aria-current=\"page\"")
        .contains(base + "/fieldwork/gazetteer", "href=\"" + base + "/audit\"");
    assertThat(page(session, base + "/fieldwork/gazetteer").replace("\n", ""))
        .containsPattern("href=\"" + base + "/fieldwork/gazetteer\" aria-current=\"page\"");
  }

  @Test
  void theInlineUnlockReturnsTheCoordinatorToTheSamePage() throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.lock(site);
    Participant p =
        participants.register(
            site,
            new NewParticipant(
                "women",
                "woman",
                "45_59",
                "mestizo",
                null,
                new Identity("Estela Ruvalcaba", null, null)));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String url = "/manage/sites/" + site.key() + "/fieldwork/participants/" + p.id();

    assertThat(page(session, url))
        .contains("/vault/unlock\"", "name=\"then\" value=\"" + url + "\"")
        .doesNotContain("Estela Ruvalcaba");
    mvc.perform(
            post("/manage/sites/" + site.key() + "/vault/unlock")
                .session(session)
                .with(csrf())
                .param("passphrase", PASSPHRASE)
                .param("then", url))
        .andExpect(redirectedUrl(url));
    assertThat(page(session, url))
        .contains("Estela Ruvalcaba")
        .doesNotContain("/vault/unlock\"")
        // A page inside the section is marked as being in it, not as the section's own page.
        .contains("href=\"/manage/sites/" + site.key() + "/fieldwork\" aria-current=\"true\"");
  }

  @Test
  void theUnlockNeverReturnsOutsideTheSitesTeamArea() throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.lock(site);
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String base = "/manage/sites/" + site.key();
    Site other = fixtures.freshSite();
    for (String then : doubtfulReturns(base, other)) {
      mvc.perform(
              post(base + "/vault/unlock")
                  .session(session)
                  .with(csrf())
                  .param("passphrase", PASSPHRASE)
                  .param("then", then))
          .andExpect(redirectedUrl(base + "/vault"));
      fixtures.actAs(coordinator);
      vaults.lock(site);
      fixtures.actAsNobody();
    }
  }

  /** Return addresses that leave the site's team area, or might, read one way or another. */
  private static String[] doubtfulReturns(String base, Site other) {
    return new String[] {
      base + "/../../../admin/users",
      base + "/%2e%2e/%2E%2E/admin/users",
      "/manage/sites/" + other.key() + "/fieldwork",
      base,
      "https://example.org" + base + "/fieldwork",
      "//example.org" + base + "/fieldwork",
      base + "//example.org",
      base + "/\\example.org",
      base + "/%2F%2Fexample.org",
      base + "/%5Cexample.org",
      base + "/fieldwork\r\nSet-Cookie: x=y",
      base + "/fieldwork#x",
      base + "/field work"
    };
  }

  @Test
  void aWrongPassphraseInAnInlineUnlockComesBackToThatPageWithTheError() throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.lock(site);
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String base = "/manage/sites/" + site.key();
    String fieldwork = base + "/fieldwork";
    mvc.perform(
            post(base + "/vault/unlock")
                .session(session)
                .with(csrf())
                .param("passphrase", "no es la frase")
                .param("then", fieldwork))
        .andExpect(redirectedUrl(fieldwork));
    assertThat(page(session, fieldwork))
        .contains("id=\"inline-unlock-error\"", "aria-invalid=\"true\"")
        .contains("/vault/unlock\"");
    // Said once: the next view of the page has no error.
    assertThat(page(session, fieldwork)).doesNotContain("inline-unlock-error");

    // Sent from anywhere doubtful, the error is shown on the vault's own page, as before.
    Site other = fixtures.freshSite();
    for (String then : doubtfulReturns(base, other)) {
      mvc.perform(
              post(base + "/vault/unlock")
                  .session(session)
                  .with(csrf())
                  .param("passphrase", "no es la frase")
                  .param("then", then))
          .andExpect(status().is(422))
          .andExpect(header().doesNotExist("Location"));
    }
  }

  /** A site whose vault exists (registering a participant seals a key with it), left locked. */
  private Site siteWithVault() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    vaults.create(site, PASSPHRASE);
    vaults.lock(site);
    fixtures.actAsNobody();
    return site;
  }

  private String page(MockHttpSession session, String url) throws Exception {
    return mvc.perform(get(url).session(session))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private static Pattern selected(String value) {
    return Pattern.compile("<option value=\"" + Pattern.quote(value) + "\" selected=\"selected\"");
  }

  private static Pattern checked(String name) {
    return Pattern.compile("name=\"" + name + "\" checked=\"checked\"");
  }

  private static Pattern checkedValue(String name, String value) {
    return Pattern.compile(
        "name=\"" + name + "\" value=\"" + Pattern.quote(value) + "\" checked=\"checked\"");
  }
}
