package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * Memos on a source, a coding and a code, written, read, edited and deleted through their pages:
 * sealed at rest, shown with their author, changed only by their author or a coordinator.
 */
@TejidoTest
class MemoPagesTest {

  private static final String WORDS = "La vecina insiste: «cobran cuota» cada viernes";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired Codebook codebook;
  @Autowired Codings codings;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private MvcResult call(MockHttpSession session, MockHttpServletRequestBuilder request)
      throws Exception {
    return mvc.perform(request.session(session).header("Accept-Language", "es")).andReturn();
  }

  private static String body(MvcResult r) throws Exception {
    return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private List<String> auditActions(AnalysisFixtures f) {
    return jdbc.sql("select action from audit_entry where site_id = ? order by sequence")
        .param(f.site().id().value())
        .query(String.class)
        .list();
  }

  @Test
  void aResearcherWritesReadsEditsAndDeletesHerMemoOnASource() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    Person ana = fixtures.withRole(f.site().key(), SiteRole.RESEARCHER);
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, ana);
    String page = "/manage/sites/" + f.site().key() + "/analysis/memos/source/" + f.source();

    assertThat(
            body(
                call(
                    session,
                    get("/manage/sites/" + f.site().key() + "/analysis/sources/" + f.source()))))
        .contains("href=\"" + page + "\"")
        .contains("Memos (0)");

    MvcResult added = call(session, post(page).with(csrf()).param("text", WORDS));
    assertThat(added.getResponse().getRedirectedUrl()).isEqualTo(page);
    String name =
        jdbc.sql("select display_name from app_user where id = ?")
            .param(ana.id().value())
            .query(String.class)
            .single();
    String shown = body(call(session, get(page)));
    assertThat(shown).contains("cobran cuota").contains(name).contains("Taller de análisis");
    assertThat(
            jdbc.sql("select count(*) from analysis_memo m where m::text ilike '%cuota%'")
                .query(Integer.class)
                .single())
        .as("sealed at rest")
        .isZero();
    UUID memo =
        jdbc.sql("select id from analysis_memo where target_id = ?")
            .param(f.source())
            .query(UUID.class)
            .single();

    assertThat(body(call(session, get(page + "/" + memo)))).contains("cobran cuota");
    call(session, post(page + "/" + memo).with(csrf()).param("text", "Cobran cuota: revisar"));
    assertThat(body(call(session, get(page)))).contains("Cobran cuota: revisar");

    call(session, post(page + "/" + memo + "/delete").with(csrf()));
    assertThat(body(call(session, get(page)))).doesNotContain("revisar");
    assertThat(auditActions(f))
        .contains(
            "analysis.memo.added",
            "analysis.memo.read",
            "analysis.memo.edited",
            "analysis.memo.deleted");
  }

  @Test
  void aRefusedMemoComesBackWithWhatWasTyped() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());
    String page = "/manage/sites/" + f.site().key() + "/analysis/memos/code/" + robo;
    String tooLong = "robos en la calle ".repeat(1200);

    MvcResult refused = call(session, post(page).with(csrf()).param("text", tooLong));

    assertThat(refused.getResponse().getStatus()).isEqualTo(422);
    assertThat(body(refused)).contains(tooLong.strip()).contains("20000");
    MvcResult blank = call(session, post(page).with(csrf()).param("text", "  "));
    assertThat(blank.getResponse().getStatus()).isEqualTo(422);
    assertThat(body(blank)).contains("Este campo es obligatorio");
    assertThat(
            jdbc.sql("select count(*) from analysis_memo where target_id = ?")
                .param(robo)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void onlyTheAuthorOrACoordinatorChangesAMemoOnACoding() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    UUID coding = codings.apply(f.site(), f.source(), 2, 0, 9, List.of(robo)).get(0);
    Person ana = fixtures.withRole(f.site().key(), SiteRole.RESEARCHER);
    Person luis = fixtures.withRole(f.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAsNobody();
    MockHttpSession asAna = fixtures.signIn(mvc, ana);
    MockHttpSession asLuis = fixtures.signIn(mvc, luis);
    MockHttpSession asCoordinator = fixtures.signIn(mvc, f.coordinator());
    String page = "/manage/sites/" + f.site().key() + "/analysis/memos/coding/" + coding;
    call(asAna, post(page).with(csrf()).param("text", WORDS));
    UUID memo =
        jdbc.sql("select id from analysis_memo where target_id = ?")
            .param(coding)
            .query(UUID.class)
            .single();

    assertThat(body(call(asLuis, get(page))))
        .contains("cobran cuota")
        .doesNotContain(page + "/" + memo);
    assertThat(
            call(asLuis, post(page + "/" + memo).with(csrf()).param("text", "mío"))
                .getResponse()
                .getStatus())
        .isEqualTo(403);
    assertThat(
            call(asLuis, post(page + "/" + memo + "/delete").with(csrf()))
                .getResponse()
                .getStatus())
        .isEqualTo(403);
    assertThat(body(call(asCoordinator, get(page)))).contains(page + "/" + memo);
    assertThat(
            call(asAna, get("/manage/sites/" + f.site().key() + "/analysis/memos/source/" + coding))
                .getResponse()
                .getStatus())
        .as("a memo's target is looked up as the kind named")
        .isEqualTo(404);
  }

  @Test
  void aMemoCannotBeAttachedToAnotherSitesCode() throws Exception {
    AnalysisFixtures mine =
        AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    AnalysisFixtures theirs =
        AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID theirCode = AnalysisFixtures.codeNamed(codebook, theirs.site(), "Robo");
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, mine.coordinator());

    MvcResult r =
        call(
            session,
            post("/manage/sites/" + mine.site().key() + "/analysis/memos/code/" + theirCode)
                .with(csrf())
                .param("text", WORDS));

    assertThat(r.getResponse().getStatus()).isEqualTo(404);
    assertThat(
            jdbc.sql("select count(*) from analysis_memo where target_id = ?")
                .param(theirCode)
                .query(Integer.class)
                .single())
        .isZero();
  }
}
