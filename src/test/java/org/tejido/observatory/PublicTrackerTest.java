package org.tejido.observatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.observatory.ObservatoryData.Tracked;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.UpdateInput;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.Sites;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/** The public tracker and its API, as an anonymous visitor or client sees them. */
@TejidoTest
class PublicTrackerTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Observatory observatory;
  @Autowired Sites sites;
  @Autowired ApplicationContext context;
  ObservatoryData data;

  @BeforeEach
  void data() {
    data = ObservatoryData.of(context);
  }

  private MockHttpServletResponse anonymous(String url, String lang) throws Exception {
    return mvc.perform(get(url).header("Accept-Language", lang)).andReturn().getResponse();
  }

  private String page(String url, String lang) throws Exception {
    MockHttpServletResponse r = anonymous(url, lang);
    assertThat(r.getStatus()).as(url).isEqualTo(200);
    return r.getContentAsString(StandardCharsets.UTF_8);
  }

  private void update(
      Tracked t, RecommendationId r, String source, String status, int p, String on) {
    fixtures.actAs(t.member());
    try {
      observatory.addUpdate(
          t.site(),
          r,
          new UpdateInput(
              source,
              status,
              status.equals("stalled") ? "Sin presupuesto" : "",
              String.valueOf(p),
              "Informe " + source,
              "https://municipio.example/informe",
              on,
              "acta.pdf",
              "%PDF-1.4 evidencia".getBytes(StandardCharsets.US_ASCII)));
    } finally {
      fixtures.actAsNobody();
    }
  }

  @Test
  void aSiteWithoutRecommendationsSaysMonitoringHasNotStartedInBothLanguages() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    String tracker = "/sites/" + t.site().key() + "/tracker";
    assertThat(page(tracker, "es")).contains("El seguimiento aún no ha comenzado");
    assertThat(page(tracker, "en")).contains("Monitoring has not started");
    assertThat(page("/sites/" + t.site().key(), "es")).contains(tracker);
    assertThat(page("/sites/" + t.site().key() + "/agenda", "en")).contains(tracker);
    assertThat(page("/api/v1/sites/" + t.site().key() + "/recommendations", "es"))
        .contains("\"monitoringStarted\":false", "\"recommendations\":[]");
  }

  @Test
  void theTrackerShowsTheOfficialStatusBesideTheCommunitysAndEachTimeline() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Secretaría de Obras");
    RecommendationId r = data.recommendation(t, i);
    data.sessionWithCommitment(t, i, r, "2026-02-01");
    String tracker = "/sites/" + t.site().key() + "/tracker";
    // Served once before the updates: the cache must be emptied by them.
    assertThat(page(tracker, "es")).contains("R-1").contains("Sin informe todavía");
    update(t, r, "official", "in_progress", 30, "2026-02-10");
    update(t, r, "official", "implemented", 100, "2026-03-10");
    update(t, r, "community", "stalled", 10, "2026-03-20");

    String es = page(tracker, "es");
    assertThat(es)
        .contains("Implementada")
        .contains("Detenida")
        .contains("Avance medio: 100 %")
        .contains("Avance medio: 10 %")
        .contains("1 compromiso vencido");
    assertThat(page(tracker, "en")).contains("Implemented").contains("Stalled");

    String one = page(tracker + "/" + r, "en");
    assertThat(one)
        .contains("Install lighting in the neighbourhood")
        .contains("In progress · 30 %")
        .contains("Implemented · 100 %")
        .contains("Stalled · 10 %")
        .contains("Sin presupuesto")
        .contains("Reparar 20 luminarias")
        .contains("Overdue")
        .contains("/agenda?version=1#proposal-")
        .contains("#issue-")
        .contains("Robberies")
        .contains(tracker + "/" + r + "/updates/");
    // The directory's contacts are for staff only.
    assertThat(one).doesNotContain("555 0101");
  }

  @Test
  void theApiListsAndShowsRecommendationsAsJsonAndCsvWithoutContacts() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Secretaría de Obras");
    RecommendationId r = data.recommendation(t, i);
    data.sessionWithCommitment(t, i, r, "2026-02-01");
    update(t, r, "official", "implemented", 100, "2026-03-10");
    update(t, r, "community", "partly_implemented", 40, "2026-03-20");
    String api = "/api/v1/sites/" + t.site().key() + "/recommendations";

    String list = page(api, "es");
    assertThat(list)
        .contains("\"monitoringStarted\":true")
        .contains("\"official\":{\"source\":\"official\",\"status\":\"implemented\"")
        .contains("\"community\":{\"source\":\"community\",\"status\":\"partly_implemented\"")
        .contains("\"overdue\":true")
        .doesNotContain("555 0101");
    String one = page(api + "/" + r + "?lang=en", "es");
    assertThat(one)
        .contains("\"officialTimeline\"", "\"communityTimeline\"", "Reparar 20 luminarias")
        .contains("Install lighting in the neighbourhood")
        .doesNotContain("555 0101", "Instalar alumbrado");

    MockHttpServletResponse csv = anonymous(api + "?format=csv", "es");
    assertThat(csv.getContentType()).startsWith("text/csv");
    assertThat(csv.getContentAsString(StandardCharsets.UTF_8))
        .contains("official_status")
        .contains("implemented,100,2026-03-10,partly_implemented,40,2026-03-20,1");
    assertThat(page(api + "?format=csv&table=progress", "es"))
        .contains("overall,all,1,official,100,0");
    assertThat(page(api + "?format=csv&table=commitments", "es"))
        .contains("Reparar 20 luminarias", "R-1");
    assertThat(page(api + "?format=csv&table=updates", "es")).contains("R-1,community");
    assertThat(page(api + "/" + r + "?format=csv", "es")).contains("R-1,official,2026-03-10");
    assertThat(anonymous(api + "?format=csv&table=people", "es").getStatus()).isEqualTo(400);

    // Listed as open data, with its formats.
    assertThat(page("/datos", "es")).contains(api + "?format=csv").contains(api + "\"");
    assertThat(page("/api/v1/catalog", "es"))
        .contains("/sites/" + t.site().key() + "/tracker\"")
        .contains(api + "?format=csv");
  }

  @Test
  void anotherSitesIdsAndUnknownIdsAreNotFound() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    Tracked other = data.siteWithPublishedAgenda();
    RecommendationId theirs = data.recommendation(other, data.institution(other, "Ajena"));
    update(other, theirs, "official", "in_progress", 20, "2026-02-10");
    String key = t.site().key();
    for (String url :
        new String[] {
          "/sites/" + key + "/tracker/" + theirs,
          "/sites/" + key + "/tracker/not-an-id",
          "/api/v1/sites/" + key + "/recommendations/" + theirs,
          "/api/v1/sites/" + key + "/recommendations/" + java.util.UUID.randomUUID(),
          "/sites/nowhere/tracker",
          "/api/v1/sites/nowhere/recommendations"
        }) {
      assertThat(anonymous(url, "es").getStatus()).as(url).isEqualTo(404);
    }
    // Their evidence file, asked for under this site: not found.
    String theirFile =
        page("/api/v1/sites/" + other.site().key() + "/recommendations/" + theirs, "es")
            .replaceAll("(?s).*\"file\":\"([^\"]+)\".*", "$1");
    assertThat(anonymous(theirFile, "es").getStatus()).isEqualTo(200);
    assertThat(anonymous(theirFile.replace(other.site().key(), key), "es").getStatus())
        .isEqualTo(404);
  }

  @Test
  void evidenceFilesAreServedAsAttachmentsThatAreNeverSniffed() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "Obras"));
    update(t, r, "official", "in_progress", 20, "2026-02-10");
    String json = page("/api/v1/sites/" + t.site().key() + "/recommendations/" + r, "es");
    String file = json.replaceAll("(?s).*\"file\":\"([^\"]+)\".*", "$1");
    MockHttpServletResponse served = anonymous(file, "es");
    assertThat(served.getStatus()).isEqualTo(200);
    assertThat(served.getContentType()).isEqualTo("application/pdf");
    assertThat(served.getHeader("Content-Disposition"))
        .startsWith("attachment")
        .contains("acta.pdf");
    assertThat(served.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void aSuspendedSitesTrackerIsHiddenLikeItsAgenda() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "Obras"));
    update(t, r, "official", "in_progress", 20, "2026-02-10");
    String key = t.site().key();
    String file =
        page("/api/v1/sites/" + key + "/recommendations/" + r, "es")
            .replaceAll("(?s).*\"file\":\"([^\"]+)\".*", "$1");
    assertThat(page("/sites/" + key + "/tracker", "es")).contains("R-1");
    fixtures.actAs(fixtures.administrator());
    try {
      sites.suspend(key, new LocalizedText("Amenazas al equipo", null));
    } finally {
      fixtures.actAsNobody();
    }
    MockHttpServletResponse tracker = anonymous("/sites/" + key + "/tracker", "es");
    assertThat(tracker.getStatus()).isEqualTo(302);
    assertThat(tracker.getRedirectedUrl()).isEqualTo("/sites/" + key);
    assertThat(anonymous("/sites/" + key + "/tracker/" + r, "es").getStatus()).isEqualTo(302);
    for (String url :
        new String[] {
          "/api/v1/sites/" + key + "/recommendations",
          "/api/v1/sites/" + key + "/recommendations/" + r,
          "/api/v1/sites/" + key + "/recommendations?format=csv",
          file
        }) {
      MockHttpServletResponse hidden = anonymous(url, "es");
      assertThat(hidden.getStatus()).as(url).isEqualTo(404);
      assertThat(hidden.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Obras");
    }
    assertThat(page("/datos", "es")).doesNotContain("/api/v1/sites/" + key + "/recommendations");
    assertThat(page("/api/v1/catalog", "es")).doesNotContain("/sites/" + key + "/tracker");
  }
}
