package org.tejido.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.JsonDocument;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.indicators.IndicatorImports;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/**
 * What a data portal or a script gets: the DCAT-AP catalogue read by a real JSON-LD processor, the
 * API index, and the data licence wherever the data goes.
 */
@TejidoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenDataCatalogueTest {

  private static final String DCAT = "http://www.w3.org/ns/dcat#";
  private static final String DCT = "http://purl.org/dc/terms/";
  private static final String CC_BY = "https://creativecommons.org/licenses/by/4.0/";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Sites sites;
  @Autowired Agendas agendas;
  @Autowired AgendaEditing editing;
  @Autowired IndicatorImports imports;

  private Site fictional;
  private Site draftOnly;

  @BeforeAll
  void aFictionalSiteWithAPublishedAgendaAndARealOneWithOnlyADraft() {
    fictional =
        sites.registerFictional(
            new NewSite(
                "catalogue-fiction",
                "Municipio inventado",
                "Michoacán",
                "16006",
                "Colonia ficticia",
                SiteStatus.ACTIVE,
                null,
                new LocalizedText(null, null)));
    draftOnly = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(fictional.key(), SiteRole.COORDINATOR));
    editing.startDraft(fictional);
    editing.addIssue(
        fictional, new IssueInput("Uno", "One", null, null, List.of("personal"), false));
    editing.publish(fictional);
    fixtures.actAs(fixtures.withRole(draftOnly.key(), SiteRole.COORDINATOR));
    editing.startDraft(draftOnly);
    fixtures.actAsNobody();
  }

  private String catalogue() throws Exception {
    var response =
        mvc.perform(get("/api/v1/catalog"))
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Type", "application/ld+json"))
            .andReturn()
            .getResponse();
    return response.getContentAsString(StandardCharsets.UTF_8);
  }

  /** Expanded by Titanium with no network: the context is inline, any fetch fails the test. */
  private static JsonArray expand(String body) throws JsonLdError {
    return JsonLd.expand(JsonDocument.of(new StringReader(body)))
        .loader(
            (url, options) -> {
              throw new JsonLdError(
                  JsonLdErrorCode.LOADING_DOCUMENT_FAILED, "no network in this test: " + url);
            })
        .get();
  }

  private static List<JsonObject> ofType(JsonArray expanded, String type) {
    List<JsonObject> found = new ArrayList<>();
    collect(expanded, type, found);
    return found;
  }

  private static void collect(JsonValue value, String type, List<JsonObject> found) {
    if (value instanceof JsonArray array) {
      array.forEach(v -> collect(v, type, found));
    } else if (value instanceof JsonObject object) {
      JsonValue types = object.get("@type");
      if (types instanceof JsonArray t
          && t.stream().anyMatch(x -> x.toString().equals("\"" + type + "\""))) {
        found.add(object);
      }
      object.values().forEach(v -> collect(v, type, found));
    }
  }

  private static String id(JsonObject node, String property) {
    return node.getJsonArray(property).getJsonObject(0).getString("@id");
  }

  @Test
  void theCatalogueIsJsonLdListingEveryPublishedAgendaOfARealActiveSiteAndNothingElse()
      throws Exception {
    JsonArray expanded = expand(catalogue());

    List<JsonObject> catalogues = ofType(expanded, DCAT + "Catalog");
    assertThat(catalogues).hasSize(1);
    JsonObject catalogue = catalogues.get(0);
    assertThat(catalogue.getJsonArray(DCT + "title").toString())
        .contains("\"@language\":\"es\"")
        .contains("\"@language\":\"en\"");
    assertThat(catalogue.getJsonArray(DCT + "description")).isNotEmpty();
    assertThat(catalogue.getJsonArray(DCT + "publisher")).isNotEmpty();
    assertThat(id(catalogue, DCT + "license")).isEqualTo(CC_BY);
    assertThat(catalogue.getJsonArray(DCT + "rights").toString())
        .contains("http://purl.org/dc/terms/RightsStatement")
        .contains("co-construidas por los equipos");

    Set<String> expected = new TreeSet<>();
    for (Site site : sites.all()) {
      if (!site.fictional()
          && !site.suspendedForSafety()
          && !agendas.publishedVersions(site).isEmpty()) {
        expected.add("http://localhost/sites/" + site.key() + "/agenda");
      }
    }
    List<JsonObject> datasets = ofType(expanded, DCAT + "Dataset");
    Set<String> listed = new TreeSet<>();
    // The agendas; the indicators and the trackers are other kinds (see PublicTrackerTest).
    datasets.stream()
        .filter(d -> d.getString("@id").endsWith("/agenda"))
        .forEach(d -> listed.add(d.getString("@id")));
    assertThat(listed)
        .isEqualTo(expected)
        .contains(
            "http://localhost/sites/apatzingan/agenda",
            "http://localhost/sites/tijuana/agenda",
            "http://localhost/sites/guadalupe/agenda")
        .doesNotContain(
            "http://localhost/sites/acapulco/agenda",
            "http://localhost/sites/" + fictional.key() + "/agenda",
            "http://localhost/sites/" + draftOnly.key() + "/agenda");

    JsonObject tijuana =
        datasets.stream()
            .filter(d -> d.getString("@id").endsWith("/sites/tijuana/agenda"))
            .findFirst()
            .orElseThrow();
    assertThat(tijuana.getJsonArray(DCT + "title").toString())
        .contains("Agenda Local de Seguridad Humana: Tijuana")
        .contains("Local Human Security Agenda: Tijuana");
    assertThat(tijuana.getJsonArray(DCT + "modified").getJsonObject(0).getString("@type"))
        .isEqualTo("http://www.w3.org/2001/XMLSchema#dateTime");
    assertThat(tijuana.getJsonArray(DCAT + "keyword")).isNotEmpty();
    List<JsonObject> distributions =
        ofType(tijuana.getJsonArray(DCAT + "distribution"), DCAT + "Distribution");
    assertThat(distributions)
        .extracting(d -> id(d, DCAT + "downloadURL"))
        .containsExactly(
            "http://localhost/api/v1/sites/tijuana/agenda",
            "http://localhost/sites/tijuana/agenda.csv");
    assertThat(distributions)
        .extracting(d -> id(d, DCAT + "mediaType"))
        .containsExactly(
            "http://www.iana.org/assignments/media-types/application/json",
            "http://www.iana.org/assignments/media-types/text/csv");
    assertThat(distributions).allSatisfy(d -> assertThat(id(d, DCT + "license")).isEqualTo(CC_BY));
    assertThat(distributions).allSatisfy(d -> assertThat(id(d, DCAT + "accessURL")).isNotBlank());
  }

  @Test
  void theDataPageShowsTheFictionalSiteMarkedAndNotTheSuspendedOne() throws Exception {
    String page =
        mvc.perform(get("/datos").param("lang", "es"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains("Datos abiertos")
        .contains("/api/v1/sites/tijuana/agenda")
        .contains("/sites/tijuana/agenda.csv")
        .contains("curl ")
        .contains(CC_BY)
        .contains("/api/v1/catalog")
        .contains("/datos/api")
        .contains("Sitio ficticio de demostración: no son datos reales")
        .doesNotContain("/sites/acapulco/agenda.csv")
        .doesNotContain("/sites/" + draftOnly.key() + "/agenda.csv");
    String english =
        mvc.perform(get("/datos").param("lang", "en"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(english).contains("Open data").contains("Sample request").contains("Licence");
  }

  @Test
  void onceOfficialFiguresAreImportedTheCatalogueAndTheDataPageListTheIndicators()
      throws Exception {
    imports.load(
        java.nio.file.Path.of(
            "src/test/resources/indicators/sesnsp_municipal_guanajuato_excerpt.csv"),
        null);
    JsonArray expanded = expand(catalogue());
    JsonObject indicators =
        ofType(expanded, DCAT + "Dataset").stream()
            .filter(d -> d.getString("@id").equals("http://localhost/datos#indicators"))
            .findFirst()
            .orElseThrow();
    assertThat(indicators.getJsonArray(DCT + "title").toString())
        .contains("Indicadores delictivos oficiales")
        .contains("Official crime indicators");
    assertThat(indicators.getJsonArray(DCT + "modified").getJsonObject(0).getString("@type"))
        .isEqualTo("http://www.w3.org/2001/XMLSchema#dateTime");
    List<JsonObject> distributions =
        ofType(indicators.getJsonArray(DCAT + "distribution"), DCAT + "Distribution");
    assertThat(distributions)
        .extracting(d -> id(d, DCAT + "accessURL"))
        .containsExactly(
            "http://localhost/api/v1/indicators", "http://localhost/api/v1/indicators?format=csv");
    assertThat(distributions)
        .extracting(d -> id(d, DCAT + "mediaType"))
        .containsExactly(
            "http://www.iana.org/assignments/media-types/application/json",
            "http://www.iana.org/assignments/media-types/text/csv");
    assertThat(distributions).allSatisfy(d -> assertThat(id(d, DCT + "license")).isEqualTo(CC_BY));

    String spanish =
        mvc.perform(get("/datos").param("lang", "es"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(spanish)
        .contains("Indicadores delictivos oficiales")
        .contains("cifras hasta 20")
        .contains("importadas el ")
        .contains("curl &#39;http://localhost/api/v1/indicators?municipality=02004")
        .contains("/api/v1/indicators?format=csv&amp;municipality=02004");
    String english =
        mvc.perform(get("/datos").param("lang", "en"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(english)
        .contains("Official crime indicators")
        .contains("figures up to 20")
        .contains("imported on ");
  }

  @Test
  void theApiIndexLinksToEveryCollectionWithOrWithoutTheTrailingSlash() throws Exception {
    for (String path : List.of("/api/v1", "/api/v1/")) {
      mvc.perform(get(path))
          .andExpect(status().isOk())
          .andExpect(header().string("Content-Type", "application/json"))
          .andExpect(jsonPath("$.links[?(@.rel=='sites')].href").value("/api/v1/sites"))
          .andExpect(
              jsonPath("$.links[?(@.rel=='agenda')].href")
                  .value("/api/v1/sites/{key}/agenda{?version,lang}"))
          .andExpect(jsonPath("$.links[?(@.rel=='catalog')].href").value("/api/v1/catalog"))
          .andExpect(
              jsonPath("$.links[?(@.rel=='indicators')].href")
                  .value(
                      "/api/v1/indicators{?municipality,state,crime,series,from,to,measure,format,lang}"))
          .andExpect(
              jsonPath("$.links[?(@.rel=='recommendations')].href")
                  .value("/api/v1/sites/{key}/recommendations{?format,table,lang}"))
          .andExpect(
              jsonPath("$.links[?(@.rel=='service-desc')].href").value("/api/v1/openapi.json"))
          .andExpect(jsonPath("$.links[?(@.rel=='service-doc')].href").value("/datos/api"))
          .andExpect(jsonPath("$.license.id").value("CC-BY-4.0"));
    }
  }

  @Test
  void everyJsonBodyAndApiResponseNamesTheDataLicence() throws Exception {
    mvc.perform(get("/api/v1/sites/tijuana/agenda"))
        .andExpect(jsonPath("$.license.id").value("CC-BY-4.0"))
        .andExpect(jsonPath("$.license.url").value(CC_BY))
        .andExpect(jsonPath("$.license.attribution").isNotEmpty())
        .andExpect(jsonPath("$.site").value("tijuana"))
        .andExpect(header().string("Link", "<" + CC_BY + ">; rel=\"license\""));
    mvc.perform(get("/api/v1/sites"))
        .andExpect(jsonPath("$[0].key").value("apatzingan"))
        .andExpect(jsonPath("$[0].license.url").value(CC_BY))
        .andExpect(header().string("Link", "<" + CC_BY + ">; rel=\"license\""));
    mvc.perform(get("/api/v1/sites/guadalupe")).andExpect(jsonPath("$.license.name").isNotEmpty());
    mvc.perform(get("/api/v1/openapi.json"))
        .andExpect(jsonPath("$.info.license.url").value(CC_BY))
        .andExpect(
            jsonPath("$.info.license.name")
                .value("Creative Commons Attribution 4.0 International"));
  }

  @Test
  void theCsvPointsToItsLicenceAndToACompanionThatStatesIt() throws Exception {
    var csv = mvc.perform(get("/sites/tijuana/agenda.csv")).andReturn().getResponse();
    assertThat(csv.getHeader("Link"))
        .contains("<" + CC_BY + ">; rel=\"license\"")
        .contains("</sites/tijuana/agenda-readme.txt>; rel=\"describedby\"");
    String readme =
        mvc.perform(get("/sites/tijuana/agenda-readme.txt"))
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(readme)
        .contains("Creative Commons Attribution 4.0 International (CC-BY-4.0), " + CC_BY)
        .contains("Atribución: ")
        .contains("Attribution: ")
        .contains("answers_issues");
    mvc.perform(get("/sites/acapulco/agenda-readme.txt")).andExpect(status().isNotFound());
    mvc.perform(get("/sites/" + draftOnly.key() + "/agenda-readme.txt"))
        .andExpect(status().isNotFound());
  }

  @Test
  void everyPublicPageFooterNamesTheDataLicenceInItsLanguage() throws Exception {
    String home =
        mvc.perform(get("/").param("lang", "es"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(home).contains("rel=\"license\" href=\"" + CC_BY + "\"").contains("Atribución:");
    assertThat(home).contains("href=\"/datos\"").doesNotContain("href=\"/api/v1/openapi.json\"");
    String missing =
        mvc.perform(get("/sites/no-such-site").param("lang", "en"))
            .andExpect(status().isNotFound())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(missing).contains("rel=\"license\"").contains("Attribution:");
  }
}
