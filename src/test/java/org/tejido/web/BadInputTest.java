package org.tejido.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.agenda.Agendas;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

@TejidoTest
class BadInputTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Agendas agendas;
  @LocalServerPort int port;

  @Test
  void anUnknownSiteIsA404PageInTheVisitorsLanguage() throws Exception {
    mvc.perform(get("/sites/atlantis").header("Accept-Language", "es").accept("text/html"))
        .andExpect(status().isNotFound())
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.containsString(
                        "No existe un sitio con la clave «atlantis».")));
    mvc.perform(get("/sites/atlantis/agenda").header("Accept-Language", "en").accept("text/html"))
        .andExpect(status().isNotFound())
        .andExpect(
            content()
                .string(org.hamcrest.Matchers.containsString("There is no site with the key")));
  }

  @Test
  void anUnknownSiteInTheApiIsProblemJsonWithAStableCode() throws Exception {
    mvc.perform(get("/api/v1/sites/atlantis/agenda"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType("application/problem+json"))
        .andExpect(jsonPath("$.code").value("site.not-found"))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.detail").isNotEmpty());
  }

  @Test
  void anUnknownVersionIsNotFoundAndAMalformedOneIsABadRequest() throws Exception {
    mvc.perform(get("/api/v1/sites/tijuana/agenda?version=42"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("agenda.version.not-found"));
    mvc.perform(get("/api/v1/sites/tijuana/agenda?version=abc"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("request.invalid"));
    mvc.perform(get("/sites/tijuana/agenda?version=abc").accept("text/html"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void aSuspendedSiteHasNoAgendaToShow() throws Exception {
    mvc.perform(get("/api/v1/sites/acapulco/agenda"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("site.suspended"));
  }

  @Test
  void anUnsupportedLanguageIsRefusedClearly() throws Exception {
    mvc.perform(get("/api/v1/sites/tijuana/agenda?lang=fr"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("lang.invalid"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("lang=es")));
    mvc.perform(
            get("/sites/tijuana/agenda?lang=fr")
                .header("Accept-Language", "es")
                .accept("text/html"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("no está disponible")));
  }

  @Test
  void aPostWithoutCsrfTokenIsRefusedWithAnExplanation() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var response =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", "es")
                .header("Accept", "text/html")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=a&password=b"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("Vuelve a cargar la página").contains("csrf.invalid");

    Site site = fixtures.freshSite();
    MockHttpSession session =
        fixtures.signIn(mvc, fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    mvc.perform(
            post("/manage/sites/" + site.key() + "/agenda/draft")
                .session(session)
                .accept("text/html"))
        .andExpect(status().isForbidden())
        .andExpect(
            result ->
                assertThat(result.getRequest().getAttribute("tejido.error.code"))
                    .isEqualTo("csrf.invalid"));
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    assertThat(agendas.draftForTeam(site)).isEmpty();
    fixtures.actAsNobody();
  }

  @Test
  void anInvalidIssueFormComesBackWithEveryErrorAndNothingSaved() throws Exception {
    Site site = fixtures.freshSite();
    var coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    mvc.perform(post("/manage/sites/" + site.key() + "/agenda/draft").session(session).with(csrf()))
        .andExpect(status().is3xxRedirection());
    String body =
        mvc.perform(
                post("/manage/sites/" + site.key() + "/agenda/issues")
                    .session(session)
                    .with(csrf())
                    .header("Accept-Language", "en")
                    .param("titleEs", "Titulo que se conserva")
                    .param("titleEn", "")
                    .param("domains", "no-such-domain"))
            .andExpect(status().isUnprocessableContent())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(body)
        .contains("This field is required.")
        .contains("One of the domains does not exist.")
        .contains("value=\"Titulo que se conserva\"")
        .contains("aria-invalid=\"true\"");
    fixtures.actAs(coordinator);
    assertThat(agendas.draftForTeam(site).orElseThrow().issues()).isEmpty();
    fixtures.actAsNobody();
  }

  @Test
  void aMalformedParticipantCountIsABadRequestInTheUsersLanguage() throws Exception {
    Site site = fixtures.freshSite();
    MockHttpSession session =
        fixtures.signIn(mvc, fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    mvc.perform(
        post("/manage/sites/" + site.key() + "/agenda/draft").session(session).with(csrf()));
    mvc.perform(
            post("/manage/sites/" + site.key() + "/agenda/draft/participants")
                .session(session)
                .with(csrf())
                .header("Accept-Language", "es")
                .accept("text/html")
                .param("participants", "muchos"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("número entero")));
    mvc.perform(
            post("/manage/sites/" + site.key() + "/agenda/issues/not-a-uuid/delete")
                .session(session)
                .with(csrf())
                .accept("text/html"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void anOversizePayloadIsRefusedBeforeItIsRead() throws Exception {
    // Through the real server: the limit is enforced on the wire, not in a mock.
    var client = java.net.http.HttpClient.newHttpClient();
    byte[] body = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) 'a');
    var response =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("payload.too-large");
  }

  @Test
  void aWrongMethodIsA405() throws Exception {
    mvc.perform(post("/api/v1/sites").with(csrf()))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.code").value("method.not-allowed"));
  }

  @Test
  void anUnknownAddressIsA404NotA500() throws Exception {
    mvc.perform(get("/no/such/page").accept("text/html")).andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/nothing"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("page.not-found"));
  }
}
