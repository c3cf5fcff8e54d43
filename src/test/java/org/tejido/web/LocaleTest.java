package org.tejido.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.support.TejidoTest;

@TejidoTest
class LocaleTest {

  @Autowired MockMvc mvc;

  private String page(String url, String acceptLanguage, Cookie... cookies) throws Exception {
    var request = get(url).accept("text/html");
    if (acceptLanguage != null) {
      request.header("Accept-Language", acceptLanguage);
    }
    if (cookies.length > 0) {
      request.cookie(cookies);
    }
    return mvc.perform(request)
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void spanishIsTheDefaultWhenTheBrowserAsksForNothingWeSpeak() throws Exception {
    assertThat(page("/", "fr-FR,de;q=0.8"))
        .contains("<html lang=\"es\"")
        .contains("Agendas Locales de Seguridad Humana");
  }

  @Test
  void theBrowsersLanguageIsRespectedOnAFirstVisit() throws Exception {
    assertThat(page("/", "en-GB,en;q=0.9"))
        .contains("<html lang=\"en\"")
        .contains("Local Human Security Agendas");
    assertThat(page("/", "fr;q=1.0, en;q=0.5")).contains("<html lang=\"en\"");
  }

  @Test
  void theSwitchKeepsThePageAndIsRemembered() throws Exception {
    String spanish = page("/sites/tijuana/agenda?version=1", "es");
    assertThat(spanish).contains("href=\"/sites/tijuana/agenda?version=1&amp;lang=en\"");

    var response =
        mvc.perform(get("/sites/tijuana/agenda?version=1&lang=en").header("Accept-Language", "es"))
            .andReturn()
            .getResponse();
    assertThat(response.getContentAsString(StandardCharsets.UTF_8))
        .contains("Local Human Security Agenda of Tijuana");
    Cookie remembered = response.getCookie("tejido-lang");
    assertThat(remembered).isNotNull();
    assertThat(page("/sites/tijuana", "es", remembered)).contains("<html lang=\"en\"");
  }

  @Test
  void errorPagesSpeakTheVisitorsLanguageToo() throws Exception {
    assertThat(page("/sites/nope", "en")).contains("There is no site");
    assertThat(page("/sites/nope", "es")).contains("No existe un sitio");
  }

  @Autowired org.tejido.support.Fixtures fixtures;

  @Test
  void errorPagesStillShowWhoIsSignedIn() throws Exception {
    var session = fixtures.signIn(mvc, fixtures.person("error-page"));
    String body =
        mvc.perform(
                get("/sites/nope")
                    .session(session)
                    .header("Accept-Language", "es")
                    .accept("text/html"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(body)
        .contains("Cerrar sesión (Test error-page)")
        .contains("href=\"/sites/nope?lang=en\"");
  }

  @Test
  void afterAFailedFormTheSwitchGoesBackToThePageOfTheForm() throws Exception {
    var site = fixtures.freshSite();
    var session =
        fixtures.signIn(
            mvc, fixtures.withRole(site.key(), org.tejido.identity.SiteRole.COORDINATOR));
    String base = "/manage/sites/" + site.key() + "/agenda";
    mvc.perform(
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(base + "/draft")
            .session(session)
            .with(
                org.springframework.security.test.web.servlet.request
                    .SecurityMockMvcRequestPostProcessors.csrf()));
    String body =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        base + "/issues")
                    .session(session)
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.csrf())
                    .header("Accept-Language", "es")
                    .header("Referer", "http://localhost" + base + "/issues/new"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(body).contains("href=\"" + base + "/issues/new?lang=en\"");
  }
}
