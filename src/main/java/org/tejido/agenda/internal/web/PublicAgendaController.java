package org.tejido.agenda.internal.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaIssue;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.IssueEvidence;
import org.tejido.agenda.Proposal;
import org.tejido.agenda.ReferenceData;
import org.tejido.shared.NotFound;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.PublicReads;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** The public face of an agenda: its page, its earlier versions and its open-data CSV. */
@Controller
class PublicAgendaController {

  private final Sites sites;
  private final Agendas agendas;
  private final ReferenceData reference;
  private final OpenDataProperties.License license;
  private final IssueEvidence evidence;
  private final org.tejido.agenda.AgendaVersionChanges changes;

  PublicAgendaController(
      Sites sites,
      Agendas agendas,
      ReferenceData reference,
      OpenDataProperties openData,
      IssueEvidence evidence,
      org.tejido.agenda.AgendaVersionChanges changes) {
    this.evidence = evidence;
    this.changes = changes;
    this.sites = sites;
    this.agendas = agendas;
    this.reference = reference;
    this.license = openData.license();
  }

  @GetMapping("/sites/{key}/agenda")
  String agenda(
      @PathVariable String key, @RequestParam(required = false) Integer version, Model model) {
    Site site = sites.byKey(key);
    if (site.suspendedForSafety()) {
      // Its page says only that it is suspended, and why.
      return "redirect:/sites/" + site.key();
    }
    Agenda agenda = find(site, version);
    var versions = agendas.publishedVersions(site);
    var latest = versions.get(0);
    model.addAttribute(
        "previous",
        versions.stream()
            .mapToInt(org.tejido.agenda.AgendaVersion::number)
            .filter(n -> n < agenda.version().number())
            .boxed()
            .findFirst()
            .orElse(null));
    model.addAttribute("validation", changes.validation(site, agenda.version()).orElse(null));
    model.addAttribute("site", site);
    model.addAttribute("agenda", agenda);
    model.addAttribute("latest", latest);
    model.addAttribute("sections", agenda.byDomain(reference.domains()));
    model.addAttribute("proposalsByAddressee", agenda.byAddressee(reference.addressees()));
    model.addAttribute("domains", reference.domains());
    model.addAttribute("quotes", evidence.forPublic(site, agenda));
    return "agenda/agenda";
  }

  @GetMapping("/sites/{key}/agenda/versions")
  String versions(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    if (site.suspendedForSafety()) {
      return "redirect:/sites/" + site.key();
    }
    model.addAttribute("site", site);
    model.addAttribute("versions", agendas.publishedVersions(site));
    return "agenda/versions";
  }

