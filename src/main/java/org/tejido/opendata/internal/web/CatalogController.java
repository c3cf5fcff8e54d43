package org.tejido.opendata.internal.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.opendata.internal.OpenDatasets;
import org.tejido.opendata.internal.OpenDatasets.AgendaDataset;
import org.tejido.opendata.internal.OpenDatasets.IndicatorsDataset;
import org.tejido.opendata.internal.OpenDatasets.TrackerDataset;
import org.tejido.shared.LocalizedText;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.OpenDataResponses;
import org.tejido.shared.web.PublicReads;

/**
 * The DCAT-AP catalogue, in JSON-LD, for data portals (a CKAN with ckanext-dcat, data.europa.eu,
 * datos.gob.mx) to harvest: one dataset per site's published agenda, with a JSON and a CSV
 * distribution. Fictional sites are left out: a harvester cannot be trusted to keep a "fictional"
 * flag, and made-up data must not reach a portal as a real place's. The context is inline, so the
 * document reads without fetching anything.
 */
@RestController
@Tag(name = "Catalogue", description = "DCAT-AP catalogue of the datasets, for data portals")
class CatalogController {

  static final String JSON_LD = "application/ld+json";

  private static final String LANGUAGE =
      "http://publications.europa.eu/resource/authority/language/";
  private static final String FILE_TYPE =
      "http://publications.europa.eu/resource/authority/file-type/";
  private static final String MEDIA_TYPE = "http://www.iana.org/assignments/media-types/";
  private static final String THEME =
      "http://publications.europa.eu/resource/authority/data-theme/";

  private final OpenDatasets datasets;
  private final MessageSource messages;
  private final OpenDataResponses responses;

  CatalogController(OpenDatasets datasets, MessageSource messages, OpenDataResponses responses) {
    this.datasets = datasets;
    this.messages = messages;
    this.responses = responses;
  }

  /** What the catalogue's JSON-LD looks like, for the OpenAPI document only. */
  @Schema(
      name = "Catalog",
      description = "A dcat:Catalog in JSON-LD, with its context inline",
      requiredProperties = {
        "@context",
        "@id",
        "@type",
        "dcterms:title",
        "dcterms:description",
        "dcterms:publisher",
        "dcterms:license",
        "dcterms:rights",
        "dcterms:language",
        "foaf:homepage",
        "dcat:dataset"
      })
  record CatalogDocument(
      @JsonProperty("@context") Map<String, String> context,
      @JsonProperty("@id") String id,
      @JsonProperty("@type") @Schema(allowableValues = "dcat:Catalog") String type,
      @JsonProperty("dcterms:title") List<Literal> title,
      @JsonProperty("dcterms:description") List<Literal> description,
      @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          @JsonProperty("dcterms:publisher")
          Map<String, Object> publisher,
      @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          @JsonProperty("dcterms:license")
          Map<String, Object> license,
      @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          @JsonProperty("dcterms:rights")
          Map<String, Object> rights,
      @JsonProperty("dcterms:language") List<Map<String, String>> language,
      @JsonProperty("foaf:homepage") Map<String, String> homepage,
      @Schema(description = "The latest publication; absent while nothing is published")
          @JsonProperty("dcterms:modified")
          Map<String, String> modified,
      @ArraySchema(
              arraySchema =
                  @Schema(
                      description =
                          "One dcat:Dataset per site's published agenda, and one for the"
                              + " official crime indicators once imported"),
              schema =
                  @Schema(
                      type = "object",
                      additionalProperties = Schema.AdditionalPropertiesValue.TRUE))
          @JsonProperty("dcat:dataset")
          List<Map<String, Object>> dataset) {}

  /** A text tagged with its language. */
  @Schema(
      name = "LanguageLiteral",
      requiredProperties = {"@value", "@language"})
  record Literal(
      @JsonProperty("@value") String value,
      @JsonProperty("@language") @Schema(allowableValues = {"es", "en"}) String language) {}

