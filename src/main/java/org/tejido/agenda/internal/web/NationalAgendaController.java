package org.tejido.agenda.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.tejido.agenda.LocalOrigin;
import org.tejido.agenda.NationalAgenda;
import org.tejido.agenda.NationalAgendas;
import org.tejido.agenda.NationalStatement;
import org.tejido.agenda.NationalThread;
import org.tejido.agenda.ReferenceData;
import org.tejido.agenda.internal.booklet.BookletFormat;
import org.tejido.agenda.internal.booklet.Booklets;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.Languages;
import org.tejido.shared.web.OpenDataResponses;
import org.tejido.shared.web.PublicReads;
import org.tejido.shared.web.TextJson;

/**
 * The public face of the National Agenda: its page, its JSON and its printable booklet. Only
 * published versions, and in them only spoken issues of published local versions of sites that are
 * neither suspended for safety nor fictional.
 */
@Controller
class NationalAgendaController {

  private final NationalAgendas national;
  private final ReferenceData reference;
  private final Booklets booklets;
  private final OpenDataResponses responses;
  private final OpenDataProperties.License license;

  NationalAgendaController(
      NationalAgendas national,
      ReferenceData reference,
      Booklets booklets,
      OpenDataResponses responses,
      OpenDataProperties openData) {
    this.national = national;
    this.reference = reference;
    this.booklets = booklets;
    this.responses = responses;
    this.license = openData.license();
  }

  /** Before the first publication the page says so: no content is made up to fill it. */
  @GetMapping("/national-agenda")
  String page(@RequestParam(required = false) Integer version, Model model) {
    NationalAgenda agenda =
        version != null ? national.published(version) : national.latestPublished().orElse(null);
    model.addAttribute("agenda", agenda);
    model.addAttribute("versions", national.publishedVersions());
    if (agenda != null) {
      model.addAttribute("sections", agenda.byDomain(reference.domains()));
      model.addAttribute("latest", national.publishedVersions().get(0));
    }
    model.addAttribute("linkBase", "");
    return "agenda/national";
  }

