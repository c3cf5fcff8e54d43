package org.tejido.opendata.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.OpenDataResponses;
import org.tejido.shared.web.PublicReads;

/** The entry point of the API: where every collection is, so a client needs only this address. */
@RestController
@Tag(name = "Index", description = "Where every collection of the open data API is")
class ApiIndexController {

  private final OpenDataProperties openData;
  private final OpenDataResponses responses;

  ApiIndexController(OpenDataProperties openData, OpenDataResponses responses) {
    this.openData = openData;
    this.responses = responses;
  }

  /**
   * A link. {@code templated} links are RFC 6570 URI templates ({@code {key}} is a site's key, as
   * listed by the sites collection).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(requiredProperties = {"rel", "href"})
  record Link(String rel, String href, String type, Boolean templated, String title) {}

  @Schema(
      name = "ApiIndex",
      requiredProperties = {"title", "links", "license"})
  record Index(String title, List<Link> links, OpenDataProperties.License license) {}

  private static final String JSON = "application/json";

  // Success is application/json even for Accept: application/problem+json (which gets a 406).
  @GetMapping(
      value = {"/api/v1", "/api/v1/"},
      produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getApiIndex",
      summary = "The API index",
      description =
          "Links to every collection: sites, each site's agenda (JSON and CSV), tracked"
              + " recommendations and engagement log, the National Agenda, the official"
              + " crime indicators, the OpenAPI"
              + " document, the DCAT-AP catalogue and the documentation, with the data licence.")
  ResponseEntity<Index> index() {
    Index index =
        new Index(
            "Tejido open data API v1",
            List.of(
                new Link("self", "/api/v1", JSON, null, "This index"),
                new Link("sites", "/api/v1/sites", JSON, null, "All sites"),
                new Link("site", "/api/v1/sites/{key}", JSON, true, "One site"),
                new Link(
                    "agenda",
                    "/api/v1/sites/{key}/agenda{?version,lang}",
                    JSON,
                    true,
                    "A site's published agenda"),
                new Link(
                    "agenda-changes",
                    "/api/v1/sites/{key}/agenda/changes{?from,to,lang}",
                    JSON,
                    true,
                    "What changed between two published versions of a site's agenda"),
                new Link(
                    "agenda-csv",
                    "/sites/{key}/agenda.csv{?version}",
                    "text/csv",
                    true,
                    "A site's published agenda as CSV"),
                new Link(
                    "agenda-csv-readme",
                    "/sites/{key}/agenda-readme.txt",
                    "text/plain",
                    true,
                    "What the CSV's columns mean, and its licence"),
                new Link(
                    "national-agenda",
                    "/api/v1/national-agenda{?version,lang}",
                    JSON,
                    true,
                    "The published National Agenda: common threads of the local agendas,"
                        + " principles and requirements"),
                new Link(
                    "engagement",
                    "/api/v1/sites/{key}/engagement{?format}",
                    JSON,
                    true,
                    "A site's engagement log: dialogues and dissemination events (JSON or CSV)"),
                new Link(
                    "recommendations",
                    "/api/v1/sites/{key}/recommendations{?format,table,lang}",
                    JSON,
                    true,
                    "A site's tracked recommendations: official and community statuses, progress"
                        + " by domain and addressee, commitments (JSON or CSV)"),
                new Link(
                    "recommendation",
                    "/api/v1/sites/{key}/recommendations/{id}{?format,lang}",
                    JSON,
                    true,
                    "One tracked recommendation with both timelines and its commitments"),
                new Link(
                    "indicators",
                    "/api/v1/indicators{?municipality,state,crime,series,from,to,measure,format,lang}",
                    JSON,
                    true,
                    "Official monthly crime figures and rates for a place (JSON or CSV)"),
                new Link(
                    "indicators-neighbours",
                    "/api/v1/indicators/neighbours{?municipality,crime,series,year,lang}",
                    JSON,
                    true,
                    "A municipality's yearly figure and rate beside its neighbouring"
                        + " municipalities'"),
                new Link(
                    "catalog",
                    "/api/v1/catalog",
                    "application/ld+json",
                    null,
                    "DCAT-AP catalogue of the datasets"),
                new Link(
                    "service-desc",
                    "/api/v1/openapi.json",
                    "application/vnd.oai.openapi+json",
                    null,
                    "OpenAPI document"),
                new Link("service-doc", "/datos/api", "text/html", null, "API documentation"),
                new Link("describedby", "/datos", "text/html", null, "Open data page"),
                new Link(
                    "license", openData.license().url(), null, null, openData.license().name())),
            openData.license());
    // Its titles are in English; it changes only with a new release.
    return responses.json(index, PublicReads.LATEST, null, Locale.ENGLISH);
  }
}
