package org.tejido.agenda;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.internal.AgendaStore;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;

/**
 * Coded segments of testimony used as evidence for the issues of a site's agenda. Researchers and
 * coordinators link a segment to an issue of the draft; the coordinator chooses which quotes the
 * published agenda shows. A published agenda shows a chosen quote only for a spoken issue and only
 * while its speaker's consent allows quotation in published agendas ({@link
 * EvidenceQuotes#forPublic}); the link itself holds no text. Changes are audited by reference and
 * coding id only.
 */
@Service
@Transactional
public class IssueEvidence {

  /** Who links segments to issues (those who analyse testimony). */
  public static final SiteRole[] LINKERS = {SiteRole.COORDINATOR, SiteRole.RESEARCHER};

  /** Who reads the quotes behind the agenda (those who code; never the observatory). */
  public static final SiteRole[] READERS = {
    SiteRole.COORDINATOR, SiteRole.RESEARCHER, SiteRole.COMMUNITY_RESEARCHER
  };

  private final JdbcClient jdbc;
  private final AgendaStore store;
  private final Team team;
  private final AuditLog audit;
  private final ObjectProvider<EvidenceQuotes> quotes;

  IssueEvidence(
      JdbcClient jdbc,
      AgendaStore store,
      Team team,
      AuditLog audit,
      ObjectProvider<EvidenceQuotes> quotes) {
    this.jdbc = jdbc;
    this.store = store;
    this.team = team;
    this.audit = audit;
    this.quotes = quotes;
  }

  /** A quote behind an issue, and whether the coordinator chose it for the published agenda. */
  public record Supporting(EvidenceQuotes.Quote quote, boolean quoted) {}

  /**
   * An issue's evidence as its team sees it.
   *
   * @param byGroup segments by the speaker's population group (null key: no participant), in name
   *     order
   * @param speakersByGroup distinct speakers by population group
   */
  public record IssueQuotes(
      List<Supporting> quotes,
      Map<String, Integer> byGroup,
      Map<String, Integer> speakersByGroup) {}

  /** An issue of the draft that a segment can support, for choosing one. */
  public record DraftIssue(
      UUID id, String ref, org.tejido.shared.LocalizedText title, boolean silenced) {}

  /**
   * Links a coded segment to an issue of the draft (again: nothing changes).
   *
   * @throws Conflict {@code agenda.draft.none} without a draft
   * @throws NotFound {@code agenda.issue.not-found} for an issue not in the draft, {@code
   *     analysis.coding.not-found} for a coding of another site
   */
  public void link(Site site, UUID issue, UUID coding) {
    StaffMember me = team.require(site.id(), LINKERS);
    String ref = draftIssueRef(site, issue);
    requireCoding(site, coding);
    int n =
        jdbc.sql(
                "insert into agenda_evidence (issue_id, coding_id, added_by) values (?, ?, ?)"
                    + " on conflict do nothing")
            .params(issue, coding, me.id().value())
            .update();
    if (n > 0) {
      audit.record(site.id().value(), "agenda.evidence.added", ref, "coding " + coding);
    }
  }

  /** Unlinks a segment from an issue of the draft. */
  public void unlink(Site site, UUID issue, UUID coding) {
    team.require(site.id(), LINKERS);
    String ref = draftIssueRef(site, issue);
    int n =
        jdbc.sql("delete from agenda_evidence where issue_id = ? and coding_id = ?")
            .params(issue, coding)
            .update();
    if (n == 0) {
      throw new NotFound("agenda.evidence.not-found");
    }
    audit.record(site.id().value(), "agenda.evidence.removed", ref, "coding " + coding);
  }

  /**
   * Chooses whether the published agenda shows a quote (the coordinator's decision; consent still
   * decides whether it can).
   */
  public void choose(Site site, UUID issue, UUID coding, boolean quoted) {
    team.require(site.id(), SiteRole.COORDINATOR);
    String ref = draftIssueRef(site, issue);
    int n =
        jdbc.sql("update agenda_evidence set quoted = ? where issue_id = ? and coding_id = ?")
            .params(quoted, issue, coding)
            .update();
    if (n == 0) {
      throw new NotFound("agenda.evidence.not-found");
    }
    audit.record(
        site.id().value(),
        quoted ? "agenda.evidence.quoted" : "agenda.evidence.unquoted",
        ref,
        "coding " + coding);
  }

  /** The draft's issues, in order, for choosing one a segment supports; empty without a draft. */
  @Transactional(readOnly = true)
  public List<DraftIssue> draftIssues(Site site) {
    team.require(site.id(), LINKERS);
    return store
        .draft(site.id().value())
        .map(
            v ->
                store.allIssues(v.id()).stream()
                    .map(
                        i ->
                            new DraftIssue(
                                i.id(), i.ref(), i.silenced() ? null : i.title(), i.silenced()))
                    .toList())
        .orElse(List.of());
  }

