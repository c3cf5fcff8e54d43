package org.tejido.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

@TejidoTest
class PublicPageCacheTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;

  private String anonymous(String url, String lang) throws Exception {
    return mvc.perform(get(url).header("Accept-Language", lang))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void publishingShowsAtOnceOnPagesServedFromMemory() throws Exception {
    Site site = fixtures.freshSite();
    String url = "/sites/" + site.key() + "/agenda/versions";
    assertThat(anonymous(url, "es")).contains("Todavía no hay una agenda publicada.");
    assertThat(anonymous(url, "es")).contains("Todavía no hay una agenda publicada.");

    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    editing.startDraft(site);
    editing.addIssue(site, new IssueInput("Nueva", "New", null, null, List.of("health"), false));
    editing.publish(site);
    fixtures.actAsNobody();

    assertThat(anonymous(url, "es")).contains("Abrir (la más reciente)");
  }

  @Test
  void eachLanguageHasItsOwnCopy() throws Exception {
    assertThat(anonymous("/principles", "es")).contains("Principios de la Agenda Nacional");
    assertThat(anonymous("/principles", "en")).contains("Principles of the National Agenda");
    assertThat(anonymous("/principles", "es")).contains("Principios de la Agenda Nacional");
  }

  @Test
  void signedInStaffAlwaysGetAFreshPage() throws Exception {
    anonymous("/", "es");
    var person = fixtures.person("fresh-page");
    var session = fixtures.signIn(mvc, person);
    String page =
        mvc.perform(get("/").session(session).header("Accept-Language", "es"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("Cerrar sesión (Test fresh-page)");
    assertThat(anonymous("/", "es")).doesNotContain("Cerrar sesión");
  }
}
