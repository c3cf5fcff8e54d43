package org.tejido.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The open data as a script on another origin, a data portal or a cache sees it over real HTTP:
 * methods, parameters, languages, CORS and conditional requests.
 */
@TejidoTest
class OpenDataHttpTest {

  private static final String ELSEWHERE = "https://observatorio.example.org";

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired ObjectMapper json;

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> send(String method, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private JsonNode problem(HttpResponse<String> response) {
    assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
    return json.readTree(response.body());
  }

  @Test
  void anyOriginMayReadTheApiAndTheCsvWithoutCredentials() throws Exception {
    for (String path :
        List.of(
            "/api/v1/sites",
            "/api/v1/sites/tijuana/agenda?version=1",
            "/sites/tijuana/agenda.csv",
            "/sites/tijuana/agenda-readme.txt",
            "/api/v1/sites/atlantis")) {
      for (String method : List.of("GET", "HEAD")) {
        var response = send(method, path, "Origin", ELSEWHERE);
        assertThat(header(response, "Access-Control-Allow-Origin")).as(path).isEqualTo("*");
        assertThat(header(response, "Access-Control-Allow-Credentials")).as(path).isNull();
        assertThat(response.headers().allValues("Vary").toString()).containsIgnoringCase("Origin");
      }
    }
    var etag = get("/api/v1/sites", "Origin", ELSEWHERE);
    assertThat(header(etag, "Access-Control-Expose-Headers")).contains("ETag");
  }

  @Test
  void aPreflightForAPublicReadIsAllowedForGetAndHead() throws Exception {
    var preflight =
        send(
            "OPTIONS",
            "/api/v1/sites/tijuana/agenda",
            "Origin",
            ELSEWHERE,
            "Access-Control-Request-Method",
            "GET",
            "Access-Control-Request-Headers",
            "If-None-Match");
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("GET", "HEAD");
    assertThat(header(preflight, "Access-Control-Allow-Credentials")).isNull();
    var writing =
        send(
            "OPTIONS",
            "/api/v1/sites",
            "Origin",
            ELSEWHERE,
            "Access-Control-Request-Method",
            "DELETE");
    assertThat(writing.statusCode()).isEqualTo(403);
    assertThat(header(writing, "Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void staffRoutesAndPagesCarryNoCorsAndRefuseAPreflight() throws Exception {
    for (String path :
        List.of(
            "/manage",
            "/admin/sites",
            "/account/password",
            "/login",
            "/manage/sites/tijuana/agenda",
            "/sites/tijuana/agenda")) {
      var response = get(path, "Origin", ELSEWHERE);
      assertThat(header(response, "Access-Control-Allow-Origin")).as(path).isNull();
      var preflight =
          send("OPTIONS", path, "Origin", ELSEWHERE, "Access-Control-Request-Method", "POST");
      assertThat(preflight.statusCode()).as(path).isEqualTo(403);
      assertThat(header(preflight, "Access-Control-Allow-Origin")).as(path).isNull();
      assertThat(header(preflight, "Access-Control-Allow-Methods")).as(path).isNull();
    }
  }

  @Test
  void writingToAPublicReadIsA405WithAllowNotACsrfRefusal() throws Exception {
    for (String path :
        List.of(
            "/api/v1/sites",
            "/api/v1/sites/tijuana/agenda",
            "/sites/tijuana/agenda.csv",
            "/sites/tijuana/agenda-readme.txt")) {
      for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
        var response = send(method, path, "Origin", ELSEWHERE);
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
        assertThat(header(response, "Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(problem(response).get("code").asString()).isEqualTo("method.not-allowed");
      }
    }
    // Everywhere else the CSRF check still comes first.
    var form = send("POST", "/manage/sites/tijuana/agenda/draft");
    assertThat(form.statusCode()).isEqualTo(403);
    assertThat(form.body()).contains("csrf.invalid");
  }

  @Test
  void aRepeatedParameterIsABadRequestNotTheFirstValue() throws Exception {
    for (String path :
        List.of(
            "/api/v1/sites/tijuana/agenda?version=1&version=2",
            "/api/v1/sites?lang=es&lang=en",
            "/sites/tijuana/agenda.csv?version=1&version=1")) {
      var response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(problem(response).get("code").asString()).isEqualTo("parameter.repeated");
    }
  }

  @Test
  void aVersionBelowOneIsABadRequestNotAMissingVersion() throws Exception {
    for (String path :
        List.of(
            "/api/v1/sites/tijuana/agenda?version=0",
            "/api/v1/sites/tijuana/agenda?version=-3",
            "/sites/tijuana/agenda.csv?version=0")) {
      var response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(problem(response).get("code").asString()).as(path).isEqualTo("request.invalid");
    }
  }

  @Test
  void csvErrorsAreProblemJsonEvenForABrowser() throws Exception {
    var missing = get("/sites/atlantis/agenda.csv", "Accept", "text/html,*/*;q=0.8");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(problem(missing).get("code").asString()).isEqualTo("site.not-found");
    var version = get("/sites/tijuana/agenda.csv?version=42");
    assertThat(version.statusCode()).isEqualTo(404);
    assertThat(problem(version).get("code").asString()).isEqualTo("agenda.version.not-found");
    var suspended = get("/sites/acapulco/agenda.csv");
    assertThat(suspended.statusCode()).isEqualTo(404);
    assertThat(problem(suspended).get("code").asString()).isEqualTo("site.suspended");
  }

  @Test
  void langLocalisesErrorsAndSaysSo() throws Exception {
    var english = get("/api/v1/sites/atlantis/agenda?lang=en", "Accept-Language", "es");
    assertThat(english.statusCode()).isEqualTo(404);
    assertThat(header(english, "Content-Language")).isEqualTo("en");
    assertThat(problem(english).get("detail").asString()).contains("There is no site");
    assertThat(english.headers().firstValue("Set-Cookie")).isEmpty();

    var byHeader = get("/api/v1/sites/atlantis", "Accept-Language", "en-GB,en;q=0.9");
    assertThat(header(byHeader, "Content-Language")).isEqualTo("en");
    assertThat(byHeader.headers().allValues("Vary").toString())
        .containsIgnoringCase("Accept-Language");
    assertThat(problem(byHeader).get("detail").asString()).contains("There is no site");

    var spanish = get("/sites/atlantis/agenda.csv?lang=es", "Accept-Language", "en");
    assertThat(header(spanish, "Content-Language")).isEqualTo("es");
    assertThat(problem(spanish).get("detail").asString()).contains("No existe un sitio");

    var wrong = get("/api/v1/sites?lang=fr", "Origin", ELSEWHERE);
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(header(wrong, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(problem(wrong).get("code").asString()).isEqualTo("lang.invalid");
    var wrongMethod = send("DELETE", "/api/v1/sites?lang=en", "Accept-Language", "en");
    assertThat(problem(wrongMethod).get("detail").asString()).contains("does not accept");
  }

  @Test
  void langLocalisesTheSitesToo() throws Exception {
    var english = get("/api/v1/sites?lang=en");
    assertThat(english.statusCode()).isEqualTo(200);
    assertThat(header(english, "Content-Type")).startsWith("application/json");
    assertThat(header(english, "Content-Language")).isEqualTo("en");
    JsonNode acapulco = json.readTree(english.body()).get(3);
    assertThat(acapulco.get("statusReason").has("en")).isTrue();
    assertThat(acapulco.get("statusReason").has("es")).isFalse();
    var both = get("/api/v1/sites/acapulco");
    assertThat(header(both, "Content-Language")).isEqualTo("es, en");
    assertThat(json.readTree(both.body()).get("statusReason").has("es")).isTrue();
    assertThat(both.body()).doesNotContain("\"empty\"");
  }

  @Test
  void successIsNeverLabelledProblemJson() throws Exception {
    for (String path : List.of("/api/v1", "/api/v1/sites", "/api/v1/sites/tijuana/agenda")) {
      var response = get(path, "Accept", "application/problem+json");
      assertThat(header(response, "Content-Type")).as(path).startsWith("application/problem+json");
      assertThat(response.statusCode()).as(path).isEqualTo(406);
      var json = get(path, "Accept", "application/json, application/problem+json");
      assertThat(json.statusCode()).isEqualTo(200);
      assertThat(header(json, "Content-Type")).startsWith("application/json");
    }
  }

  @Test
  void aPublishedVersionIsImmutableAndRevalidates() throws Exception {
    for (String path :
        List.of("/api/v1/sites/tijuana/agenda?version=1", "/sites/tijuana/agenda.csv?version=1")) {
      var first = get(path);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(header(first, "Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
      String etag = header(first, "ETag");
      assertThat(etag).matches("\"[0-9a-f]{64}\"");
      assertThat(header(first, "Last-Modified")).isNotNull();
      assertThat(first.headers().allValues("Pragma")).isEmpty();

      var again = get(path, "If-None-Match", etag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(header(again, "ETag")).isEqualTo(etag);
      var since = get(path, "If-Modified-Since", header(first, "Last-Modified"));
      assertThat(since.statusCode()).as(path).isEqualTo(304);
      assertThat(get(path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theLatestIsCachedBrieflyAndItsEtagChangesOnPublication() throws Exception {
    Site site = fixtures.freshSite();
    Fixtures.Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    publish(coordinator, site, "Uno", "One");
    for (String path :
        List.of(
            "/api/v1/sites/" + site.key() + "/agenda", "/sites/" + site.key() + "/agenda.csv")) {
      var latest = get(path);
      assertThat(header(latest, "Cache-Control")).isEqualTo("max-age=60, public");
      String before = header(latest, "ETag");
      assertThat(get(path, "If-None-Match", before).statusCode()).isEqualTo(304);
      // Served from the page cache this time: still a 304.
      assertThat(get(path, "If-None-Match", before).statusCode()).isEqualTo(304);
      assertThat(path).isNotNull();
    }
    String api = "/api/v1/sites/" + site.key() + "/agenda";
    String csv = "/sites/" + site.key() + "/agenda.csv";
    String apiBefore = header(get(api), "ETag");
    String csvBefore = header(get(csv), "ETag");
    String firstVersion = header(get(api + "?version=1"), "ETag");

    publish(coordinator, site, "Dos", "Two");

    var newApi = get(api, "If-None-Match", apiBefore);
    assertThat(newApi.statusCode()).isEqualTo(200);
    assertThat(header(newApi, "ETag")).isNotEqualTo(apiBefore);
    assertThat(json.readTree(newApi.body()).get("version").asInt()).isEqualTo(2);
    var newCsv = get(csv, "If-None-Match", csvBefore);
    assertThat(newCsv.statusCode()).isEqualTo(200);
    assertThat(header(newCsv, "ETag")).isNotEqualTo(csvBefore);
    // The first version has not changed, and its ETag neither.
    assertThat(get(api + "?version=1", "If-None-Match", firstVersion).statusCode()).isEqualTo(304);
  }

  @Test
  void anAnonymousAgendaPageCanBeRevalidated() throws Exception {
    String page = "/sites/tijuana/agenda";
    get(page, "Accept-Language", "es");
    var kept = get(page, "Accept-Language", "es");
    String etag = header(kept, "ETag");
    assertThat(etag).matches("\"[0-9a-f]{64}\"");
    var again = get(page, "Accept-Language", "es", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get(page, "Accept-Language", "en", "If-None-Match", etag).statusCode())
        .isEqualTo(200);
  }

  @Test
  void errorsOnPublicReadsAreNotCached() throws Exception {
    var missing = get("/api/v1/sites/atlantis/agenda");
    assertThat(header(missing, "Cache-Control")).contains("no-store");
    assertThat(header(missing, "ETag")).isNull();
  }

  private void publish(Fixtures.Person coordinator, Site site, String es, String en) {
    fixtures.actAs(coordinator);
    try {
      editing.startDraft(site);
      editing.addIssue(site, new IssueInput(es, en, null, null, List.of("personal"), false));
      editing.publish(site);
    } finally {
      fixtures.actAsNobody();
    }
  }
}