  @GetMapping(value = "/api/v1/catalog", produces = JSON_LD)
  @Operation(
      operationId = "getCatalog",
      summary = "The DCAT-AP catalogue",
      description =
          "A dcat:Catalog in JSON-LD (inline context) listing each site's published agenda as a"
              + " dcat:Dataset with JSON and CSV distributions, its licence and last publication"
              + " date, each site's public tracker of recommendations (JSON and CSV) once it"
              + " tracks one, and the official crime indicators (JSON and CSV) once imported."
              + " Fictional demonstration sites are not listed.")
  @ApiResponse(
      responseCode = "200",
      description = "A dcat:Catalog",
      content =
          @Content(mediaType = JSON_LD, schema = @Schema(implementation = CatalogDocument.class)))
  ResponseEntity<Map<String, Object>> catalog(HttpServletRequest request) {
    String base = datasets.baseUrl(request);
    OpenDataProperties properties = datasets.properties();
    OpenDataProperties.License licence = properties.license();
    Map<String, Object> publisher = node(base + "/#publisher", "foaf:Agent");
    publisher.put("foaf:name", properties.publisher().name());
    if (properties.publisher().url() != null && !properties.publisher().url().isBlank()) {
      publisher.put("foaf:homepage", id(properties.publisher().url()));
    }
    Map<String, Object> licenceNode = node(licence.url(), "dcterms:LicenseDocument");
    licenceNode.put("dcterms:title", licence.name());
    licenceNode.put("dcterms:identifier", licence.id());

    List<Object> entries = new ArrayList<>();
    Instant modified = null;
    for (AgendaDataset d : datasets.agendas()) {
      if (d.site().fictional()) {
        continue;
      }
      entries.add(dataset(base, d, licence));
      if (modified == null || d.latest().publishedAt().isAfter(modified)) {
        modified = d.latest().publishedAt();
      }
    }

    for (TrackerDataset t : datasets.trackers()) {
      if (!t.site().fictional()) {
        entries.add(tracker(base, t, licence));
      }
    }

    var indicators = datasets.indicators();
    if (indicators.isPresent()) {
      entries.add(indicators(base, indicators.get(), licence));
      Instant imported = indicators.get().lastImport();
      if (imported != null && (modified == null || imported.isAfter(modified))) {
        modified = imported;
      }
    }

    Map<String, Object> catalog = new LinkedHashMap<>();
    catalog.put("@context", context());
    catalog.put("@id", base + "/api/v1/catalog");
    catalog.put("@type", "dcat:Catalog");
    catalog.put("dcterms:title", text("opendata.catalog.title"));
    catalog.put("dcterms:description", text("opendata.catalog.description"));
    catalog.put("dcterms:publisher", publisher);
    catalog.put("dcterms:license", licenceNode);
    // The credit line, as DCAT-AP expects rights: a statement, not a bare string.
    Map<String, Object> rights = new LinkedHashMap<>();
    rights.put("@type", "dcterms:RightsStatement");
    rights.put("rdfs:label", licence.attribution());
    catalog.put("dcterms:rights", rights);
    catalog.put("dcterms:language", List.of(id(LANGUAGE + "SPA"), id(LANGUAGE + "ENG")));
    catalog.put("foaf:homepage", id(base + "/datos"));
    if (modified != null) {
      catalog.put("dcterms:modified", dateTime(modified));
    }
    catalog.put("dcat:dataset", entries);
    // Titles and descriptions in both languages, each tagged with its own.
    return responses.json(
        catalog, MediaType.parseMediaType(JSON_LD), PublicReads.LATEST, null, null);
  }

