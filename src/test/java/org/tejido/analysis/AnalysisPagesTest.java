package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/** The codebook and coding pages as a coder's browser gets them, without JavaScript. */
@TejidoTest
class AnalysisPagesTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired Codebook codebook;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void aCommunityResearcherCodesTypedPositionsAndSeesTheWordsInTheMargin() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID extorsion = AnalysisFixtures.codeNamed(codebook, f.site(), "Extorsión");
    fixtures.actAsNobody();
    Person coder = fixtures.withRole(f.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession session = fixtures.signIn(mvc, coder);
    String page = "/manage/sites/" + f.site().key() + "/analysis/sources/" + f.source();

    String fieldworkPage =
        html(
            mvc.perform(
                    get("/manage/sites/" + f.site().key() + "/fieldwork/sources/" + f.source())
                        .session(session))
                .andReturn()
                .getResponse());
    assertThat(fieldworkPage).contains("href=\"" + page + "\"").contains("Codificar esta fuente");
    assertThat(fieldworkPage).contains("href=\"/manage/sites/" + f.site().key() + "/analysis\"");

    String before = html(mvc.perform(get(page).session(session)).andReturn().getResponse());
    assertThat(before).contains("Hay robos en la calle").contains("Codificar la selección");

    // "extorsión" in "Hay robos en la calle 🙁 y extorsión.": code points 26 to 35.
    MockHttpServletResponse coded =
        mvc.perform(
                post(page + "/codings")
                    .with(csrf())
                    .session(session)
                    .param("turn", "2")
                    .param("start", "26")
                    .param("end", "35")
                    .param("codes", extorsion.toString()))
            .andReturn()
            .getResponse();
    assertThat(coded.getStatus()).isEqualTo(302);
    assertThat(coded.getRedirectedUrl()).endsWith("#turn-2");

    String after = html(mvc.perform(get(page).session(session)).andReturn().getResponse());
    assertThat(after).contains("<q class=\"small\" lang=\"es\">extorsión</q>");

    String segments =
        html(
            mvc.perform(
                    get("/manage/sites/" + f.site().key() + "/analysis/codes/" + extorsion)
                        .session(session))
                .andReturn()
                .getResponse());
    assertThat(segments).contains("<blockquote lang=\"es\">extorsión</blockquote>");

    MockHttpServletResponse outside =
        mvc.perform(
                post(page + "/codings")
                    .with(csrf())
                    .session(session)
                    .param("turn", "2")
                    .param("start", "30")
                    .param("end", "99")
                    .param("codes", extorsion.toString())
                    .accept("text/html"))
            .andReturn()
            .getResponse();
    assertThat(outside.getStatus()).isEqualTo(400);
    assertThat(html(outside)).contains("La selección no está dentro del texto");
  }

  @Test
  void anInvalidCodeIsShownAgainWithWhatWasTyped() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());

    MockHttpServletResponse response =
        mvc.perform(
                post("/manage/sites/" + f.site().key() + "/analysis/codes")
                    .with(csrf())
                    .session(session)
                    .param("nameEs", "Cobro de piso")
                    .param("nameEn", "")
                    .param("colour", "rojo"))
            .andReturn()
            .getResponse();

    assertThat(response.getStatus()).isEqualTo(422);
    assertThat(html(response))
        .contains("value=\"Cobro de piso\"")
        .contains("id=\"nameEn-error\"")
        .contains("Elige un color");
  }

  @Test
  void theCodebookPageShowsTheTreeAndAsksBeforeDeleting() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());

    String page =
        html(
            mvc.perform(get("/manage/sites/" + f.site().key() + "/analysis/codes").session(session))
                .andReturn()
                .getResponse());

    assertThat(page)
        .contains("Dominios de la seguridad humana")
        .contains("Desplazamiento forzado")
        .contains("<details class=\"confirm\"")
        .contains("¿Eliminar el código «Iglesias»?");
  }

  private static String html(MockHttpServletResponse response) throws Exception {
    return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
