package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/** The diary's pages on the phone, as a community researcher and the people around her use them. */
@TejidoTest
class FieldDiaryPagesTest {

  private static final String PASSPHRASE = "una frase secreta bastante larga";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired FieldDiary diary;
  @Autowired UserAccounts accounts;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private Site site;
  private Person coordinator;
  private Person community;
  private MockHttpSession her;

  private void siteWithVault() throws Exception {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    community = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    fixtures.actAsNobody();
    her = fixtures.signIn(mvc, community);
  }

  private String base() {
    return "/manage/sites/" + site.key() + "/fieldwork";
  }

  private MockHttpServletResponse call(MockHttpServletRequestBuilder request, MockHttpSession as)
      throws Exception {
    return mvc.perform(request.session(as).with(csrf()).header("Accept-Language", "es"))
        .andReturn()
        .getResponse();
  }

  private static String body(MockHttpServletResponse r) throws Exception {
    return r.getContentAsString(StandardCharsets.UTF_8);
  }

  private UUID saveEntry(String text) throws Exception {
    MockHttpServletResponse r =
        call(
            post(base() + "/sources")
                .param("kind", "field_diary")
                .param("title", "Recorrido")
                .param("day", diary.today().toString())
                .param("text", text),
            her);
    assertThat(r.getStatus()).isEqualTo(302);
    return UUID.fromString(
        r.getRedirectedUrl().substring(r.getRedirectedUrl().lastIndexOf('/') + 1));
  }

  @Test
  void theDiaryFormHasTheDayAndSavesADraftThatComesBackWhenReopened() throws Exception {
    siteWithVault();
    String form = body(call(get(base() + "/sources/new").param("kind", "field_diary"), her));
    assertThat(form)
        .contains("type=\"date\"", "value=\"" + diary.today() + "\"")
        .contains("hx-post=\"" + base() + "/diary/draft\"")
        .doesNotContain("localStorage", "sessionStorage");

    MockHttpServletResponse saved =
        call(
            post(base() + "/diary/draft")
                .param("title", "Recorrido")
                .param("day", diary.today().toString())
                .param("text", "Primera línea\nsegunda línea"),
            her);
    assertThat(saved.getStatus()).isEqualTo(200);
    assertThat(body(saved)).contains("Borrador guardado en el servidor");

    String reopened = body(call(get(base() + "/sources/new").param("kind", "field_diary"), her));
    assertThat(reopened)
        .contains("Recuperamos el borrador")
        .contains("Primera línea\nsegunda línea")
        .contains("Descartar el borrador");

    // Her coordinator opens the same form and finds nothing of hers.
    MockHttpSession coordinatorSession = fixtures.signIn(mvc, coordinator);
    assertThat(
            body(
                call(
                    get(base() + "/sources/new").param("kind", "field_diary"), coordinatorSession)))
        .doesNotContain("Primera línea");

    assertThat(call(post(base() + "/diary/draft/discard"), her).getStatus()).isEqualTo(302);
    assertThat(body(call(get(base() + "/sources/new").param("kind", "field_diary"), her)))
        .doesNotContain("Primera línea");
  }

  @Test
  void aDayInTheFutureIsRefusedInSpanishAndTheTextIsKept() throws Exception {
    siteWithVault();
    MockHttpServletResponse r =
        call(
            post(base() + "/sources")
                .param("kind", "field_diary")
                .param("title", "Recorrido")
                .param("day", diary.today().plusDays(2).toString())
                .param("text", "Lo que vimos\nen la tarde."),
            her);
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(body(r))
        .contains("El día no puede ser después de hoy.")
        .contains("id=\"day-error\"")
        .contains("Lo que vimos\nen la tarde.")
        .contains("value=\"Recorrido\"");
  }

  @Test
  void sheSeesHerEntriesAndCorrectsOneWhileItsWindowIsOpen() throws Exception {
    siteWithVault();
    UUID id = saveEntry("Hoy fuimos al mercado.");

    String home = body(call(get(base()), her));
    assertThat(home)
        .contains("Mis entradas del diario")
        .contains(base() + "/sources/" + id + "/correct");

    assertThat(body(call(get(base() + "/sources/" + id + "/correct"), her)))
        .contains("Hoy fuimos al mercado.");
    MockHttpServletResponse corrected =
        call(
            post(base() + "/sources/" + id + "/correct")
                .param("title", "Recorrido")
                .param("day", diary.today().toString())
                .param("text", "Hoy fuimos al tianguis.\nY a la plaza."),
            her);
    assertThat(corrected.getStatus()).isEqualTo(302);
    assertThat(body(call(get(base() + "/sources/" + id + "/correct"), her)))
        .contains("Hoy fuimos al tianguis.\nY a la plaza.");
  }

  @Test
  void noCorrectionRouteWorksForAnotherAuthorAnotherSiteOrAfter24Hours() throws Exception {
    siteWithVault();
    UUID id = saveEntry("Hoy fuimos al mercado.");
    String correct = base() + "/sources/" + id + "/correct";

    MockHttpSession coordinatorSession = fixtures.signIn(mvc, coordinator);
    assertThat(call(get(correct), coordinatorSession).getStatus()).isEqualTo(404);
    assertThat(
            call(
                    post(correct)
                        .param("title", "X")
                        .param("day", diary.today().toString())
                        .param("text", "Otra cosa."),
                    coordinatorSession)
                .getStatus())
        .isEqualTo(404);

    // Her id under another site: refused where she has no role, not found where she has one.
    Site other = fixtures.freshSite();
    String elsewhere = "/manage/sites/" + other.key() + "/fieldwork/sources/" + id + "/correct";
    assertThat(call(get(elsewhere), her).getStatus()).isEqualTo(403);
    accounts.assign(community.id(), other.id(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession again = fixtures.signIn(mvc, community);
    assertThat(call(get(elsewhere), again).getStatus()).isEqualTo(404);
    assertThat(
            call(
                    post(elsewhere)
                        .param("title", "X")
                        .param("day", diary.today().toString())
                        .param("text", "Otra cosa."),
                    again)
                .getStatus())
        .isEqualTo(404);

    jdbc.sql(
            "update source_author_copy set open_until = now() - interval '1 second'"
                + " where source_id = ?")
        .param(id)
        .update();
    assertThat(call(get(correct), again).getStatus()).isEqualTo(404);
    MockHttpServletResponse late =
        call(
            post(correct)
                .param("title", "X")
                .param("day", diary.today().toString())
                .param("text", "Otra cosa."),
            again);
    assertThat(late.getStatus()).isEqualTo(404);
    assertThat(body(call(get(base()), again))).doesNotContain(correct);

    fixtures.actAs(coordinator);
    vaults.unlock(site, PASSPHRASE);
    fixtures.actAsNobody();
    String page = body(call(get(base() + "/sources/" + id), coordinatorSession));
    assertThat(page).contains("Hoy fuimos al mercado.").doesNotContain("Otra cosa.");
  }

  @Test
  void theSourcePageKeepsTheDiarysLineBreaks() throws Exception {
    siteWithVault();
    UUID id = saveEntry("Primera línea.\n\nSegunda línea.");
    fixtures.actAs(coordinator);
    vaults.unlock(site, PASSPHRASE);
    fixtures.actAsNobody();
    String page = body(call(get(base() + "/sources/" + id), fixtures.signIn(mvc, coordinator)));
    assertThat(page).contains("<span>Primera línea.\n\nSegunda línea.</span>");
    String css = mvc.perform(get("/css/tejido.css")).andReturn().getResponse().getContentAsString();
    assertThat(css).contains(".turn { white-space: pre-line;");
  }
}
