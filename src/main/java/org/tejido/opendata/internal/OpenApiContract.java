package org.tejido.opendata.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tejido.shared.OpenDataProperties;

/**
 * The OpenAPI document tells a client everything a public read can answer, not only the happy path:
 * the errors every public read shares (a repeated parameter or an unknown {@code lang}, a method
 * other than GET, an Accept that excludes the success type, an unknown site), as one problem+json
 * schema whose {@code code} lists the stable codes; the caching and licence headers; 304 for
 * conditional requests. These rules hold for every public read, because {@code PublicReadsFilter},
 * {@code OpenDataResponses} and the error handling apply them to every address under {@code
 * /api/v1} and every CSV; a new endpoint gets them written down here too. Also: the deployment's
 * metadata and licence, and a server that never comes from the request's Host header.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiContract {

  /** The API's major version, as in {@code /api/v1}. */
  static final String API_VERSION = "1";

  /** Every stable {@code code} a public read can answer with. */
  static final List<String> PROBLEM_CODES =
      List.of(
          "site.not-found",
          "site.suspended",
          "agenda.not-published",
          "agenda.version.not-found",
          "agenda.changes.none",
          "agenda.changes.order",
          "agenda.changes.number",
          "national-agenda.not-published",
          "national-agenda.version.not-found",
          "observatory.recommendation.not-found",
          "page.not-found",
          "indicators.place",
          "indicators.period",
          "indicators.unknown-crime",
          "indicators.unknown-series",
          "request.invalid",
          "lang.invalid",
          "parameter.repeated",
          "method.not-allowed",
          "media-type.not-acceptable",
          "server.error");

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String REF_HEADER = "#/components/headers/";
  private static final String REF_RESPONSE = "#/components/responses/";

  @Bean
  OpenApiCustomizer publicReadsContract(OpenDataProperties openData) {
    return openApi -> {
      info(openApi, openData);
      String base = openData.baseUrl();
      openApi.setServers(
          List.of(
              new Server()
                  .url(base == null || base.isBlank() ? "/" : stripSlash(base))
                  .description("This deployment")));
      // The same index answers at /api/v1/; documenting both would be a path with a trailing
      // slash, which clients and linters read as a second resource.
      if (openApi.getPaths() != null) {
        openApi.getPaths().remove("/api/v1/");
      }
      components(openApi);
      if (openApi.getPaths() != null) {
        openApi.getPaths().forEach(OpenApiContract::operations);
      }
    };
  }

  private static void info(OpenAPI openApi, OpenDataProperties openData) {
    OpenDataProperties.License licence = openData.license();
    String build = OpenApiContract.class.getPackage().getImplementationVersion();
    Info info =
        new Info()
            .title("Tejido open data API")
            .version(build == null ? API_VERSION : API_VERSION + " (Tejido " + build + ")")
            .description(
                "The published Local Human Security Agendas of each site, and the sites, as open"
                    + " data: JSON under /api/v1, CSV next to each agenda, and a DCAT-AP catalogue"
                    + " for data portals. Only what the public pages show is published: never a"
                    + " draft, a silenced issue, a participant or a site suspended for safety.\n\n"
                    + "Every read answers GET and HEAD (and OPTIONS for CORS); it may be read from"
                    + " any origin without credentials. ?lang=es|en chooses the language of texts"
                    + " and errors. Errors are RFC 9457 problem+json with a stable code. Successful"
                    + " reads carry a strong ETag and answer 304 to If-None-Match; a published"
                    + " version (?version=N) never changes and is cached for a year.\n\n"
                    + "Licence of the data: "
                    + licence.name()
                    + ". Credit: "
                    + licence.attribution())
            // The URL: OpenAPI 3.0 has no SPDX identifier (the catalogue and bodies carry it).
            .license(new License().name(licence.name()).url(licence.url()));
    OpenDataProperties.Publisher publisher = openData.publisher();
    if (publisher.url() != null && !publisher.url().isBlank()) {
      info.contact(new Contact().name(publisher.name()).url(publisher.url()));
    }
    openApi.setInfo(info);
  }

  private static void components(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(new io.swagger.v3.oas.models.Components());
    }
    var components = openApi.getComponents();
    Schema<Object> problem =
        object()
            .description("An RFC 9457 problem: why a request was refused, in the asked language")
            .addProperty("type", string("uri").description("Identifies the kind of problem"))
            .addProperty("title", string(null).description("The HTTP status, in words"))
            .addProperty("status", integer().description("The HTTP status code"))
            .addProperty("detail", string(null).description("What went wrong, for a person"))
            .addProperty(
                "instance", string("uri-reference").description("The path that was requested"))
            .addProperty(
                "code", enumOf(PROBLEM_CODES).description("Stable code, for scripts to act upon"));
    problem.setRequired(List.of("type", "title", "status", "detail", "instance", "code"));
    components.addSchemas("Problem", problem);

    components.addHeaders(
        "ETag", header("A strong entity tag: the SHA-256 of the bytes of the body", true));
    components.addHeaders(
        "Cache-Control",
        header(
            "max-age=31536000, public, immutable for a published version (?version=N, or both"
                + " ?from and ?to);"
                + " max-age=60, public otherwise",
            true));
    components.addHeaders(
        "Last-Modified", header("When this version of the agenda was published", true));
    components.addHeaders(
        "Content-Language",
        header("The language of the texts: es or en as ?lang asked, else es, en", true));
    components.addHeaders(
        "Error-Content-Language",
        header("The language of the error: ?lang, else the first supported Accept-Language", true));
    components.addHeaders(
        "Link", header("The data licence, as <url>; rel=\"license\" (and more links)", true));
    components.addHeaders("Allow", header("The methods this address answers", true));
    components.addHeaders(
        "Content-Disposition",
        header("attachment, with a file name naming site and version", true));
    components.addHeaders(
        "Csv-Content-Disposition",
        header("attachment, with a file name: only when the answer is CSV", false));

    Content problemContent =
        new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref("Problem")));
    components.addResponses(
        "BadRequest",
        problem(
            "parameter.repeated (a parameter given twice), lang.invalid (?lang other than es or"
                + " en) or request.invalid (a malformed value, e.g. ?version=abc, or a required"
                + " parameter missing); on the indicators also indicators.place (not a"
                + " municipality or state), indicators.period (not a month, from after to, or more"
                + " than 25 years), indicators.unknown-crime (the detail names the closest"
                + " subtypes) or indicators.unknown-series (the detail lists the comparable"
                + " series); on an agenda's changes also agenda.changes.order (?from not"
                + " before ?to) or agenda.changes.number (not a version number)",
            problemContent));
    components.addResponses(
        "NotFound",
        problem(
            "site.not-found, site.suspended (suspended for safety), agenda.not-published,"
                + " agenda.version.not-found, agenda.changes.none (a single published version)"
                + " or observatory.recommendation.not-found (an unknown id, or one of another"
                + " site); on the National Agenda national-agenda.not-published (none published"
                + " yet) or national-agenda.version.not-found",
            problemContent));
    ApiResponse notAllowed =
        problem(
            "method.not-allowed: this address answers only GET, HEAD and OPTIONS", problemContent);
    notAllowed.addHeaderObject("Allow", headerRef("Allow"));
    components.addResponses("MethodNotAllowed", notAllowed);
    components.addResponses(
        "NotAcceptable",
        problem(
            "media-type.not-acceptable: Accept excludes the success type (e.g. only"
                + " application/problem+json)",
            problemContent));
  }

  private static ApiResponse problem(String description, Content content) {
    return new ApiResponse()
        .description(description)
        .content(content)
        .addHeaderObject("Content-Language", headerRef("Error-Content-Language"));
  }

  private static void operations(String path, PathItem item) {
    for (Operation operation : item.readOperations()) {
      // Public: no credentials, no security scheme.
      operation.setSecurity(new ArrayList<>());
      ApiResponses responses = operation.getResponses();
      ApiResponse ok = responses.get("200");
      if (ok != null) {
        ok.addHeaderObject("Cache-Control", headerRef("Cache-Control"));
        ok.addHeaderObject("ETag", headerRef("ETag"));
        ok.addHeaderObject("Content-Language", headerRef("Content-Language"));
        ok.addHeaderObject("Link", headerRef("Link"));
        if (hasParameter(operation, "version") || hasParameter(operation, "to")) {
          ok.addHeaderObject("Last-Modified", headerRef("Last-Modified"));
        }
        if (ok.getContent() != null && ok.getContent().containsKey("text/csv")) {
          // An address that answers JSON or CSV sends it only with the CSV.
          ok.addHeaderObject(
              "Content-Disposition",
              headerRef(
                  ok.getContent().size() == 1 ? "Content-Disposition" : "Csv-Content-Disposition"));
        }
      }
      Map<String, ApiResponse> added = new LinkedHashMap<>();
      if (ok != null) {
        // A 304 repeats the headers of the 200 it stands for, without the body.
        added.put(
            "304",
            new ApiResponse()
                .description(
                    "The client's copy is current (If-None-Match or If-Modified-Since): no body")
                .headers(new LinkedHashMap<>(ok.getHeaders())));
      }
      added.put("400", responseRef("BadRequest"));
      // A versioned read without a path variable (the National Agenda) can miss its version too.
      if (path.contains("{") || hasParameter(operation, "version")) {
        added.put("404", responseRef("NotFound"));
      }
      added.put("405", responseRef("MethodNotAllowed"));
      // A JSON read declares what it produces, so an Accept that excludes it is a 406; the
      // agenda's CSV answers any Accept.
      if (ok != null
          && ok.getContent() != null
          && ok.getContent().keySet().stream().anyMatch(type -> !type.equals("text/csv"))) {
        added.put("406", responseRef("NotAcceptable"));
      }
      added.forEach(responses::putIfAbsent);
      // In status order, as a reader expects.
      ApiResponses sorted = new ApiResponses();
      responses.keySet().stream().sorted().forEach(k -> sorted.addApiResponse(k, responses.get(k)));
      operation.setResponses(sorted);
    }
  }

  private static boolean hasParameter(Operation operation, String name) {
    return operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> name.equals(p.getName()));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  // Both "type" (OpenAPI 3.0) and "types" (3.1), whichever version the document is written in.
  private static Schema<Object> typed(String type) {
    Schema<Object> schema = new Schema<>();
    schema.setType(type);
    schema.setTypes(Set.of(type));
    return schema;
  }

  private static Schema<Object> object() {
    return typed("object");
  }

  private static Schema<Object> string(String format) {
    Schema<Object> schema = typed("string");
    if (format != null) {
      schema.setFormat(format);
    }
    return schema;
  }

  private static Schema<Object> integer() {
    return typed("integer").format("int32");
  }

  private static Schema<Object> enumOf(List<String> values) {
    Schema<Object> schema = typed("string");
    schema.setEnum(new ArrayList<>(values));
    return schema;
  }

  private static Schema<Object> ref(String name) {
    return new Schema<>().$ref("#/components/schemas/" + name);
  }

  private static Header header(String description, boolean required) {
    return new Header().description(description).required(required).schema(string(null));
  }

  private static Header headerRef(String name) {
    return new Header().$ref(REF_HEADER + name);
  }

  private static ApiResponse responseRef(String name) {
    return new ApiResponse().$ref(REF_RESPONSE + name);
  }
}
