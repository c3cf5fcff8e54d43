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
import org.tejido.agenda.AgendaChanges;
import org.tejido.agenda.AgendaIssue;
import org.tejido.agenda.AgendaVersionChanges;
import org.tejido.agenda.Proposal;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.Languages;
import org.tejido.shared.web.OpenDataResponses;
import org.tejido.shared.web.PublicReads;
import org.tejido.shared.web.TextJson;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** What changed between two published versions of an agenda, as JSON. */
@RestController
@Tag(name = "Agendas", description = "Published Local Human Security Agendas")
class AgendaChangesApiController {

  private final Sites sites;
  private final AgendaVersionChanges changes;
  private final OpenDataResponses responses;
  private final OpenDataProperties.License license;

  AgendaChangesApiController(
      Sites sites,
      AgendaVersionChanges changes,
      OpenDataResponses responses,
      OpenDataProperties openData) {
    this.sites = sites;
    this.changes = changes;
    this.responses = responses;
    this.license = openData.license();
  }

  @Schema(
      name = "WordSegment",
      requiredProperties = {"op", "text"})
  record SegmentJson(
      @Schema(allowableValues = {"kept", "inserted", "deleted"}) String op, String text) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "WordChanges",
      description =
          "A text before and after, as runs of kept, inserted and deleted words; only the language"
              + " ?lang asked for, else both")
  record WordsJson(List<SegmentJson> es, List<SegmentJson> en) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "IssueChange",
      requiredProperties = {
        "id",
        "change",
        "title",
        "titleWords",
        "domains",
        "domainsAdded",
        "domainsRemoved",
        "reordered"
      })
  record IssueChangeJson(
      @Schema(description = "The issue's stable id, the same in every version") String id,
      @Schema(allowableValues = {"added", "removed", "changed"}) String change,
      @Schema(description = "Its place in the newer version; absent when removed") Integer position,
      @Schema(description = "Its place in the older version; absent when added")
          Integer formerPosition,
      @Schema(description = "The title now (as it was, when removed)") TextJson title,
      WordsJson titleWords,
      @Schema(description = "Absent when neither version has a description")
          WordsJson descriptionWords,
      @Schema(description = "Its domains now (as they were, when removed)") List<String> domains,
      List<String> domainsAdded,
      List<String> domainsRemoved,
      @Schema(description = "It changed places relative to the other issues") boolean reordered) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "ProposalChange",
      requiredProperties = {
        "id",
        "change",
        "addressee",
        "text",
        "textWords",
        "issues",
        "issuesAdded",
        "issuesRemoved",
        "reordered"
      })
  record ProposalChangeJson(
      String id,
      @Schema(allowableValues = {"added", "removed", "changed"}) String change,
      Integer position,
      Integer formerPosition,
      @Schema(description = "Whom it addresses now (as it did, when removed)") String addressee,
      @Schema(description = "Whom it addressed before, only when that changed")
          String formerAddressee,
      TextJson text,
      WordsJson textWords,
      @Schema(description = "Ids of the issues it answers now (answered, when removed)")
          List<String> issues,
      List<String> issuesAdded,
      List<String> issuesRemoved,
      boolean reordered) {}

  @Schema(
      name = "Validation",
      requiredProperties = {"rounds", "participants"})
  record ValidationJson(int rounds, int participants) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "AgendaChanges",
      requiredProperties = {
        "site",
        "from",
        "to",
        "fromPublishedAt",
        "toPublishedAt",
        "issues",
        "proposals",
        "unchangedIssues",
        "unchangedProposals",
        "license"
      })
  record ChangesJson(
      String site,
      @Schema(minimum = "1") int from,
      @Schema(minimum = "2") int to,
      Instant fromPublishedAt,
      Instant toPublishedAt,
      @Schema(description = "What changed and why, in the coordinator's words, when written")
          TextJson note,
      @Schema(description = "How the newer version was validated with residents, when it was")
          ValidationJson validation,
      List<IssueChangeJson> issues,
      List<ProposalChangeJson> proposals,
      int unchangedIssues,
      int unchangedProposals,
      OpenDataProperties.License license) {}

  @GetMapping(
      value = "/api/v1/sites/{key}/agenda/changes",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getAgendaChanges",
      summary = "What changed between two published versions of a site's agenda",
      description =
          "Issues and proposals added, removed and changed between ?from and ?to (the version"
              + " before the latest and the latest when absent): rewording word by word, other"
              + " domains, another addressee, another order, other issues answered. An item is the"
              + " same in both versions when it has the same id. Silenced issues are in neither"
              + " version: an issue silenced since shows as removed, one spoken again as added."
              + " Both numbers given: immutable, cached for a year; otherwise for 60 seconds."
              + " 400 agenda.changes.order unless from < to, agenda.changes.number for a"
              + " malformed number; 404 agenda.changes.none with a single published version.")
  ResponseEntity<ChangesJson> changes(
      @PathVariable String key,
      @Parameter(
              description = "The older published version; the one before ?to when absent",
              schema = @Schema(type = "integer", format = "int32", minimum = "1"))
          @RequestParam(required = false)
          String from,
      @Parameter(
              description = "The newer published version; the latest when absent",
              schema = @Schema(type = "integer", format = "int32", minimum = "2"))
          @RequestParam(required = false)
          String to,
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
    Integer f = VersionNumbers.parse(from);
    Integer t = VersionNumbers.parse(to);
    AgendaChanges c = changes.published(site, f, t);
    ChangesJson json =
        new ChangesJson(
            site.key(),
            c.from().number(),
            c.to().number(),
            c.from().publishedAt(),
            c.to().publishedAt(),
            TextJson.of(c.note(), only),
            c.validation().map(v -> new ValidationJson(v.rounds(), v.participants())).orElse(null),
            c.issues().stream().map(i -> issue(i, only)).toList(),
            c.proposals().stream().map(p -> proposal(p, only)).toList(),
            c.unchangedIssues(),
            c.unchangedProposals(),
            license);
    return responses.json(
        json,
        f != null && t != null ? PublicReads.IMMUTABLE : PublicReads.LATEST,
        c.to().publishedAt(),
        only);
  }

  private static IssueChangeJson issue(AgendaChanges.IssueChange i, Locale only) {
    AgendaIssue now = i.current();
    return new IssueChangeJson(
        i.ref(),
        i.kind().code(),
        i.after() == null ? null : i.after().position(),
        i.before() == null ? null : i.before().position(),
        TextJson.of(now.title(), only),
        words(i.title(), only),
        i.description().isEmpty() ? null : words(i.description(), only),
        now.domains(),
        i.domainsAdded(),
        i.domainsRemoved(),
        i.reordered());
  }

  private static ProposalChangeJson proposal(AgendaChanges.ProposalChange p, Locale only) {
    Proposal now = p.current();
    return new ProposalChangeJson(
        p.ref(),
        p.kind().code(),
        p.after() == null ? null : p.after().position(),
        p.before() == null ? null : p.before().position(),
        now.addressee(),
        p.addresseeChanged() ? p.before().addressee() : null,
        TextJson.of(now.text(), only),
        words(p.text(), only),
        p.answers(),
        p.issuesAdded(),
        p.issuesRemoved(),
        p.reordered());
  }

  private static WordsJson words(AgendaChanges.Wording w, Locale only) {
    boolean en = only != null && "en".equals(only.getLanguage());
    boolean es = only != null && !en;
    return new WordsJson(
        en ? null : segments(w.es()), es ? null : segments(w.en().isEmpty() ? w.es() : w.en()));
  }

  private static List<SegmentJson> segments(List<AgendaChanges.Segment> segments) {
    return segments.stream()
        .map(s -> new SegmentJson(s.op().name().toLowerCase(Locale.ROOT), s.text()))
        .toList();
  }
}