  private Map<String, Object> dataset(
      String base, AgendaDataset d, OpenDataProperties.License licence) {
    Map<String, Object> dataset = node(base + d.pagePath(), "dcat:Dataset");
    dataset.put("dcterms:identifier", base + d.pagePath());
    dataset.put("dcterms:title", text("opendata.dataset.title", d.place()));
    dataset.put("dcterms:description", text("opendata.dataset.description", d.place()));
    dataset.put("dcterms:publisher", id(base + "/#publisher"));
    dataset.put("dcterms:issued", dateTime(d.first().publishedAt()));
    dataset.put("dcterms:modified", dateTime(d.latest().publishedAt()));
    dataset.put("dcat:version", String.valueOf(d.latest().number()));
    dataset.put("dcterms:language", List.of(id(LANGUAGE + "SPA"), id(LANGUAGE + "ENG")));
    dataset.put("dcat:landingPage", id(base + d.pagePath()));
    dataset.put("dcat:theme", List.of(id(THEME + "JUST"), id(THEME + "SOCI")));
    List<Object> keywords = new ArrayList<>();
    for (String key : List.of("opendata.keyword.human-security", "opendata.keyword.agenda")) {
      keywords.addAll(text(key));
    }
    keywords.add(literal(d.site().municipality(), "es"));
    dataset.put("dcat:keyword", keywords);
    Map<String, Object> spatial = new LinkedHashMap<>();
    spatial.put("@type", "dcterms:Location");
    spatial.put("locn:geographicName", d.place());
    // INEGI's 5-digit municipality key (Marco Geoestadístico).
    spatial.put("dcterms:identifier", d.site().inegiCode());
    dataset.put("dcterms:spatial", spatial);
    dataset.put(
        "dcat:distribution",
        List.of(
            distribution(
                base + d.jsonPath(),
                "JSON",
                "application/json",
                text("opendata.distribution.json"),
                d,
                licence),
            distribution(
                base + d.csvPath(),
                "CSV",
                "text/csv",
                text("opendata.distribution.csv"),
                d,
                licence)));
    return dataset;
  }

  /**
   * The official crime indicators: one dataset for the whole country, read by place, crime and
   * period, so its distributions are access URLs (an API), not downloads.
   */
  private Map<String, Object> indicators(
      String base, IndicatorsDataset d, OpenDataProperties.License licence) {
    Map<String, Object> dataset = node(base + "/datos#indicators", "dcat:Dataset");
    dataset.put("dcterms:identifier", base + d.jsonPath());
    dataset.put("dcterms:title", text("opendata.indicators.title"));
    dataset.put("dcterms:description", text("opendata.indicators.description"));
    dataset.put("dcterms:publisher", id(base + "/#publisher"));
    if (d.lastImport() != null) {
      dataset.put("dcterms:modified", dateTime(d.lastImport()));
    }
    dataset.put("dcterms:language", List.of(id(LANGUAGE + "SPA"), id(LANGUAGE + "ENG")));
    dataset.put("dcat:landingPage", id(base + "/datos"));
    dataset.put("dcat:theme", List.of(id(THEME + "JUST"), id(THEME + "SOCI")));
    List<Object> keywords = new ArrayList<>();
    for (String key : List.of("opendata.keyword.crime", "opendata.keyword.indicators")) {
      keywords.addAll(text(key));
    }
    dataset.put("dcat:keyword", keywords);
    Map<String, Object> spatial = new LinkedHashMap<>();
    spatial.put("@type", "dcterms:Location");
    spatial.put("locn:geographicName", "México");
    dataset.put("dcterms:spatial", spatial);
    List<Object> distributions = new ArrayList<>();
    for (String[] format :
        List.of(
            new String[] {d.jsonPath(), "JSON", "application/json", "indicators-json"},
            new String[] {d.csvPath(), "CSV", "text/csv", "indicators-csv"})) {
      String url = base + format[0];
      Map<String, Object> distribution =
          node(base + d.jsonPath() + "#" + format[3], "dcat:Distribution");
      distribution.put("dcterms:title", text("opendata.distribution." + format[3]));
      distribution.put("dcat:accessURL", id(url));
      distribution.put("dcterms:format", id(FILE_TYPE + format[1]));
      distribution.put("dcat:mediaType", id(MEDIA_TYPE + format[2]));
      distribution.put("dcterms:license", id(licence.url()));
      distributions.add(distribution);
    }
    dataset.put("dcat:distribution", distributions);
    return dataset;
  }

