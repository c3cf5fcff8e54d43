package org.tejido.participation.internal.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.participation.EngagementEvent;
import org.tejido.participation.EngagementLog;
import org.tejido.shared.BadRequest;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.OpenDataResponses;
import org.tejido.shared.web.PublicReads;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * A site's engagement log as open data, JSON or CSV. It holds what the public page shows: dates,
 * kinds, institutions and roles, what was presented and agreed; never a resident.
 */
@RestController
@Tag(name = "Engagement", description = "Dialogues and dissemination events of each site")
class EngagementApiController {

  private static final String CSV = "text/csv";

  private final Sites sites;
  private final EngagementLog log;
  private final OpenDataResponses responses;
  private final OpenDataProperties.License license;

  EngagementApiController(
      Sites sites, EngagementLog log, OpenDataResponses responses, OpenDataProperties openData) {
    this.sites = sites;
    this.log = log;
    this.responses = responses;
    this.license = openData.license();
  }

  @Schema(
      name = "EngagementEvent",
      requiredProperties = {"date", "kind", "attendees", "presented"})
  record EventJson(
      @Schema(description = "YYYY-MM-DD", format = "date") String date,
      @Schema(allowableValues = {"authorities", "dissemination", "workshop", "media", "other"})
          String kind,
      @Schema(description = "Institutions and roles that attended, as the team wrote them")
          String attendees,
      @Schema(description = "What was presented") String presented,
      @Schema(description = "What was agreed, if anything", nullable = true) String agreed,
      @Schema(description = "A link to more, if any", format = "uri", nullable = true)
          String link) {}

  @Schema(
      name = "EngagementLog",
      requiredProperties = {"site", "events", "license"})
  record LogJson(
      @Schema(description = "The site's key") String site,
      @Schema(description = "Newest first") List<EventJson> events,
      OpenDataProperties.License license) {}

  @GetMapping(
      value = "/api/v1/sites/{key}/engagement",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
  @Operation(
      operationId = "getEngagementLog",
      summary = "A site's engagement log",
      description =
          "Dialogues with authorities and dissemination events around the site's agenda, newest"
              + " first: date, kind, the institutions and roles that attended (never residents'"
              + " names), what was presented and what was agreed, in the language the team wrote"
              + " them. CSV with format=csv or Accept: text/csv. Cacheable for 60 seconds.")
  @ApiResponse(
      responseCode = "200",
      description = "The log",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = LogJson.class)),
        @Content(
            mediaType = CSV,
            schema =
                @Schema(
                    type = "string",
                    description = "Header: date, kind, attendees, presented, agreed, link"))
      })
  ResponseEntity<?> engagement(
      @PathVariable String key,
      @Parameter(
              description = "json (default) or csv",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"json", "csv"}))
          @RequestParam(required = false)
          String format,
      @Parameter(
              description = "es or en: the language of an error (texts are as written)",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"es", "en"}))
          @RequestParam(required = false)
          String lang,
      @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept)
      throws IOException {
    if (format != null && !"json".equals(format) && !"csv".equals(format)) {
      throw new BadRequest("request.invalid");
    }
    boolean csv =
        "csv".equals(format) || (format == null && accept != null && accept.contains(CSV));
    Site site = sites.byKey(key);
    List<EventJson> events =
        log.published(site).stream().map(EngagementApiController::json).toList();
    if (csv) {
      return csv(site, events);
    }
    return responses.json(new LogJson(site.key(), events, license), PublicReads.LATEST, null, null);
  }

  private static EventJson json(EngagementEvent e) {
    return new EventJson(
        e.heldOn().toString(), e.kind().code(), e.attendees(), e.presented(), e.agreed(), e.link());
  }

  private static ResponseEntity<byte[]> csv(Site site, List<EventJson> events) throws IOException {
    StringWriter out = new StringWriter();
    // A byte-order mark lets spreadsheet programs recognise UTF-8 (accents in the texts).
    out.write('\uFEFF');
    try (CSVPrinter printer = CSVFormat.RFC4180.print(out)) {
      printer.printRecord("date", "kind", "attendees", "presented", "agreed", "link");
      for (EventJson e : events) {
        printer.printRecord(
            e.date(),
            e.kind(),
            safe(e.attendees()),
            safe(e.presented()),
            safe(e.agreed()),
            safe(e.link()));
      }
    }
    byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .cacheControl(PublicReads.LATEST)
        .eTag(PublicReads.strongETag(body))
        .header(HttpHeaders.CONTENT_LANGUAGE, PublicReads.contentLanguage(null))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"tejido-" + site.key() + "-engagement.csv\"")
        .body(body);
  }

  /** A cell a spreadsheet would read as a formula is written as text. */
  private static String safe(String value) {
    if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
      return "'" + value;
    }
    return value;
  }
}
