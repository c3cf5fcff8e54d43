package org.tejido.sites;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.Languages;
import org.tejido.shared.web.OpenDataResponses;
import org.tejido.shared.web.PublicReads;
import org.tejido.shared.web.TextJson;

/** The sites as JSON. */
@RestController
@Tag(name = "Sites", description = "Municipalities and neighbourhoods where agendas are built")
class SitesApiController {

  private final Sites sites;
  private final OpenDataResponses responses;
  private final OpenDataProperties.License license;

  SitesApiController(Sites sites, OpenDataResponses responses, OpenDataProperties openData) {
    this.sites = sites;
    this.responses = responses;
    this.license = openData.license();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "Site",
      requiredProperties = {"key", "municipality", "state", "inegiCode", "status", "license"})
  record SiteJson(
      @Schema(
              description = "The site's key, used in every address of its data",
              example = "tijuana")
          String key,
      String municipality,
      String state,
      @Schema(description = "INEGI's 5-digit municipality key", pattern = "^[0-9]{5}$")
          String inegiCode,
      String neighbourhood,
      @Schema(allowableValues = {"active", "suspended_for_safety"}) String status,
      TextJson statusReason,
      TextJson populationNotes,
      @Schema(description = "Address of its agenda; absent while suspended for safety")
          String agenda,
      @Schema(description = "Present, and true, only for the fictional demonstration site")
          Boolean fictional,
      OpenDataProperties.License license) {

    static SiteJson of(Site s, Locale only, OpenDataProperties.License license) {
      return new SiteJson(
          s.key(),
          s.municipality(),
          s.state(),
          s.inegiCode(),
          s.neighbourhood(),
          s.status().code(),
          TextJson.of(s.statusReason(), only),
          TextJson.of(s.populationNotes(), only),
          s.suspendedForSafety() ? null : "/api/v1/sites/" + s.key() + "/agenda",
          // Said only of the demo site, so that no client mistakes its data for a real place's.
          s.fictional() ? Boolean.TRUE : null,
          // On each site, so that the list stays an array and a site read alone still says it.
          license);
    }
  }

  // Names of places are not translated; ?lang= chooses the language of the texts (the reason for
  // a status, the notes on the population), as it does for an agenda.
  @GetMapping(value = "/api/v1/sites", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listSites",
      summary = "All sites, in display order",
      description =
          "Texts come in Spanish and English, or in one language with ?lang=es|en."
              + " Cacheable for 60 seconds, with a strong ETag.")
  ResponseEntity<List<SiteJson>> all(
      @Parameter(
              description = "es or en; both languages when absent",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"es", "en"}))
          @RequestParam(required = false)
          String lang) {
    Locale only = only(lang);
    return responses.json(
        sites.all().stream().map(s -> SiteJson.of(s, only, license)).toList(),
        PublicReads.LATEST,
        null,
        only);
  }

  @GetMapping(value = "/api/v1/sites/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getSite",
      summary = "One site by its key, e.g. apatzingan",
      description =
          "Texts come in Spanish and English, or in one language with ?lang=es|en."
              + " Cacheable for 60 seconds, with a strong ETag.")
  ResponseEntity<SiteJson> one(
      @PathVariable String key,
      @Parameter(
              description = "es or en; both languages when absent",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"es", "en"}))
          @RequestParam(required = false)
          String lang) {
    Locale only = only(lang);
    return responses.json(
        SiteJson.of(sites.byKey(key), only, license), PublicReads.LATEST, null, only);
  }

  private static Locale only(String lang) {
    // An unsupported value never gets here: PublicReadsFilter answers 400 lang.invalid.
    return lang == null ? null : Languages.parse(lang).orElseThrow();
  }
}
