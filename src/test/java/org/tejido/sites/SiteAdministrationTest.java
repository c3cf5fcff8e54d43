package org.tejido.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.sites.internal.InegiCatalogue;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/** The administrator adds, edits, suspends and reactivates sites; the public sees the result. */
@TejidoTest
class SiteAdministrationTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Sites sites;
  @Autowired AuditLog audit;
  @Autowired AgendaEditing editing;
  @Autowired InegiCatalogue catalogue;

  private MockHttpSession admin;

  @BeforeEach
  void signInAsAdministrator() throws Exception {
    admin = fixtures.signIn(mvc, fixtures.administrator());
  }

  private static String newKey() {
    return "nuevo-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private MockHttpServletResponse send(String path, String lang, String... fields)
      throws Exception {
    var request = post(path).with(csrf()).session(admin).accept("text/html");
    if (lang != null) {
      request.header("Accept-Language", lang);
    }
    for (int i = 0; i < fields.length; i += 2) {
      request.param(fields[i], fields[i + 1]);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private String page(String path) throws Exception {
    // Anonymous, as the public (and the public page cache) sees it.
    return mvc.perform(get(path).accept("text/html"))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private List<String> actions(Site site) {
    return audit.forSite(site.id().value(), 50, Long.MAX_VALUE).stream()
        .map(e -> e.action() + " " + e.subject())
        .toList();
  }

  @Test
  void theCatalogueHoldsEveryMunicipalityOfTheMarcoGeoestadistico2024() {
    assertThat(catalogue.size()).isEqualTo(2478);
    assertThat(catalogue.states()).hasSize(32);
    assertThat(catalogue.find("16006").orElseThrow().name()).isEqualTo("Apatzingán");
    assertThat(catalogue.find("20549").orElseThrow().name())
        .isEqualTo("Heroica Villa Tezoatlán de Segura y Luna, Cuna de la Independencia de Oaxaca");
  }

  @Test
  void administratorAddsASiteFromTheInegiCatalogue() throws Exception {
    String key = newKey();
    var response =
        send(
            "/admin/sites",
            "es",
            "key",
            key,
            "inegiCode",
            "02004",
            // Names sent by a form are ignored: they come from the catalogue.
            "municipality",
            "Ciudad Inventada",
            "neighbourhood",
            "Colonia Camino Verde",
            "populationNotesEs",
            "Unas 2,000 familias",
            "populationNotesEn",
            "About 2,000 families");
    assertThat(response.getStatus()).isEqualTo(302);
    assertThat(response.getRedirectedUrl()).isEqualTo("/admin/sites/" + key);

    Site site = sites.byKey(key);
    assertThat(site.municipality()).isEqualTo("Tijuana");
    assertThat(site.state()).isEqualTo("Baja California");
    assertThat(site.inegiCode()).isEqualTo("02004");
    assertThat(site.neighbourhood()).isEqualTo("Colonia Camino Verde");
    assertThat(site.suspendedForSafety()).isFalse();
    assertThat(actions(site)).containsExactly("site.added site:" + key);

    String list =
        mvc.perform(get("/admin/sites").session(admin).accept("text/html"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(list).contains(key).contains("02004");
    assertThat(page("/sites/" + key)).contains("Colonia Camino Verde").contains("02004");
    assertThat(page("/")).contains("/sites/" + key);
  }

  @Test
  void theMunicipalityListNarrowsToOneStateWithoutJavaScript() throws Exception {
    String html =
        mvc.perform(
                get("/admin/sites/new")
                    .param("state", "16")
                    .param("key", "tecleada")
                    .session(admin)
                    .accept("text/html"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(html)
        .contains("value=\"tecleada\"")
        .contains("<optgroup label=\"Michoacán de Ocampo\"")
        .contains("Apatzingán, Michoacán de Ocampo — 16006")
        .doesNotContain("02004");
    String all =
        mvc.perform(get("/admin/sites/new").session(admin).accept("text/html"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(all).contains("— 02004").contains("— 16006").contains("<optgroup");
  }

  @Test
  void rejectsAMunicipalityCodeNotInTheCatalogue() throws Exception {
    String key = newKey();
    var es = send("/admin/sites", "es", "key", key, "inegiCode", "99999", "neighbourhood", "X");
    assertThat(es.getStatus()).isEqualTo(422);
    assertThat(es.getContentAsString(StandardCharsets.UTF_8))
        .contains("esa clave no está en él")
        .contains("value=\"" + key + "\"");
    var en = send("/admin/sites", "en", "key", key, "inegiCode", "16999");
    assertThat(en.getStatus()).isEqualTo(422);
    assertThat(en.getContentAsString(StandardCharsets.UTF_8)).contains("that code is not in it");
    assertThat(sites.find(key)).isEmpty();
  }

  @Test
  void rejectsATakenOrMalformedKey() throws Exception {
    var taken = send("/admin/sites", "es", "key", "tijuana", "inegiCode", "02004");
    assertThat(taken.getStatus()).isEqualTo(422);
    assertThat(taken.getContentAsString(StandardCharsets.UTF_8))
        .contains("Ya existe un sitio con la clave «tijuana»");
    var malformed = send("/admin/sites", "en", "key", "Not A Key", "inegiCode", "02004");
    assertThat(malformed.getStatus()).isEqualTo(422);
    assertThat(malformed.getContentAsString(StandardCharsets.UTF_8)).contains("lower-case letters");
  }

  @Test
  void administratorCorrectsTheMunicipalityAndTheKeyStays() throws Exception {
    Site site = fixtures.freshSite();
    var response =
        send(
            "/admin/sites/" + site.key(),
            "es",
            "key",
            "otra-clave",
            "inegiCode",
            "19026",
            "neighbourhood",
            "Colonia Nueva");
    assertThat(response.getStatus()).isEqualTo(302);
    Site edited = sites.byId(site.id());
    assertThat(edited.key()).isEqualTo(site.key());
    assertThat(edited.municipality()).isEqualTo("Guadalupe");
    assertThat(edited.state()).isEqualTo("Nuevo León");
    assertThat(edited.neighbourhood()).isEqualTo("Colonia Nueva");
    assertThat(actions(site)).containsExactly("site.edited site:" + site.key());
    assertThat(page("/sites/" + site.key())).contains("Colonia Nueva").contains("Guadalupe");

    var bad = send("/admin/sites/" + site.key(), "es", "inegiCode", "00000");
    assertThat(bad.getStatus()).isEqualTo(422);
    assertThat(sites.byId(site.id()).inegiCode()).isEqualTo("19026");
  }

  @Test
  void suspendedSiteShowsOnlyItsReason() throws Exception {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    editing.startDraft(site);
    editing.addIssue(
        site,
        new IssueInput(
            "Robos en el mercado", "Thefts at the market", null, null, List.of("personal"), false));
    editing.publish(site);
    fixtures.actAsNobody();
    String key = site.key();
    // Seen (and cached) before the suspension.
    assertThat(page("/sites/" + key)).contains("/sites/" + key + "/agenda");
    assertThat(page("/sites/" + key + "/agenda")).contains("Robos en el mercado");
    assertThat(mvc.perform(get("/api/v1/sites/" + key + "/agenda")).andReturn().getResponse())
        .extracting(MockHttpServletResponse::getStatus)
        .isEqualTo(200);

    var suspended =
        send(
            "/admin/sites/" + key + "/suspend",
            "es",
            "reasonEs",
            "Amenazas al equipo de campo",
            "reasonEn",
            "Threats to the field team");
    assertThat(suspended.getStatus()).isEqualTo(302);

    String sitePage = page("/sites/" + key);
    assertThat(sitePage)
        .contains("Suspendido por seguridad")
        .contains("Amenazas al equipo de campo")
        .doesNotContain("/sites/" + key + "/agenda");
    var agendaPage = mvc.perform(get("/sites/" + key + "/agenda").accept("text/html"));
    assertThat(agendaPage.andReturn().getResponse().getRedirectedUrl()).isEqualTo("/sites/" + key);
    var versions = mvc.perform(get("/sites/" + key + "/agenda/versions").accept("text/html"));
    assertThat(versions.andReturn().getResponse().getRedirectedUrl()).isEqualTo("/sites/" + key);
    var api = mvc.perform(get("/api/v1/sites/" + key + "/agenda")).andReturn().getResponse();
    assertThat(api.getStatus()).isEqualTo(404);
    assertThat(api.getContentAsString()).contains("\"code\":\"site.suspended\"");
    var old =
        mvc.perform(get("/api/v1/sites/" + key + "/agenda?version=1")).andReturn().getResponse();
    assertThat(old.getStatus()).isEqualTo(404);
    var csv = mvc.perform(get("/sites/" + key + "/agenda.csv")).andReturn().getResponse();
    assertThat(csv.getStatus()).isEqualTo(404);
    assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Robos");
    String sitemap =
        mvc.perform(get("/sitemap.xml")).andReturn().getResponse().getContentAsString();
    assertThat(sitemap).contains("/sites/" + key + "<").doesNotContain("/sites/" + key + "/agenda");
    assertThat(page("/")).doesNotContain("/sites/" + key + "/agenda");
    String english =
        mvc.perform(get("/sites/" + key).header("Accept-Language", "en").accept("text/html"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(english).contains("Threats to the field team");

    var reactivated = send("/admin/sites/" + key + "/reactivate", "es");
    assertThat(reactivated.getStatus()).isEqualTo(302);
    assertThat(page("/sites/" + key + "/agenda")).contains("Robos en el mercado");
    assertThat(page("/sites/" + key)).doesNotContain("Amenazas al equipo de campo");
    assertThat(sites.byKey(key).statusReason().isEmpty()).isTrue();

    assertThat(actions(site))
        .contains("site.suspended site:" + key, "site.reactivated site:" + key);
  }

  @Test
  void suspendingNeedsASpanishReason() throws Exception {
    Site site = fixtures.freshSite();
    var en = send("/admin/sites/" + site.key() + "/suspend", "en", "reasonEn", "Only English");
    assertThat(en.getStatus()).isEqualTo(422);
    assertThat(en.getContentAsString(StandardCharsets.UTF_8))
        .contains("This field is required")
        .contains("Only English");
    assertThat(sites.byId(site.id()).suspendedForSafety()).isFalse();
    assertThat(actions(site)).isEmpty();
  }

  @Test
  void anUnknownSiteKeyIsNotFound() throws Exception {
    assertThat(
            mvc.perform(get("/admin/sites/no-such-site").session(admin).accept("text/html"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);
    assertThat(send("/admin/sites/no-such-site/suspend", "es", "reasonEs", "x").getStatus())
        .isEqualTo(404);
    assertThat(send("/admin/sites/no-such-site/reactivate", "es").getStatus()).isEqualTo(404);
  }

  @Test
  void theAdministratorsNavigationLeadsToTheSites() throws Exception {
    String html =
        mvc.perform(get("/admin/users").session(admin).accept("text/html"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(html).contains("href=\"/admin/sites\"");
  }
}