  /**
   * A site's public tracker: its recommendations with the officials' and the community's statuses;
   * it changes whenever the observatory records something, so it carries no modification date.
   */
  private Map<String, Object> tracker(
      String base, TrackerDataset t, OpenDataProperties.License licence) {
    Map<String, Object> dataset = node(base + t.pagePath(), "dcat:Dataset");
    dataset.put("dcterms:identifier", base + t.pagePath());
    dataset.put("dcterms:title", text("opendata.tracker.title", t.place()));
    dataset.put("dcterms:description", text("opendata.tracker.description", t.place()));
    dataset.put("dcterms:publisher", id(base + "/#publisher"));
    dataset.put("dcterms:language", List.of(id(LANGUAGE + "SPA"), id(LANGUAGE + "ENG")));
    dataset.put("dcat:landingPage", id(base + t.pagePath()));
    dataset.put("dcat:theme", List.of(id(THEME + "JUST"), id(THEME + "SOCI")));
    List<Object> keywords = new ArrayList<>();
    for (String key : List.of("opendata.keyword.human-security", "opendata.keyword.monitoring")) {
      keywords.addAll(text(key));
    }
    keywords.add(literal(t.site().municipality(), "es"));
    dataset.put("dcat:keyword", keywords);
    Map<String, Object> spatial = new LinkedHashMap<>();
    spatial.put("@type", "dcterms:Location");
    spatial.put("locn:geographicName", t.place());
    spatial.put("dcterms:identifier", t.site().inegiCode());
    dataset.put("dcterms:spatial", spatial);
    List<Object> distributions = new ArrayList<>();
    for (String[] format :
        List.of(
            new String[] {t.jsonPath(), "JSON", "application/json", "tracker-json"},
            new String[] {t.csvPath(), "CSV", "text/csv", "tracker-csv"})) {
      String url = base + format[0];
      Map<String, Object> distribution =
          node(base + t.jsonPath() + "#" + format[3], "dcat:Distribution");
      distribution.put("dcterms:title", text("opendata.distribution." + format[3]));
      distribution.put("dcat:accessURL", id(url));
      distribution.put("dcat:downloadURL", id(url));
      distribution.put("dcterms:format", id(FILE_TYPE + format[1]));
      distribution.put("dcat:mediaType", id(MEDIA_TYPE + format[2]));
      distribution.put("dcterms:license", id(licence.url()));
      distributions.add(distribution);
    }
    dataset.put("dcat:distribution", distributions);
    return dataset;
  }

  private Map<String, Object> distribution(
      String url,
      String format,
      String mediaType,
      List<Map<String, String>> title,
      AgendaDataset d,
      OpenDataProperties.License licence) {
    Map<String, Object> distribution = node(url + "#distribution", "dcat:Distribution");
    distribution.put("dcterms:title", title);
    distribution.put("dcat:accessURL", id(url));
    distribution.put("dcat:downloadURL", id(url));
    distribution.put("dcterms:format", id(FILE_TYPE + format));
    distribution.put("dcat:mediaType", id(MEDIA_TYPE + mediaType));
    distribution.put("dcterms:license", id(licence.url()));
    distribution.put("dcterms:modified", dateTime(d.latest().publishedAt()));
    return distribution;
  }

  private static Map<String, Object> context() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("dcat", "http://www.w3.org/ns/dcat#");
    context.put("dcterms", "http://purl.org/dc/terms/");
    context.put("foaf", "http://xmlns.com/foaf/0.1/");
    context.put("locn", "http://www.w3.org/ns/locn#");
    context.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
    context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
    return context;
  }

  private static Map<String, Object> node(String id, String type) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("@id", id);
    node.put("@type", type);
    return node;
  }

  private static Map<String, String> id(String iri) {
    return Map.of("@id", iri);
  }

  private static Map<String, String> dateTime(Instant instant) {
    return Map.of("@value", instant.toString(), "@type", "xsd:dateTime");
  }

  private static Map<String, String> literal(String value, String language) {
    return Map.of("@value", value, "@language", language);
  }

  /** A message in Spanish and in English, each tagged with its language. */
  private List<Map<String, String>> text(String key, Object... args) {
    List<Map<String, String>> both = new ArrayList<>();
    for (Locale locale : List.of(LocalizedText.SPANISH, LocalizedText.ENGLISH)) {
      both.add(literal(messages.getMessage(key, args, locale), locale.getLanguage()));
    }
    return both;
  }
}