  @GetMapping("/national-agenda.pdf")
  ResponseEntity<byte[]> booklet(
      @RequestParam(required = false) Integer version,
      @RequestParam(required = false) String format,
      HttpServletRequest request,
      Locale locale) {
    BookletFormat paper =
        format == null
            ? BookletFormat.A5
            : BookletFormat.parse(format)
                .orElseThrow(
                    () ->
                        new BadRequest(
                            "booklet.format.invalid",
                            format.length() > 20 ? format.substring(0, 20) + "…" : format));
    Booklets.Booklet booklet = booklets.national(version, locale, paper);
    String lang = "en".equals(locale.getLanguage()) ? "en" : "es";
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_PDF)
            .header(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.inline()
                    .filename(
                        "tejido-national-agenda-v"
                            + booklet.version()
                            + "-"
                            + lang
                            + "-"
                            + paper.key()
                            + ".pdf")
                    .build()
                    .toString())
            .header(HttpHeaders.LINK, "<" + license.url() + ">; rel=\"license\"")
            .header(HttpHeaders.CONTENT_LANGUAGE, lang)
            .cacheControl(version != null ? PublicReads.IMMUTABLE : PublicReads.LATEST)
            .eTag(PublicReads.strongETag(booklet.pdf()));
    if (PublicReads.requestedLanguage(request) == null) {
      answer.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
    return answer.body(booklet.pdf());
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "LocalOrigin",
      requiredProperties = {"site", "version", "issue", "title", "href"})
  record OriginJson(String site, int version, String issue, TextJson title, String href) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "NationalThread",
      requiredProperties = {"position", "domain", "title", "sites", "origins"})
  record ThreadJson(
      int position,
      String domain,
      TextJson title,
      @Schema(description = "Absent when none was written") TextJson description,
      @Schema(description = "The keys of the sites that raised it, each once") List<String> sites,
      List<OriginJson> origins) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "NationalStatement",
      requiredProperties = {"position", "text"})
  record StatementJson(
      int position,
      TextJson text,
      @Schema(description = "Requirements only: the positions of the threads it answers")
          List<Integer> threads) {}

  @Schema(
      name = "NationalVersion",
      requiredProperties = {"version", "publishedAt", "href"})
  record VersionJson(int version, Instant publishedAt, String href) {}

  @Schema(
      name = "NationalDomain",
      requiredProperties = {"key", "name"})
  record DomainJson(String key, TextJson name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "NationalAgenda",
      requiredProperties = {
        "version",
        "publishedAt",
        "domains",
        "threads",
        "principles",
        "requirements",
        "license"
      })
  record NationalJson(
      @Schema(minimum = "1") int version,
      Instant publishedAt,
      @Schema(
              description =
                  "Every published version, newest first: only in the latest (without ?version)")
          List<VersionJson> versions,
      List<DomainJson> domains,
      List<ThreadJson> threads,
      List<StatementJson> principles,
      List<StatementJson> requirements,
      OpenDataProperties.License license) {}

  @GetMapping(value = "/api/v1/national-agenda", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  @Tag(name = "National Agenda", description = "The published National Agenda")
  @Operation(
      operationId = "getNationalAgenda",
      summary = "The published National Agenda",
      description =
          "The common threads of the local agendas (issues of several sites under one domain, each"
              + " linking back to its local issue: site, version and issue id, and the address of"
              + " its anchor on the local agenda page), with the national principles and"
              + " requirements. The latest published version, or an earlier one with ?version=N;"
              + " 404 (national-agenda.not-published) before the first. Cached like a local"
              + " agenda: a published version for a year, the latest for 60 seconds. Issues of a"
              + " site suspended for safety are left out while it is.")
  ResponseEntity<NationalJson> json(
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
    NationalAgenda agenda =
        version != null
            ? national.published(version)
            : national
                .latestPublished()
                .orElseThrow(() -> new NotFound("national-agenda.not-published"));
    NationalJson body =
        new NationalJson(
            agenda.version().number(),
            agenda.version().publishedAt(),
            version != null
                ? null
                : national.publishedVersions().stream()
                    .map(
                        v ->
                            new VersionJson(
                                v.number(),
                                v.publishedAt(),
                                "/api/v1/national-agenda?version=" + v.number()))
                    .toList(),
            reference.domains().stream()
                .map(d -> new DomainJson(d.key(), TextJson.of(d.name(), only)))
                .toList(),
            agenda.threads().stream().map(t -> thread(t, only)).toList(),
            agenda.principles().stream().map(s -> statement(agenda, s, only)).toList(),
            agenda.requirements().stream().map(s -> statement(agenda, s, only)).toList(),
            license);
    return responses.json(
        body,
        version != null ? PublicReads.IMMUTABLE : PublicReads.LATEST,
        agenda.version().publishedAt(),
        only);
  }

  private static ThreadJson thread(NationalThread t, Locale only) {
    return new ThreadJson(
        t.position(),
        t.domain(),
        TextJson.of(t.title(), only),
        TextJson.of(t.description(), only),
        t.sites().stream().map(NationalThread.RaisedBy::siteKey).toList(),
        t.origins().stream()
            .map(
                (LocalOrigin o) ->
                    new OriginJson(
                        o.siteKey(),
                        o.version(),
                        o.issueRef(),
                        TextJson.of(o.title(), only),
                        o.href()))
            .toList());
  }

  private static StatementJson statement(NationalAgenda agenda, NationalStatement s, Locale only) {
    return new StatementJson(
        s.position(),
        TextJson.of(s.text(), only),
        s.kind() == NationalStatement.Kind.REQUIREMENT
            ? agenda.threadsOf(s).stream().map(NationalThread::position).toList()
            : null);
  }
}
