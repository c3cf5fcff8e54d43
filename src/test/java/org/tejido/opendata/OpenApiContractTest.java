package org.tejido.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.indicators.IndicatorImports;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The OpenAPI document is the contract a consumer relies on: a crawl of the whole public API over
 * real HTTP, the happy paths and the error paths, validated answer by answer against {@code
 * /api/v1/openapi.json} by a third-party validator. It fails on any status, content type, body or
 * header the document does not describe, and on any documented answer the crawl never met.
 */
@TejidoTest
class OpenApiContractTest {

  /** Where the document is left for {@code bench/lint-openapi.sh}. */
  static final Path DOCUMENT = Path.of("target", "openapi", "openapi.json");

  private static final Path INDICATORS = Path.of("src/test/resources/indicators");

  private static final String LEON =
      "/api/v1/indicators?municipality=11020&crime=Homicidio%20doloso&from=2020-06&to=2025-12";

  private static final String NEIGHBOURS =
      "/api/v1/indicators/neighbours?municipality=11020&series=homicidio-doloso";

  /** Headers a client relies on: if sent, they must be documented for that answer. */
  private static final List<String> CONTRACT_HEADERS =
      List.of(
          "ETag",
          "Last-Modified",
          "Cache-Control",
          "Content-Language",
          "Link",
          "Content-Disposition",
          "Allow");

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired ObjectMapper json;
  @Autowired IndicatorImports imports;
  @Autowired org.tejido.participation.EngagementLog engagement;
  @Autowired org.tejido.observatory.internal.Observatory observatory;

  private final HttpClient client = HttpClient.newHttpClient();
  private final List<String> failures = new ArrayList<>();
  private final Set<String> met = new TreeSet<>();
  private OpenApiInteractionValidator validator;
  private OpenAPI model;
  private int checked;