  /**
   * Each issue's quotes and counts for the team; empty for a role that does not read testimony (the
   * observatory).
   */
  @Transactional(readOnly = true)
  public Map<UUID, IssueQuotes> forTeam(Site site, Agenda agenda) {
    Optional<SiteRole> role = team.currentRoleAt(site.id());
    EvidenceQuotes source = quotes.getIfAvailable();
    if (source == null || role.isEmpty() || !List.of(READERS).contains(role.get())) {
      return Map.of();
    }
    Map<UUID, List<Link>> links = links(agenda, false);
    Set<UUID> codings = new HashSet<>();
    links.values().forEach(l -> l.forEach(x -> codings.add(x.coding())));
    Map<UUID, EvidenceQuotes.Quote> cut = source.forTeam(site, codings);
    Map<UUID, IssueQuotes> out = new LinkedHashMap<>();
    for (Map.Entry<UUID, List<Link>> e : links.entrySet()) {
      List<Supporting> list = new ArrayList<>();
      Map<String, Integer> byGroup =
          new TreeMap<>(java.util.Comparator.nullsLast(String::compareTo));
      Map<String, Set<String>> speakers =
          new TreeMap<>(java.util.Comparator.nullsLast(String::compareTo));
      for (Link link : e.getValue()) {
        EvidenceQuotes.Quote q = cut.get(link.coding());
        if (q == null) {
          continue;
        }
        list.add(new Supporting(q, link.quoted()));
        byGroup.merge(q.group(), 1, Integer::sum);
        if (q.speaker() != null) {
          speakers.computeIfAbsent(q.group(), k -> new HashSet<>()).add(q.speaker());
        }
      }
      Map<String, Integer> speakersByGroup =
          new TreeMap<>(java.util.Comparator.nullsLast(String::compareTo));
      speakers.forEach((g, s) -> speakersByGroup.put(g, s.size()));
      out.put(e.getKey(), new IssueQuotes(list, byGroup, speakersByGroup));
    }
    if (!codings.isEmpty()) {
      // Quotes are testimony: reading them is a protected read, logged by ids only.
      audit.record(
          site.id().value(),
          "agenda.evidence.read",
          "version:" + agenda.version().number(),
          codings.size() + " segments");
    }
    return out;
  }

  /**
   * The quotes a published agenda shows, by issue: only quotes the coordinator chose, of spoken
   * issues, whose speaker's consent allows quotation in published agendas now. Anyone may read
   * them.
   */
  @Transactional(readOnly = true)
  public Map<UUID, List<EvidenceQuotes.Quote>> forPublic(Site site, Agenda agenda) {
    if (!agenda.version().published()) {
      return Map.of();
    }
    return publishable(site, agenda);
  }

  /**
   * The quotes the draft would show once published (chosen, of spoken issues, consent allowing),
   * for the site's coordinator to preview it.
   */
  @Transactional(readOnly = true)
  public Map<UUID, List<EvidenceQuotes.Quote>> forPreview(Site site, Agenda draft) {
    team.require(site.id(), SiteRole.COORDINATOR);
    return publishable(site, draft);
  }

  private Map<UUID, List<EvidenceQuotes.Quote>> publishable(Site site, Agenda agenda) {
    EvidenceQuotes source = quotes.getIfAvailable();
    if (source == null || site.suspendedForSafety()) {
      return Map.of();
    }
    Map<UUID, List<Link>> links = links(agenda, true);
    Set<UUID> codings = new HashSet<>();
    links.values().forEach(l -> l.forEach(x -> codings.add(x.coding())));
    if (codings.isEmpty()) {
      return Map.of();
    }
    Map<UUID, EvidenceQuotes.Quote> cut = source.forPublic(site, codings);
    Map<UUID, List<EvidenceQuotes.Quote>> out = new LinkedHashMap<>();
    links.forEach(
        (issue, list) -> {
          List<EvidenceQuotes.Quote> shown =
              list.stream()
                  .map(l -> cut.get(l.coding()))
                  .filter(q -> q != null && q.text() != null && !q.text().isBlank())
                  .toList();
          if (!shown.isEmpty()) {
            out.put(issue, shown);
          }
        });
    return out;
  }

  private record Link(UUID issue, UUID coding, boolean quoted) {}

  /** The links of the agenda's issues; {@code publicOnly}: chosen quotes of spoken issues only. */
  private Map<UUID, List<Link>> links(Agenda agenda, boolean publicOnly) {
    Set<UUID> issues = new HashSet<>();
    for (AgendaIssue i : agenda.issues()) {
      if (!publicOnly || !i.silenced()) {
        issues.add(i.id());
      }
    }
    Map<UUID, List<Link>> out = new LinkedHashMap<>();
    if (issues.isEmpty()) {
      return out;
    }
    // The silenced flag is read from the stored row too, not only from the agenda given.
    jdbc
        .sql(
            "select e.issue_id, e.coding_id, e.quoted from agenda_evidence e"
                + " join agenda_issue i on i.id = e.issue_id"
                + " where i.version_id = ? and (not ? or (e.quoted and not i.silenced))"
                + " order by e.added_at, e.coding_id")
        .params(agenda.version().id(), publicOnly)
        .query(
            (rs, n) ->
                new Link(
                    rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBoolean(3)))
        .list()
        .stream()
        .filter(l -> issues.contains(l.issue()))
        .forEach(l -> out.computeIfAbsent(l.issue(), k -> new ArrayList<>()).add(l));
    return out;
  }

  private String draftIssueRef(Site site, UUID issue) {
    var draft = store.draft(site.id().value()).orElseThrow(() -> new Conflict("agenda.draft.none"));
    return store.allIssues(draft.id()).stream()
        .filter(i -> i.id().equals(issue))
        .findFirst()
        .map(AgendaStore.StoredIssue::ref)
        .orElseThrow(() -> new NotFound("agenda.issue.not-found"));
  }

  private void requireCoding(Site site, UUID coding) {
    EvidenceQuotes source = quotes.getIfAvailable();
    if (source == null || !source.forTeam(site, Set.of(coding)).containsKey(coding)) {
      throw new NotFound("analysis.coding.not-found");
    }
  }
}
