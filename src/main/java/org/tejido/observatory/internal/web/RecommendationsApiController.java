package org.tejido.observatory.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
import org.tejido.agenda.Agendas;
import org.tejido.agenda.ReferenceData;
import org.tejido.observatory.Commitment;
import org.tejido.observatory.ImplementationStatus;
import org.tejido.observatory.ObservatoryTracker;
import org.tejido.observatory.ProgressUpdate;
import org.tejido.observatory.RecommendationId;
import org.tejido.observatory.TrackedRecommendation;
import org.tejido.observatory.internal.Observatory;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.Languages;
import org.tejido.shared.web.OpenDataResponses;
import org.tejido.shared.web.PublicReads;
import org.tejido.shared.web.TextJson;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The public tracker as open data: a site's recommendations with their latest official and
 * community statuses and the progress by group, and one recommendation with both timelines and its
 * commitments; JSON, or CSV with format=csv. Never a contact, never the digest's addresses, never
 * anything of a site suspended for safety.
 */
@RestController
@Tag(name = "Monitoring", description = "The observatory's tracked recommendations")
class RecommendationsApiController {

  private static final String CSV = "text/csv";

  private final Sites sites;
  private final Agendas agendas;
  private final ObservatoryTracker tracker;
  private final Observatory observatory;
  private final ReferenceData reference;
  private final OpenDataResponses responses;
  private final OpenDataProperties.License license;