  /**
   * The CSV has both languages in their own columns, whatever {@code ?lang} says (it chooses only
   * the language of an error). Cached and revalidated like the JSON API.
   */
  @GetMapping("/sites/{key}/agenda.csv")
  @ResponseBody
  @Tag(name = "Agendas", description = "Published Local Human Security Agendas")
  @Operation(
      operationId = "getAgendaCsv",
      summary = "A site's published agenda as CSV",
      description =
          "One row per issue and per proposal (kind), with both languages in their own columns"
              + " (text_es, text_en), UTF-8 with a byte-order mark. The columns and the licence are"
              + " described in /sites/{key}/agenda-readme.txt (Link rel=describedby). ?lang"
              + " chooses only the language of an error. Cached like the JSON: a published"
              + " version for a year, the latest for 60 seconds.")
  @ApiResponse(
      responseCode = "200",
      description = "The agenda as CSV",
      content =
          @Content(
              mediaType = "text/csv",
              schema =
                  @Schema(
                      type = "string",
                      description =
                          "Header: site, version, published_at, kind, id, position, domains,"
                              + " addressee, answers_issues, text_es, text_en")))
  ResponseEntity<byte[]> csv(
      @PathVariable String key,
      @Parameter(
              description = "Published version number; the latest when absent",
              schema = @Schema(type = "integer", format = "int32", minimum = "1"))
          @RequestParam(required = false)
          Integer version,
      @Parameter(
              description = "es or en: the language of an error (the CSV has both)",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"es", "en"}))
          @RequestParam(name = "lang", required = false)
          String lang)
      throws IOException {
    Site site = sites.byKey(key);
    Agenda agenda = find(site, version);
    StringWriter out = new StringWriter();
    // A byte-order mark lets spreadsheet programs recognise UTF-8 (accents in Spanish).
    out.write('\uFEFF');
    try (CSVPrinter csv =
        CSVFormat.RFC4180
            .builder()
            .setHeader(
                "site",
                "version",
                "published_at",
                "kind",
                "id",
                "position",
                "domains",
                "addressee",
                "answers_issues",
                "text_es",
                "text_en")
            .get()
            .print(out)) {
      String published = agenda.version().publishedAt().toString();
      for (AgendaIssue issue : agenda.issues()) {
        csv.printRecord(
            site.key(),
            agenda.version().number(),
            published,
            "issue",
            issue.ref(),
            issue.position(),
            String.join(";", issue.domains()),
            "",
            "",
            issue.title().es(),
            issue.title().en());
      }
      for (Proposal proposal : agenda.proposals()) {
        csv.printRecord(
            site.key(),
            agenda.version().number(),
            published,
            "proposal",
            proposal.ref(),
            proposal.position(),
            "",
            proposal.addressee(),
            agenda.issuesOf(proposal).stream()
                .map(AgendaIssue::ref)
                .collect(Collectors.joining(";")),
            proposal.text().es(),
            proposal.text().en());
      }
    }
    byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"tejido-"
                + site.key()
                + "-agenda-v"
                + agenda.version().number()
                + ".csv\"")
        // A CSV cannot carry its licence inside without breaking its columns: the header points
        // to it and to the companion that says it in words.
        .header(
            HttpHeaders.LINK,
            "<"
                + license.url()
                + ">; rel=\"license\", <"
                + readmePath(site)
                + ">; rel=\"describedby\"; type=\"text/plain\"")
        .header(HttpHeaders.CONTENT_LANGUAGE, PublicReads.contentLanguage(null))
        .cacheControl(version != null ? PublicReads.IMMUTABLE : PublicReads.LATEST)
        .eTag(PublicReads.strongETag(body))
        .lastModified(agenda.version().publishedAt())
        .body(body);
  }

  static String readmePath(Site site) {
    return "/sites/" + site.key() + "/agenda-readme.txt";
  }

  /**
   * The CSV's companion: what its columns mean and under which licence it is published, in both
   * languages. It exists exactly when the CSV does.
   */
  // No "produces": a browser asking for HTML must still get the text, as it gets the CSV.
  @GetMapping("/sites/{key}/agenda-readme.txt")
  @ResponseBody
  ResponseEntity<String> csvReadme(@PathVariable String key) {
    Site site = sites.byKey(key);
    Agenda agenda = find(site, null);
    String place =
        site.municipality()
            + ", "
            + site.state()
            + (site.neighbourhood() == null ? "" : " (" + site.neighbourhood() + ")");
    String csv = "/sites/" + site.key() + "/agenda.csv";
    String text =
        """
        Tejido · %1$s
        %2$s%3$s

        == Español ==
        Agenda Local de Seguridad Humana publicada. Versión más reciente: %4$d (%5$s).
        CSV: %6$s (una versión anterior: %6$s?version=N). JSON: /api/v1/sites/%7$s/agenda
        Codificación UTF-8 con BOM, RFC 4180. Una fila por tema ("issue") y por propuesta
        ("proposal"). Columnas: site, version, published_at (ISO 8601, UTC), kind (issue o
        proposal), id, position, domains (claves separadas por ";"), addressee, answers_issues
        (ids de los temas separados por ";"), text_es, text_en.
        Los temas silenciados nunca se publican.
        Licencia: %8$s (%9$s), %10$s
        Atribución: %11$s

        == English ==
        A published Local Human Security Agenda. Latest version: %4$d (%5$s).
        CSV: %6$s (an earlier version: %6$s?version=N). JSON: /api/v1/sites/%7$s/agenda
        UTF-8 with a byte-order mark, RFC 4180. One row per issue and per proposal. Columns:
        site, version, published_at (ISO 8601, UTC), kind (issue or proposal), id, position,
        domains (keys separated by ";"), addressee, answers_issues (issue ids separated by ";"),
        text_es, text_en.
        Silenced issues are never published.
        Licence: %8$s (%9$s), %10$s
        Attribution: %11$s

        Datos abiertos / Open data: /datos
        """
            .formatted(
                site.key(),
                place,
                site.fictional()
                    ? "\n*** Sitio ficticio de demostración / Fictional demo site ***"
                    : "",
                agenda.version().number(),
                agenda.version().publishedAt(),
                csv,
                site.key(),
                license.name(),
                license.id(),
                license.url(),
                license.attribution());
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
        .header("Link", "<" + license.url() + ">; rel=\"license\"")
        .body(text);
  }

  private Agenda find(Site site, Integer version) {
    agendas.requireNotSuspended(site);
    if (version != null) {
      return agendas.published(site, version);
    }
    return agendas
        .latestPublished(site)
        .orElseThrow(() -> new NotFound("agenda.not-published", site.key()));
  }
}
