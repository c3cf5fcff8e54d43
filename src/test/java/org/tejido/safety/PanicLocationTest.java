package org.tejido.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * A panic alert with the last known location she chose to send: sealed, on the coordinators'
 * dashboard only, and never a reason to refuse the alert.
 */
@TejidoTest
@ExtendWith(OutputCaptureExtension.class)
class PanicLocationTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void theLocationSheSentIsSealedAndShownOnlyOnTheCoordinatorsDashboard(CapturedOutput output)
      throws Exception {
    Site site = fixtures.freshSite();
    Person member = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    String base = "/manage/sites/" + site.key() + "/safety";
    MockHttpSession session = fixtures.signIn(mvc, member);

    mvc.perform(
            post(base + "/panic")
                .param("lat", "19.0868123")
                .param("lon", "-102.3547891")
                .param("accuracy", "23.6")
                .session(session)
                .with(csrf()))
        .andExpect(status().is3xxRedirection());

    byte[] sealed =
        jdbc.sql("select location from safety_alert where site_id = ?")
            .param(site.id().value())
            .query(byte[].class)
            .single();
    assertThat(sealed).isNotNull();
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
        .doesNotContain("19.08")
        .doesNotContain("102.35");

    String dashboard =
        mvc.perform(get(base + "/dashboard").session(fixtures.signIn(mvc, coordinator)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(dashboard)
        .contains("19.08681, -102.35479")
        .contains("href=\"geo:19.08681,-102.35479;u=24\"")
        .contains("± 24 m");

    // Her own page, and every log line, say nothing of where she was.
    String hers =
        mvc.perform(get(base).session(session)).andReturn().getResponse().getContentAsString();
    assertThat(hers).doesNotContain("19.08").doesNotContain("102.35");
    assertThat(output.getAll()).doesNotContain("19.08").doesNotContain("102.35");
    List<String> audit =
        jdbc.sql("select coalesce(subject, '') || ' ' || coalesce(detail, '') from audit_entry")
            .query(String.class)
            .list();
    assertThat(String.join("\n", audit)).doesNotContain("19.08");
  }

  @Test
  void aMalformedLocationNeverStopsThePanicAlert() throws Exception {
    Site site = fixtures.freshSite();
    Person member = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession session = fixtures.signIn(mvc, member);
    String base = "/manage/sites/" + site.key() + "/safety";

    for (String[] bad :
        new String[][] {
          {"91", "0", "5"}, {"NaN", "1", "1"}, {"19.1", "", "1"}, {"x", "y", "z"}, {"1", "2", "Inf"}
        }) {
      mvc.perform(
              post(base + "/panic")
                  .param("lat", bad[0])
                  .param("lon", bad[1])
                  .param("accuracy", bad[2])
                  .session(session)
                  .with(csrf()))
          .andExpect(status().is3xxRedirection());
    }
    assertThat(
            jdbc.sql(
                    "select count(*) from safety_alert where site_id = ? and kind = 'panic'"
                        + " and location is null")
                .param(site.id().value())
                .query(Integer.class)
                .single())
        .isEqualTo(5);
  }

  @Test
  void onlyTheSafetyPageMayAskThePhoneWhereItIs() throws Exception {
    Site site = fixtures.freshSite();
    Person member = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession session = fixtures.signIn(mvc, member);

    mvc.perform(get("/manage/sites/" + site.key() + "/safety").session(session))
        .andExpect(status().isOk())
        .andExpect(
            header()
                .stringValues(
                    "Permissions-Policy", "geolocation=(self), camera=(), microphone=()"));
    mvc.perform(get("/manage/sites/" + site.key() + "/fieldwork").session(session))
        .andExpect(
            header()
                .stringValues("Permissions-Policy", "geolocation=(), camera=(), microphone=()"));
    mvc.perform(get("/"))
        .andExpect(
            header()
                .stringValues("Permissions-Policy", "geolocation=(), camera=(), microphone=()"));
  }
}