  RecommendationsApiController(
      Sites sites,
      Agendas agendas,
      ObservatoryTracker tracker,
      Observatory observatory,
      ReferenceData reference,
      OpenDataResponses responses,
      OpenDataProperties openData) {
    this.sites = sites;
    this.agendas = agendas;
    this.tracker = tracker;
    this.observatory = observatory;
    this.reference = reference;
    this.responses = responses;
    this.license = openData.license();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "StatusReport",
      requiredProperties = {"source", "status", "progress", "reportedOn"})
  record UpdateJson(
      @Schema(allowableValues = {"official", "community"}) String source,
      @Schema(
              allowableValues = {
                "not_started",
                "in_progress",
                "partly_implemented",
                "implemented",
                "stalled",
                "rejected"
              })
          String status,
      @Schema(minimum = "0", maximum = "100") int progress,
      LocalDate reportedOn,
      @Schema(description = "Why it stalled or was rejected") String reason,
      @Schema(
              description =
                  "Published evidence only: a community assessment's evidence (text, link, file)"
                      + " is absent until the observatory publishes it")
          String evidence,
      @Schema(format = "uri") String link,
      @Schema(description = "The evidence file's address, when there is one") String file,
      @Schema(
              description =
                  "When this report was corrected: it supersedes an earlier version, which is"
                      + " no longer shown. Absent for a report never corrected")
          LocalDate correctedOn,
      @Schema(description = "Why it was corrected, with correctedOn") String correction) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "Commitment",
      requiredProperties = {"id", "session", "institution", "what", "dueOn", "overdue"})
  record CommitmentJson(
      String id,
      @Schema(description = "The date of the Mesa de Seguridad session") LocalDate session,
      String institution,
      String what,
      LocalDate dueOn,
      @Schema(description = "Absent while open") LocalDate fulfilledOn,
      @Schema(description = "Open and past its due date today") boolean overdue,
      @Schema(description = "Numbers of the recommendations it serves") List<Integer> serves,
      @Schema(description = "When the Mesa withdrew it; absent otherwise") LocalDate withdrawnOn,
      @Schema(description = "Why it was withdrawn, with withdrawnOn") String withdrawnReason) {}

  @Schema(
      name = "ProposalReference",
      requiredProperties = {"proposal", "agendaVersion", "href"})
  record OriginJson(String proposal, int agendaVersion, String href) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "Recommendation",
      requiredProperties = {
        "id",
        "number",
        "text",
        "addressee",
        "institutions",
        "domains",
        "sdg16Targets",
        "specificity",
        "startsOn",
        "dueOn",
        "proposals",
        "href"
      })
  record RecommendationJson(
      String id,
      int number,
      TextJson text,
      String addressee,
      @Schema(description = "Names of the responsible institutions") List<String> institutions,
      List<String> domains,
      List<String> sdg16Targets,
      @Schema(minimum = "1", maximum = "5") int specificity,
      LocalDate startsOn,
      LocalDate dueOn,
      List<OriginJson> proposals,
      @Schema(description = "The latest official report; absent when none") UpdateJson official,
      @Schema(description = "The latest community assessment; absent when none")
          UpdateJson community,
      @Schema(description = "Every official report, oldest first: only for one recommendation")
          List<UpdateJson> officialTimeline,
      @Schema(description = "Every community assessment, oldest first: only for one recommendation")
          List<UpdateJson> communityTimeline,
      @Schema(description = "Only for one recommendation") List<CommitmentJson> commitments,
      String href) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "ProgressSide",
      requiredProperties = {"byStatus", "unreported"})
  record SideJson(
      Map<String, Integer> byStatus,
      int unreported,
      @Schema(description = "Mean progress of the reported ones; absent when none") Integer mean) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "ProgressGroup",
      requiredProperties = {"group", "key", "recommendations", "official", "community"})
  record ProgressJson(
      @Schema(allowableValues = {"overall", "domain", "addressee"}) String group,
      String key,
      int recommendations,
      SideJson official,
      SideJson community) {}

  @Schema(
      name = "Tracker",
      requiredProperties = {
        "site",
        "monitoringStarted",
        "progress",
        "recommendations",
        "commitments",
        "license"
      })
  record TrackerJson(
      String site,
      @Schema(description = "False while the site tracks no recommendation")
          boolean monitoringStarted,
      List<ProgressJson> progress,
      List<RecommendationJson> recommendations,
      List<CommitmentJson> commitments,
      OpenDataProperties.License license) {}

  @Schema(
      name = "TrackedRecommendation",
      requiredProperties = {"site", "recommendation", "license"})
  record OneJson(
      String site, RecommendationJson recommendation, OpenDataProperties.License license) {}

  private static final String FORMAT_DESCRIPTION = "json (default) or csv";
  private static final String LANG_DESCRIPTION =
      "es or en: the language of the texts and of an error; both languages when absent";

  @GetMapping(
      value = "/api/v1/sites/{key}/recommendations",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
  @Operation(
      operationId = "listRecommendations",
      summary = "A site's tracked recommendations",
      description =
          "Every recommendation the site's observatory tracks, with its latest official status"
              + " beside the community's assessment; the progress overall, by domain and by"
              + " addressee (recommendations per latest status and mean progress, for each"
              + " source); and every commitment of the Mesa de Seguridad. monitoringStarted is"
              + " false while nothing is tracked. CSV with format=csv (or Accept: text/csv), one"
              + " table chosen by table=: recommendations (default), progress, updates or"
              + " commitments. Cacheable for 60 seconds.")
  @ApiResponse(
      responseCode = "200",
      description = "The tracker",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = TrackerJson.class)),
        @Content(
            mediaType = CSV,
            schema =
                @Schema(
                    type = "string",
                    description =
                        "recommendations: site, number, id, text_es, text_en, addressee, domains,"
                            + " specificity, starts_on, due_on, official_status,"
                            + " official_progress, official_on, community_status,"
                            + " community_progress, community_on, overdue_commitments; progress:"
                            + " group, key, recommendations, source, mean_progress, unreported"
                            + " and one column per status; updates: number, source, reported_on,"
                            + " status, progress, reason, evidence, link, corrected_on,"
                            + " correction; commitments: session, institution, what, due_on,"
                            + " fulfilled_on, overdue, recommendations, withdrawn_on,"
                            + " withdrawn_reason"))
      })
  ResponseEntity<?> list(
      @PathVariable String key,
      @Parameter(
              description = FORMAT_DESCRIPTION,
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"json", "csv"}))
          @RequestParam(required = false)
          String format,
      @Parameter(
              description = "The CSV's table; recommendations when absent",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"recommendations", "progress", "updates", "commitments"}))
          @RequestParam(required = false)
          String table,
      @Parameter(
              description = LANG_DESCRIPTION,
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"es", "en"}))
          @RequestParam(required = false)
          String lang,
      @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept)
      throws IOException {
    Locale only = lang == null ? null : Languages.parse(lang).orElseThrow();
    boolean csv = csv(format, accept);
    if (table != null
        && !List.of("recommendations", "progress", "updates", "commitments").contains(table)) {
      throw new BadRequest("request.invalid");
    }
    Site site = site(key);
    List<TrackedRecommendation> all = tracker.recommendations(site);
    LocalDate today = observatory.today();
    List<Commitment> commitments = tracker.commitments(site);
    Map<RecommendationId, Integer> numbers =
        all.stream()
            .collect(Collectors.toMap(TrackedRecommendation::id, TrackedRecommendation::number));
    List<TrackerProgress> progress =
        TrackerProgress.of(all, reference.domains(), reference.addressees());
    if (csv) {
      String which = table == null ? "recommendations" : table;
      return csv(
          site, which, writer -> table(writer, site, which, all, progress, commitments, numbers));
    }
    TrackerJson json =
        new TrackerJson(
            site.key(),
            !all.isEmpty(),
            progress.stream().map(RecommendationsApiController::progress).toList(),
            all.stream().map(r -> recommendation(site, r, only, false, today, numbers)).toList(),
            commitments.stream().map(c -> commitment(c, today, numbers)).toList(),
            license);
    return responses.json(json, PublicReads.LATEST, null, only);
  }

  @GetMapping(
      value = "/api/v1/sites/{key}/recommendations/{id}",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
  @Operation(
      operationId = "getRecommendation",
      summary = "One tracked recommendation",
      description =
          "A recommendation with both timelines (official reports and community assessments,"
              + " oldest first, with their evidence) and its commitments. CSV with format=csv (or"
              + " Accept: text/csv): its timeline, one row per report. An id of another site is"
              + " not found. Cacheable for 60 seconds.")
  @ApiResponse(
      responseCode = "200",
      description = "The recommendation",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = OneJson.class)),
        @Content(
            mediaType = CSV,
            schema =
                @Schema(
                    type = "string",
                    description =
                        "Header: number, source, reported_on, status, progress, reason,"
                            + " evidence, link, corrected_on, correction"))
      })
  ResponseEntity<?> one(
      @PathVariable String key,
      @Parameter(
              description = "The recommendation's id",
              schema = @Schema(type = "string", format = "uuid"))
          @PathVariable
          String id,
      @Parameter(
              description = FORMAT_DESCRIPTION,
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"json", "csv"}))
          @RequestParam(required = false)
          String format,
      @Parameter(
              description = LANG_DESCRIPTION,
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"es", "en"}))
          @RequestParam(required = false)
          String lang,
      @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept)
      throws IOException {
    Locale only = lang == null ? null : Languages.parse(lang).orElseThrow();
    boolean csv = csv(format, accept);
    Site site = site(key);
    TrackedRecommendation r =
        tracker
            .recommendation(
                site, new RecommendationId(Ids.parse(id, "observatory.recommendation.not-found")))
            .orElseThrow(() -> new NotFound("observatory.recommendation.not-found"));
    if (csv) {
      return csv(site, "recommendation-" + r.number(), writer -> updates(writer, List.of(r)));
    }
    Map<RecommendationId, Integer> numbers =
        tracker.recommendations(site).stream()
            .collect(Collectors.toMap(TrackedRecommendation::id, TrackedRecommendation::number));
    return responses.json(
        new OneJson(
            site.key(), recommendation(site, r, only, true, observatory.today(), numbers), license),
        PublicReads.LATEST,
        null,
        only);
  }

  private Site site(String key) {
    Site site = sites.byKey(key);
    agendas.requireNotSuspended(site);
    return site;
  }

  private static boolean csv(String format, String accept) {
    if (format != null && !"json".equals(format) && !"csv".equals(format)) {
      throw new BadRequest("request.invalid");
    }
    return "csv".equals(format) || (format == null && accept != null && accept.contains(CSV));
  }

  private static RecommendationJson recommendation(
      Site site,
      TrackedRecommendation r,
      Locale only,
      boolean full,
      LocalDate today,
      Map<RecommendationId, Integer> numbers) {
    String href = "/api/v1/sites/" + site.key() + "/recommendations/" + r.id();
    return new RecommendationJson(
        r.id().toString(),
        r.number(),
        TextJson.of(r.text(), only),
        r.addressee(),
        r.institutions().stream().map(i -> i.name()).toList(),
        r.domains(),
        r.targets().stream().map(t -> t.code()).toList(),
        r.specificity(),
        r.startsOn(),
        r.dueOn(),
        r.proposals().stream()
            .map(
                p ->
                    new OriginJson(
                        p.proposalId().toString(),
                        p.agendaVersion(),
                        "/api/v1/sites/" + site.key() + "/agenda?version=" + p.agendaVersion()))
            .toList(),
        r.latestOfficial().map(u -> update(site, u)).orElse(null),
        r.latestCommunity().map(u -> update(site, u)).orElse(null),
        full ? r.official().stream().map(u -> update(site, u)).toList() : null,
        full ? r.community().stream().map(u -> update(site, u)).toList() : null,
        full ? r.commitments().stream().map(c -> commitment(c, today, numbers)).toList() : null,
        href);
  }

  private static UpdateJson update(Site site, ProgressUpdate u) {
    return new UpdateJson(
        u.source().code(),
        u.status().code(),
        u.progress(),
        u.reportedOn(),
        blankToNull(u.reason()),
        blankToNull(u.evidence()),
        u.link(),
        u.hasFile()
            ? "/sites/"
                + site.key()
                + "/tracker/"
                + u.recommendation()
                + "/updates/"
                + u.id()
                + "/file"
            : null,
        u.correctedOn(),
        u.correctionReason());
  }

  private static CommitmentJson commitment(
      Commitment c, LocalDate today, Map<RecommendationId, Integer> numbers) {
    return new CommitmentJson(
        c.id().toString(),
        c.sessionHeldOn(),
        c.institution() == null ? null : c.institution().name(),
        c.what(),
        c.dueOn(),
        c.fulfilledOn(),
        c.overdueOn(today),
        c.recommendations().stream().map(numbers::get).filter(n -> n != null).sorted().toList(),
        c.withdrawnOn(),
        c.withdrawnReason());
  }

  private static ProgressJson progress(TrackerProgress g) {
    return new ProgressJson(
        g.kind(), g.key(), g.recommendations(), side(g.official()), side(g.community()));
  }

  private static SideJson side(TrackerProgress.Side s) {
    Map<String, Integer> byStatus = new java.util.LinkedHashMap<>();
    s.byStatus().forEach((status, n) -> byStatus.put(status.code(), n));
    return new SideJson(byStatus, s.unreported(), s.meanProgress());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private interface Table {
    void write(CSVPrinter csv) throws IOException;
  }

  private ResponseEntity<byte[]> csv(Site site, String name, Table table) throws IOException {
    StringWriter out = new StringWriter();
    // A byte-order mark lets spreadsheet programs recognise UTF-8 (accents in Spanish).
    out.write('\uFEFF');
    try (CSVPrinter csv = CSVFormat.RFC4180.print(out)) {
      table.write(csv);
    }
    byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"tejido-" + site.key() + "-tracker-" + name + ".csv\"")
        .header(HttpHeaders.CONTENT_LANGUAGE, PublicReads.contentLanguage(null))
        .cacheControl(PublicReads.LATEST)
        .eTag(PublicReads.strongETag(body))
        .body(body);
  }

  private void table(
      CSVPrinter csv,
      Site site,
      String which,
      List<TrackedRecommendation> all,
      List<TrackerProgress> progress,
      List<Commitment> commitments,
      Map<RecommendationId, Integer> numbers)
      throws IOException {
    LocalDate today = observatory.today();
    switch (which) {
      case "progress" -> {
        List<String> header =
            new ArrayList<>(
                List.of(
                    "group", "key", "recommendations", "source", "mean_progress", "unreported"));
        for (ImplementationStatus s : ImplementationStatus.values()) {
          header.add(s.code());
        }
        csv.printRecord(header);
        for (TrackerProgress g : progress) {
          for (String source : List.of("official", "community")) {
            TrackerProgress.Side side = source.equals("official") ? g.official() : g.community();
            List<Object> row =
                new ArrayList<>(
                    List.of(g.kind(), g.key(), g.recommendations(), source, "", side.unreported()));
            row.set(4, side.meanProgress() == null ? "" : side.meanProgress());
            for (ImplementationStatus s : ImplementationStatus.values()) {
              row.add(side.count(s));
            }
            csv.printRecord(row);
          }
        }
      }
      case "updates" -> updates(csv, all);
      case "commitments" -> {
        csv.printRecord(
            "session",
            "institution",
            "what",
            "due_on",
            "fulfilled_on",
            "overdue",
            "recommendations",
            "withdrawn_on",
            "withdrawn_reason");
        for (Commitment c : commitments) {
          csv.printRecord(
              c.sessionHeldOn(),
              c.institution() == null ? "" : c.institution().name(),
              c.what(),
              c.dueOn(),
              c.fulfilledOn() == null ? "" : c.fulfilledOn(),
              c.overdueOn(today),
              c.recommendations().stream()
                  .map(numbers::get)
                  .filter(n -> n != null)
                  .sorted()
                  .map(n -> "R-" + n)
                  .collect(Collectors.joining(";")),
              c.withdrawnOn() == null ? "" : c.withdrawnOn(),
              c.withdrawnReason() == null ? "" : c.withdrawnReason());
        }
      }
      default -> {
        csv.printRecord(
            "site",
            "number",
            "id",
            "text_es",
            "text_en",
            "addressee",
            "domains",
            "specificity",
            "starts_on",
            "due_on",
            "official_status",
            "official_progress",
            "official_on",
            "community_status",
            "community_progress",
            "community_on",
            "overdue_commitments");
        for (TrackedRecommendation r : all) {
          Optional<ProgressUpdate> o = r.latestOfficial();
          Optional<ProgressUpdate> c = r.latestCommunity();
          csv.printRecord(
              site.key(),
              "R-" + r.number(),
              r.id(),
              r.text().es(),
              r.text().en(),
              r.addressee(),
              String.join(";", r.domains()),
              r.specificity(),
              r.startsOn(),
              r.dueOn(),
              o.map(u -> u.status().code()).orElse(""),
              o.map(u -> (Object) u.progress()).orElse(""),
              o.map(u -> (Object) u.reportedOn()).orElse(""),
              c.map(u -> u.status().code()).orElse(""),
              c.map(u -> (Object) u.progress()).orElse(""),
              c.map(u -> (Object) u.reportedOn()).orElse(""),
              r.commitments().stream().filter(x -> x.overdueOn(today)).count());
        }
      }
    }
  }

  private static void updates(CSVPrinter csv, List<TrackedRecommendation> all) throws IOException {
    csv.printRecord(
        "number",
        "source",
        "reported_on",
        "status",
        "progress",
        "reason",
        "evidence",
        "link",
        "corrected_on",
        "correction");
    for (TrackedRecommendation r : all) {
      List<ProgressUpdate> both = new ArrayList<>(r.official());
      both.addAll(r.community());
      both.sort(java.util.Comparator.comparing(ProgressUpdate::reportedOn));
      for (ProgressUpdate u : both) {
        csv.printRecord(
            "R-" + r.number(),
            u.source().code(),
            u.reportedOn(),
            u.status().code(),
            u.progress(),
            u.reason() == null ? "" : u.reason(),
            u.evidence() == null ? "" : u.evidence(),
            u.link() == null ? "" : u.link(),
            u.correctedOn() == null ? "" : u.correctedOn(),
            u.correctionReason() == null ? "" : u.correctionReason());
      }
    }
  }
}
