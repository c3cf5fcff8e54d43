package org.tejido.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/** A refused check-in comes back with what she typed and what to fix, and stores nothing. */
@TejidoTest
class SafetyFormsKeepWhatWasTypedTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void aCheckInWithoutAReturnTimeIsShownAgainWithWhatWasTyped() throws Exception {
    Site site = fixtures.freshSite();
    Person member = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession session = fixtures.signIn(mvc, member);

    MockHttpServletResponse refused =
        mvc.perform(
                post("/manage/sites/" + site.key() + "/safety/check-in")
                    .session(session)
                    .with(csrf())
                    .locale(Locale.forLanguageTag("es"))
                    .param("where", "Mercado de la colonia")
                    .param("withWhom", "Con Lupita")
                    .param("returnAt", "a las seis"))
            .andReturn()
            .getResponse();

    assertThat(refused.getStatus()).isEqualTo(422);
    String page = refused.getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains("Indica una hora de regreso válida y posterior.")
        .contains("value=\"Mercado de la colonia\"")
        .contains("value=\"Con Lupita\"")
        .contains("value=\"a las seis\"");
    assertThat(
            jdbc.sql("select count(*) from safety_trip where site_id = ?")
                .param(site.id().value())
                .query(Integer.class)
                .single())
        .isZero();
  }
}