  @Test
  void everyAnswerOfThePublicApiIsDescribedByTheDocument() throws Exception {
    // Data the reference sites may lack: two published versions, a description, participants;
    // and a site with nothing published.
    Site published = fixtures.freshSite();
    Site unpublished = fixtures.freshSite();
    Fixtures.Person coordinator = fixtures.withRole(published.key(), SiteRole.COORDINATOR);
    publish(coordinator, published, "Uno", 12);
    publish(coordinator, published, "Dos", 12);
    String recommendation = track(published);
    // Official figures for León (11020), with its population: counts, rates, missing months.
    imports.load(INDICATORS.resolve("sesnsp_municipal_guanajuato_excerpt.csv"), null);
    imports.load(INDICATORS.resolve("conapo_total_excerpt.csv"), null);
    imports.load(INDICATORS.resolve("neighbours_leon_excerpt.csv"), null);
    // Kidnapping and robbery in both catalogues (2025 and 2026), for the comparable series.
    imports.load(INDICATORS.resolve("synthetic_catalogue_change.csv"), null);

    var document = send("GET", "/api/v1/openapi.json");
    assertThat(document.statusCode()).isEqualTo(200);
    Files.createDirectories(DOCUMENT.getParent());
    Files.writeString(DOCUMENT, document.body());
    load(document.body());

    // The happy paths, discovered as a client would: from the index.
    JsonNode index = json.readTree(valid("/api/v1").body());
    assertThat(index.get("links").toString()).contains("/api/v1/sites");
    valid("/api/v1/catalog");
    JsonNode sites = json.readTree(valid("/api/v1/sites").body());
    valid("/api/v1/sites?lang=es");
    valid("/api/v1/sites?lang=en");
    for (JsonNode site : sites) {
      String key = site.get("key").asString();
      valid("/api/v1/sites/" + key);
      valid("/api/v1/sites/" + key + "?lang=en");
      var agenda = answer("/api/v1/sites/" + key + "/agenda");
      var csv = answer("/sites/" + key + "/agenda.csv");
      if (agenda.statusCode() != 200) {
        continue;
      }
      assertThat(csv.statusCode()).isEqualTo(200);
      valid("/api/v1/sites/" + key + "/agenda?lang=es");
      valid("/api/v1/sites/" + key + "/agenda?lang=en");
      for (JsonNode version : json.readTree(agenda.body()).get("versions")) {
        int n = version.get("version").asInt();
        valid("/api/v1/sites/" + key + "/agenda?version=" + n);
        valid("/api/v1/sites/" + key + "/agenda?version=" + n + "&lang=en");
        valid("/sites/" + key + "/agenda.csv?version=" + n);
      }
      if (json.readTree(agenda.body()).get("versions").size() > 1) {
        valid("/api/v1/sites/" + key + "/agenda/changes");
        valid("/api/v1/sites/" + key + "/agenda/changes?from=1&to=2&lang=en");
      }
    }
    assertThat(
            json.readTree(valid("/api/v1/sites/" + published.key() + "/agenda").body()).toString())
        .contains("\"description\"", "\"participants\"");

    // The tracker, found from the index too: a site that tracks nothing, and one that does.
    assertThat(index.get("links").toString()).contains("/api/v1/sites/{key}/recommendations");
    String tracker = "/api/v1/sites/" + published.key() + "/recommendations";
    valid("/api/v1/sites/tijuana/recommendations");
    JsonNode tracked = json.readTree(valid(tracker).body());
    assertThat(tracked.get("recommendations").get(0).get("href").asString())
        .isEqualTo(tracker + "/" + recommendation);
    valid(tracker + "?lang=en");
    for (String table : List.of("recommendations", "progress", "updates", "commitments")) {
      valid(tracker + "?format=csv&table=" + table);
    }
    valid(tracker + "/" + recommendation);
    valid(tracker + "/" + recommendation + "?lang=es");
    valid(tracker + "/" + recommendation + "?format=csv");

    // The indicators, found from the index too.
    assertThat(index.get("links").toString()).contains("/api/v1/indicators");
    JsonNode leon = json.readTree(valid(LEON).body());
    assertThat(leon.toString()).contains("\"ratePer100k\"", "\"count\":null", "\"license\"");
    valid(LEON + "&lang=es");
    valid(LEON + "&lang=en");
    valid(LEON + "&measure=crimes&format=json");
    assertThat(valid(LEON + "&format=csv").headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/csv");
    assertThat(answer(LEON, "Accept", "text/csv").body()).startsWith("\uFEFFplace,");
    valid("/api/v1/indicators?state=11&crime=homicidio%20doloso&from=2021-01&to=2021-12");
    valid("/api/v1/indicators?crime=Homicidio%20doloso&from=2021-01&to=2021-03");
    // A comparable series across the 2026 catalogue change, which says where it breaks.
    assertThat(
            valid("/api/v1/indicators?municipality=11020&series=secuestro&from=2025-01&to=2026-03")
                .body())
        .contains("\"breaks\"", "\"definition-changed\"");
    valid("/api/v1/indicators?municipality=11020&crime=secuestro&from=2025-01&to=2026-03&lang=en");
    valid("/api/v1/indicators?series=robo-con-violencia&from=2025-01&to=2025-03&format=csv");
    // The municipality beside its neighbours.
    assertThat(json.readTree(valid(NEIGHBOURS).body()).get("municipalities").size()).isEqualTo(4);
    valid(NEIGHBOURS + "&year=2021&lang=es");
    valid("/api/v1/indicators/neighbours?municipality=11020&crime=homicidio%20doloso&lang=en");
    valid("/api/v1/indicators/neighbours?municipality=02004&series=feminicidio");

    // The engagement log, found from the index too.
    assertThat(index.get("links").toString()).contains("/api/v1/sites/{key}/engagement");
    fixtures.actAs(coordinator);
    engagement.add(
        published,
        new org.tejido.participation.EngagementLog.Entry(
            java.time.LocalDate.of(2026, 3, 2),
            org.tejido.participation.EngagementKind.AUTHORITIES,
            "Cabildo: regidora de seguridad",
            "La agenda, versión 2",
            null,
            "https://example.org/acta"));
    fixtures.actAsNobody();
    String log = "/api/v1/sites/" + published.key() + "/engagement";
    assertThat(valid(log).body()).contains("\"authorities\"", "\"license\"");
    valid(log + "?lang=en");
    valid(log + "?format=json");
    assertThat(valid(log + "?format=csv").body()).startsWith("\uFEFFdate,kind,");
    valid("/api/v1/sites/" + unpublished.key() + "/engagement");

    // The National Agenda, found from the index too: published here, whatever else was.
    assertThat(index.get("links").toString()).contains("/api/v1/national-agenda");
    int national = publishNational(published);
    JsonNode nationalJson = json.readTree(valid("/api/v1/national-agenda").body());
    assertThat(nationalJson.get("versions")).isNotEmpty();
    valid("/api/v1/national-agenda?lang=es");
    valid("/api/v1/national-agenda?lang=en");
    valid("/api/v1/national-agenda?version=" + national);
    valid("/api/v1/national-agenda?version=" + national + "&lang=en");
    assertThat(answer("/api/v1/national-agenda?version=99999").statusCode()).isEqualTo(404);

    // Conditional requests.
    for (String path :
        List.of(
            "/api/v1/national-agenda",
            "/api/v1/national-agenda?version=" + national,
            "/api/v1",
            "/api/v1/catalog",
            "/api/v1/sites",
            "/api/v1/sites/tijuana",
            "/api/v1/sites/tijuana/agenda",
            "/api/v1/sites/tijuana/agenda?version=1",
            "/sites/tijuana/agenda.csv",
            "/sites/tijuana/agenda.csv?version=1",
            "/api/v1/sites/" + published.key() + "/agenda/changes?from=1&to=2",
            "/api/v1/sites/" + published.key() + "/recommendations",
            "/api/v1/sites/" + published.key() + "/recommendations/" + recommendation,
            LEON,
            LEON + "&format=csv",
            NEIGHBOURS,
            log,
            log + "?format=csv")) {
      String etag = send("GET", path).headers().firstValue("ETag").orElseThrow();
      var again = answer(path, "If-None-Match", etag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
    }

    // The error paths.
    for (String path :
        List.of(
            "/api/v1/sites/atlantis",
            "/api/v1/sites/atlantis/agenda",
            "/sites/atlantis/agenda.csv",
            "/api/v1/sites/acapulco/agenda",
            "/sites/acapulco/agenda.csv",
            "/api/v1/sites/" + unpublished.key() + "/agenda",
            "/sites/" + unpublished.key() + "/agenda.csv",
            "/api/v1/sites/tijuana/agenda?version=42",
            "/api/v1/sites/atlantis/recommendations",
            "/api/v1/sites/tijuana/recommendations/" + recommendation,
            "/api/v1/sites/" + published.key() + "/recommendations/not-an-id",
            "/sites/tijuana/agenda.csv?version=42",
            "/api/v1/sites/" + published.key() + "/agenda/changes?from=1&to=42",
            "/api/v1/sites/" + unpublished.key() + "/agenda/changes",
            "/api/v1/sites/atlantis/engagement")) {
      assertThat(answer(path).statusCode()).as(path).isEqualTo(404);
    }
    for (String path :
        List.of(
            "/api/v1/sites/tijuana/agenda?version=0",
            "/api/v1/sites/tijuana/agenda?version=abc",
            "/api/v1/sites/tijuana/recommendations?format=xml",
            "/api/v1/sites/tijuana/recommendations?format=csv&table=people",
            "/api/v1/sites/tijuana/recommendations/" + recommendation + "?lang=fr",
            "/sites/tijuana/agenda.csv?version=abc",
            "/api/v1/sites/tijuana/agenda?version=1&version=2",
            "/sites/tijuana/agenda.csv?version=1&version=1",
            "/api/v1/national-agenda?version=abc",
            "/api/v1/national-agenda?lang=fr",
            "/api/v1/sites?lang=es&lang=en",
            "/api/v1?lang=fr",
            "/api/v1/catalog?lang=fr",
            "/api/v1/sites?lang=fr",
            "/api/v1/sites/tijuana?lang=fr",
            "/api/v1/sites/tijuana/agenda?lang=fr",
            "/sites/tijuana/agenda.csv?lang=fr",
            "/api/v1/sites/" + published.key() + "/agenda/changes?from=2&to=1",
            "/api/v1/sites/" + published.key() + "/agenda/changes?from=one")) {
      assertThat(answer(path).statusCode()).as(path).isIn(400, 404);
    }
    String indicators = "/api/v1/indicators?municipality=11020&crime=Homicidio%20doloso";
    for (String[] refused :
        new String[][] {
          {indicators.replace("11020", "1102") + "&from=2021-01&to=2021-12", "indicators.place"},
          {indicators + "&state=11&from=2021-01&to=2021-12", "indicators.place"},
          {indicators + "&from=2021-12&to=2021-01", "indicators.period"},
          {indicators + "&from=1990-01&to=2024-12", "indicators.period"},
          {indicators + "&from=2021-13&to=2021-12", "indicators.period"},
          {
            indicators.replace("doloso", "dolso") + "&from=2021-01&to=2021-12&lang=en",
            "indicators.unknown-crime"
          },
          {indicators + "&from=2021-01", "request.invalid"},
          {indicators + "&from=2021-01&to=2021-12&measure=arrests", "request.invalid"},
          {indicators + "&from=2021-01&to=2021-12&format=xml", "request.invalid"},
          {LEON + "&lang=fr", "lang.invalid"},
          {
            "/api/v1/indicators?municipality=11020&series=nada&from=2021-01&to=2021-12",
            "indicators.unknown-series"
          },
          {LEON + "&series=secuestro", "request.invalid"},
          {NEIGHBOURS.replace("11020", "11999"), "indicators.place"},
          {NEIGHBOURS + "&year=20x1", "indicators.period"},
          {NEIGHBOURS.replace("homicidio-doloso", "nada"), "indicators.unknown-series"},
          {"/api/v1/indicators/neighbours?municipality=11020", "request.invalid"},
          {NEIGHBOURS + "&lang=fr", "lang.invalid"},
          {LEON + "&from=2021-01", "parameter.repeated"},
          {log + "?format=xml", "request.invalid"},
          {log + "?lang=fr", "lang.invalid"}
        }) {
      var answer = answer(refused[0]);
      assertThat(answer.statusCode()).as(refused[0]).isEqualTo(400);
      assertThat(json.readTree(answer.body()).get("code").asString())
          .as(refused[0])
          .isEqualTo(refused[1]);
    }
    assertThat(
            answer(indicators.replace("doloso", "dolso") + "&from=2021-01&to=2021-12&lang=en")
                .body())
        .contains("Homicidio doloso", "The closest names");
    for (String path :
        List.of(
            "/api/v1",
            "/api/v1/catalog",
            "/api/v1/sites",
            "/api/v1/sites/tijuana",
            "/api/v1/sites/tijuana/agenda",
            "/sites/tijuana/agenda.csv",
            "/api/v1/sites/" + published.key() + "/agenda/changes",
            "/api/v1/national-agenda",
            "/api/v1/sites/tijuana/recommendations",
            "/api/v1/sites/" + published.key() + "/recommendations/" + recommendation,
            LEON,
            NEIGHBOURS,
            log)) {
      for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
        assertThat(answerTo(method, path).statusCode()).as(method + " " + path).isEqualTo(405);
      }
      var problemOnly = answer(path, "Accept", "application/problem+json");
      assertThat(problemOnly.statusCode()).as(path).isIn(200, 406);
    }
    assertThat(answer(LEON, "Accept", "application/problem+json").statusCode()).isEqualTo(406);
    assertThat(answer(NEIGHBOURS, "Accept", "application/problem+json").statusCode())
        .isEqualTo(406);
    assertThat(answer(log, "Accept", "application/problem+json").statusCode()).isEqualTo(406);
    assertThat(
            answer("/api/v1/sites/tijuana/recommendations", "Accept", "application/problem+json")
                .statusCode())
        .isEqualTo(406);
    assertThat(
            answer(
                    "/api/v1/sites/" + published.key() + "/recommendations/" + recommendation,
                    "Accept",
                    "application/problem+json")
                .statusCode())
        .isEqualTo(406);

    assertThat(failures).as("answers the document does not describe").isEmpty();
    assertThat(checked).isGreaterThan(80);
    assertThat(met).as("documented answers the crawl met").containsAll(documentedAnswers());
  }

  @Test
  void theDocumentDescribesOnlyPublicReadsWithTheirRealMetadata() throws Exception {
    JsonNode document = json.readTree(send("GET", "/api/v1/openapi.json").body());
    assertThat(document.at("/info/title").asString()).isEqualTo("Tejido open data API");
    assertThat(document.at("/info/version").asString()).startsWith("1");
    assertThat(document.at("/info/license/url").asString()).startsWith("https://");
    // Never the request's Host header.
    assertThat(document.at("/servers/0/url").asString()).isEqualTo("/");
    List<String> paths = new ArrayList<>();
    document.get("paths").propertyNames().forEach(paths::add);
    assertThat(paths)
        .containsExactlyInAnyOrder(
            "/api/v1",
            "/api/v1/sites",
            "/api/v1/sites/{key}",
            "/api/v1/sites/{key}/agenda",
            "/api/v1/sites/{key}/agenda/changes",
            "/api/v1/sites/{key}/engagement",
            "/api/v1/catalog",
            "/api/v1/indicators",
            "/api/v1/indicators/neighbours",
            "/api/v1/national-agenda",
            "/api/v1/sites/{key}/recommendations",
            "/api/v1/sites/{key}/recommendations/{id}",
            "/sites/{key}/agenda.csv");
    List<String> operationIds = new ArrayList<>();
    document
        .get("paths")
        .forEach(p -> p.forEach(o -> operationIds.add(o.at("/operationId").asString())));
    assertThat(operationIds)
        .containsExactlyInAnyOrder(
            "getApiIndex",
            "listSites",
            "getSite",
            "getAgenda",
            "getAgendaChanges",
            "getAgendaCsv",
            "getEngagementLog",
            "getCatalog",
            "getIndicators",
            "getNeighbourComparison",
            "getNationalAgenda",
            "listRecommendations",
            "getRecommendation");
    JsonNode indicators = document.at("/paths/~1api~1v1~1indicators/get");
    assertThat(indicators.at("/responses/200/content").has("text/csv")).isTrue();
    assertThat(indicators.at("/responses/200/content").has("application/json")).isTrue();
    assertThat(indicators.get("responses").propertyNames())
        .contains("200", "304", "400", "405", "406");
    assertThat(document.at("/components/schemas/Problem/properties/code/enum").toString())
        .contains(
            "indicators.place",
            "indicators.period",
            "indicators.unknown-crime",
            "indicators.unknown-series");
    assertThat(document.toString()).doesNotContain("\"empty\"", "*/*", "localhost");
  }

  private void load(String document) {
    validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(document)
            .withLevelResolver(
                LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build())
            .build();
    model = new OpenAPIV3Parser().readContents(document).getOpenAPI();
    assertThat(model).isNotNull();
  }

  /** A request the document allows, whose answer must be a 200 the document describes. */
  private HttpResponse<String> valid(String path) throws Exception {
    var response = answer(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response;
  }

  private HttpResponse<String> answer(String path, String... headers) throws Exception {
    return answerTo("GET", path, headers);
  }

  /**
   * Sends a request and checks its answer against the document. A refused method is checked against
   * the GET of the same address, which documents the 405 and its {@code Allow}.
   */
  private HttpResponse<String> answerTo(String method, String path, String... headers)
      throws Exception {
    var response = send(method, path, headers);
    checked++;
    URI uri = URI.create(path);
    String template = template(uri.getPath());
    if (template == null) {
      failures.add(method + " " + path + ": no path of the document matches");
      return response;
    }
    met.add(template + " " + response.statusCode());
    SimpleResponse.Builder answer = new SimpleResponse.Builder(response.statusCode());
    response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
    response.headers().firstValue("Content-Type").ifPresent(answer::withContentType);
    if (!response.body().isEmpty()) {
      answer.withBody(response.body());
    }
    ValidationReport report;
    boolean requestWithinContract = "GET".equals(method) && response.statusCode() < 300;
    if (requestWithinContract) {
      SimpleRequest.Builder request = SimpleRequest.Builder.get(uri.getPath());
      query(uri).forEach(request::withQueryParam);
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.withHeader(headers[i], headers[i + 1]);
      }
      report = validator.validate(request.build(), answer.build());
    } else {
      report = validator.validateResponse(uri.getPath(), Request.Method.GET, answer.build());
    }
    report
        .getMessages()
        .forEach(
            m -> failures.add(method + " " + path + " -> " + response.statusCode() + ": " + m));
    undocumentedHeaders(method + " " + path, template, response);
    return response;
  }

  private void undocumentedHeaders(String request, String template, HttpResponse<String> response) {
    ApiResponse documented =
        resolve(
            model
                .getPaths()
                .get(template)
                .getGet()
                .getResponses()
                .get(String.valueOf(response.statusCode())));
    if (documented == null) {
      return; // The validator has already said so.
    }
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    if (documented.getHeaders() != null) {
      names.addAll(documented.getHeaders().keySet());
    }
    boolean error = response.statusCode() >= 400;
    for (String header : CONTRACT_HEADERS) {
      // Errors say they must not be cached; the Link of an error is the filter's, not a promise.
      if (error && (header.equals("Cache-Control") || header.equals("Link"))) {
        continue;
      }
      if (response.headers().firstValue(header).isPresent() && !names.contains(header)) {
        failures.add(request + " -> " + response.statusCode() + ": undocumented header " + header);
      }
    }
  }

  private ApiResponse resolve(ApiResponse response) {
    if (response != null && response.get$ref() != null) {
      String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
      return model.getComponents().getResponses().get(name);
    }
    return response;
  }

  private String template(String path) {
    for (String template : model.getPaths().keySet()) {
      if (Pattern.matches(template.replaceAll("\\{[^/]+}", "[^/]+").replace(".", "\\."), path)) {
        return template;
      }
    }
    return null;
  }

  private Set<String> documentedAnswers() {
    Set<String> all = new TreeSet<>();
    for (Map.Entry<String, PathItem> path : model.getPaths().entrySet()) {
      path.getValue()
          .getGet()
          .getResponses()
          .keySet()
          .forEach(status -> all.add(path.getKey() + " " + status));
    }
    return all;
  }

  private static Map<String, List<String>> query(URI uri) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query
            .computeIfAbsent(
                URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
            .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return query;
  }

  private HttpResponse<String> send(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Autowired org.tejido.agenda.NationalAgendas nationalAgendas;
  @Autowired org.tejido.agenda.NationalAgendaEditing nationalEditing;
  @Autowired org.tejido.agenda.Agendas agendas;

  /** Publishes a National Agenda with one thread on the site's published issue: its number. */
  private int publishNational(Site site) {
    fixtures.actAs(fixtures.administrator());
    try {
      if (nationalAgendas.draft().isPresent()) {
        nationalEditing.discardDraft();
      }
      nationalEditing.startDraft();
      UUID issue = agendas.latestPublished(site).orElseThrow().issues().get(0).id();
      UUID thread =
          nationalEditing.addThread(
              new org.tejido.agenda.NationalThreadInput(
                  "Hilo", "Thread", "Descripción", "Description", "personal", List.of(issue)));
      nationalEditing.addStatement(
          new org.tejido.agenda.NationalStatementInput(
              org.tejido.agenda.NationalStatement.Kind.REQUIREMENT,
              "Requerimiento",
              "Requirement",
              List.of(thread)));
      return nationalEditing.publish().number();
    } finally {
      fixtures.actAsNobody();
    }
  }

  private void publish(Fixtures.Person coordinator, Site site, String title, Integer people) {
    fixtures.actAs(coordinator);
    try {
      editing.startDraft(site);
      editing.setParticipants(site, people);
      editing.addIssue(
          site,
          new IssueInput(
              title, title + " (en)", "Descripción", "Description", List.of("personal"), false));
      editing.publish(site);
    } finally {
      fixtures.actAsNobody();
    }
  }

  /**
   * Publishes a proposal at the site and tracks it: a recommendation with an official report (with
   * a file) and a community assessment, and a Mesa commitment. Returns the recommendation's id.
   */
  private String track(Site site) {
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    try {
      editing.startDraft(site);
      var issue = agendas.draftForTeam(site).orElseThrow().issues().get(0).id();
      editing.addProposal(
          site,
          new org.tejido.agenda.ProposalInput(
              "authorities", "Más alumbrado", "More lighting", List.of(issue)));
      editing.publish(site);
      var proposal = agendas.latestPublished(site).orElseThrow().proposals().get(0).id();
      var institution =
          observatory.addInstitution(
              site,
              new org.tejido.observatory.internal.Observatory.InstitutionInput(
                  "Obras Públicas", "municipal", "government", "tel. 555 0101"));
      var recommendation =
          observatory.addRecommendation(
              site,
              new org.tejido.observatory.internal.Observatory.RecommendationInput(
                  "Instalar alumbrado",
                  "Install lighting",
                  "authorities",
                  List.of(institution.toString()),
                  List.of("personal"),
                  List.of("16.1"),
                  "5",
                  "2026-01-01",
                  "2026-06-30",
                  List.of(proposal.toString())));
      var session =
          observatory.addSession(
              site,
              new org.tejido.observatory.internal.Observatory.SessionInput(
                  "2026-01-15", "Acuerdos", List.of(institution.toString())));
      observatory.addCommitment(
          site,
          session,
          new org.tejido.observatory.internal.Observatory.CommitmentInput(
              institution.toString(),
              "Reparar luminarias",
              "2026-02-01",
              List.of(recommendation.toString())));
      for (String source : List.of("official", "community")) {
        observatory.addUpdate(
            site,
            recommendation,
            new org.tejido.observatory.internal.Observatory.UpdateInput(
                source,
                source.equals("official") ? "implemented" : "stalled",
                source.equals("official") ? "" : "Sin presupuesto",
                source.equals("official") ? "100" : "10",
                "Informe",
                "https://municipio.example/informe",
                "2026-03-01",
                source.equals("official") ? "acta.pdf" : null,
                source.equals("official") ? "%PDF-1.4 x".getBytes() : null));
      }
      return recommendation.toString();
    } finally {
      fixtures.actAsNobody();
    }
  }
}
