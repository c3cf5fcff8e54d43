package org.tejido.agenda.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaIssue;
import org.tejido.agenda.AgendaVersion;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.Proposal;
import org.tejido.agenda.ReferenceData;
import org.tejido.shared.NotFound;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.Languages;
import org.tejido.shared.web.OpenDataResponses;
import org.tejido.shared.web.PublicReads;
import org.tejido.shared.web.TextJson;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** The published agendas as JSON. Silenced issues never appear here. */
@RestController
@Tag(name = "Agendas", description = "Published Local Human Security Agendas")
class AgendaApiController {

  private final Sites sites;
  private final Agendas agendas;
  private final ReferenceData reference;
  private final OpenDataResponses responses;
  private final OpenDataProperties.License license;

  AgendaApiController(
      Sites sites,
      Agendas agendas,
      ReferenceData reference,
      OpenDataResponses responses,
      OpenDataProperties openData) {
    this.sites = sites;
    this.agendas = agendas;
    this.reference = reference;
    this.responses = responses;
    this.license = openData.license();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "Issue",
      requiredProperties = {"id", "position", "domains", "title"})
  record IssueJson(
      String id,
      int position,
      List<String> domains,
      TextJson title,
      @Schema(description = "Absent when the team wrote none") TextJson description) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "Proposal",
      requiredProperties = {"id", "position", "addressee", "text", "issues"})
  record ProposalJson(
      String id, int position, String addressee, TextJson text, List<String> issues) {}

  @Schema(
      name = "Vocabulary",
      requiredProperties = {"key", "name"})
  record VocabularyJson(String key, TextJson name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "Agenda",
      requiredProperties = {
        "site",
        "version",
        "publishedAt",
        "domains",
        "addressees",
        "issues",
        "proposals",
        "license"
      })
  record AgendaJson(
      String site,
      @Schema(minimum = "1") int version,
      Instant publishedAt,
      @Schema(description = "How many people took part, when the team recorded it")
          Integer participants,
      @Schema(
              description =
                  "Every published version, newest first: only in the latest (without ?version)")
          List<VersionJson> versions,
      List<VocabularyJson> domains,
      List<VocabularyJson> addressees,
      List<IssueJson> issues,
      List<ProposalJson> proposals,
      OpenDataProperties.License license) {}

  @Schema(
      name = "Version",
      requiredProperties = {"version", "publishedAt", "href"})
  record VersionJson(int version, Instant publishedAt, String href) {}

  @GetMapping(value = "/api/v1/sites/{key}/agenda", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getAgenda",
      summary = "A site's published agenda",
      description =
          "The latest published version, or an earlier one with ?version=N. Texts come in Spanish"
              + " and English, or in one language with ?lang=es|en. A published version never"
              + " changes: it is sent with Cache-Control immutable, a strong ETag and"
              + " Last-Modified, and without the list of versions (which grows); the latest is"
              + " cacheable for 60 seconds and lists every published version.")
  ResponseEntity<AgendaJson> agenda(
      @PathVariable String key,
      @Parameter(
              description = "Published version number; the latest when absent",
              schema = @Schema(type = "integer", format = "int32", minimum = "1"))
          @RequestParam(required = false)
          Integer version,
      @Parameter(
              description = "es or en; both languages when absent",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"es", "en"}))
          @RequestParam(required = false)
          String lang) {
    Locale only = lang == null ? null : Languages.parse(lang).orElseThrow();
    Site site = sites.byKey(key);
    agendas.requireNotSuspended(site);
    Agenda agenda =
        version != null
            ? agendas.published(site, version)
            : agendas
                .latestPublished(site)
                .orElseThrow(() -> new NotFound("agenda.not-published", site.key()));
    AgendaVersion v = agenda.version();
    AgendaJson json =
        new AgendaJson(
            site.key(),
            v.number(),
            v.publishedAt(),
            v.participants(),
            version != null
                ? null
                : agendas.publishedVersions(site).stream()
                    .map(
                        x ->
                            new VersionJson(
                                x.number(),
                                x.publishedAt(),
                                "/api/v1/sites/" + site.key() + "/agenda?version=" + x.number()))
                    .toList(),
            reference.domains().stream()
                .map(d -> new VocabularyJson(d.key(), TextJson.of(d.name(), only)))
                .toList(),
            reference.addressees().stream()
                .map(a -> new VocabularyJson(a.key(), TextJson.of(a.name(), only)))
                .toList(),
            agenda.issues().stream()
                .map(
                    (AgendaIssue i) ->
                        new IssueJson(
                            i.ref(),
                            i.position(),
                            i.domains(),
                            TextJson.of(i.title(), only),
                            TextJson.of(i.description(), only)))
                .toList(),
            agenda.proposals().stream()
                .map(
                    (Proposal p) ->
                        new ProposalJson(
                            p.ref(),
                            p.position(),
                            p.addressee(),
                            TextJson.of(p.text(), only),
                            agenda.issuesOf(p).stream().map(AgendaIssue::ref).toList()))
                .toList(),
            license);
    return responses.json(
        json, version != null ? PublicReads.IMMUTABLE : PublicReads.LATEST, v.publishedAt(), only);
  }
}
