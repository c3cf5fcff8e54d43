package org.tejido.agenda;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.internal.AgendaStore;
import org.tejido.agenda.internal.SilencedTexts;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.LocalizedText;
import org.tejido.shared.NotFound;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;

/**
 * A coordinator's work on their site's agenda: a draft copied from the latest published version,
 * edited while the published one stays online, then published as a new immutable version.
 */
@Service
@Transactional
public class AgendaEditing {

  private final JdbcClient jdbc;
  private final AgendaStore store;
  private final SilencedTexts silenced;
  private final ReferenceData reference;
  private final Team team;
  private final ApplicationEventPublisher events;
  private final AuditLog audit;

  AgendaEditing(
      JdbcClient jdbc,
      AgendaStore store,
      SilencedTexts silenced,
      ReferenceData reference,
      Team team,
      ApplicationEventPublisher events,
      AuditLog audit) {
    this.jdbc = jdbc;
    this.store = store;
    this.silenced = silenced;
    this.reference = reference;
    this.team = team;
    this.events = events;
    this.audit = audit;
  }

  /**
   * Opens a draft as a copy of the latest published version (or empty for a first agenda).
   *
   * @throws Conflict {@code agenda.draft.exists} if the site already has a draft
   */
  public AgendaVersion startDraft(Site site) {
    StaffMember me = coordinator(site);
    UUID siteId = site.id().value();
    if (store.draft(siteId).isPresent()) {
      throw new Conflict("agenda.draft.exists");
    }
    var latest = store.latestPublished(siteId);
    UUID draft =
        jdbc.sql(
                "insert into agenda_version (site_id, number, state, participants, created_by)"
                    + " values (?, (select coalesce(max(number), 0) + 1 from agenda_version"
                    + " where site_id = ?), 'draft', ?, ?) returning id")
            .params(
                siteId,
                siteId,
                latest.map(AgendaVersion::participants).orElse(null),
                me.id().value())
            .query(UUID.class)
            .single();
    latest.ifPresent(published -> copyContent(siteId, published.id(), draft));
    AgendaVersion started = store.draft(siteId).orElseThrow();
    record(site, "agenda.draft.started", started, null);
    return started;
  }

  public void discardDraft(Site site) {
    coordinator(site);
    AgendaVersion draft = draftOf(site);
    jdbc.sql("delete from agenda_version where id = ?").param(draft.id()).update();
    record(site, "agenda.draft.discarded", draft, null);
  }

  /**
   * Publishes the draft as the new public version.
   *
   * @throws BadRequest {@code agenda.publish.empty} when no issue would be public
   */
  public AgendaVersion publish(Site site) {
    StaffMember me = coordinator(site);
    AgendaVersion draft = draftOf(site);
    int spoken = store.spokenIssues(draft.id()).size();
    if (spoken == 0) {
      throw new BadRequest("agenda.publish.empty");
    }
    jdbc.sql(
            "update agenda_version set state = 'published', published_at = now(), published_by = ?"
                + " where id = ?")
        .params(me.id().value(), draft.id())
        .update();
    events.publishEvent(new AgendaPublished(site.id(), draft.number()));
    record(site, "agenda.published", draft, spoken + " public issues");
    return store.published(site.id().value(), draft.number()).orElseThrow();
  }

  public void setParticipants(Site site, Integer participants) {
    coordinator(site);
    if (participants != null && (participants < 0 || participants > 1_000_000)) {
      throw new BadRequest("validation.failed", Map.of("participants", "validation.participants"));
    }
    AgendaVersion draft = draftOf(site);
    jdbc.sql("update agenda_version set participants = ? where id = ?")
        .params(participants, draft.id())
        .update();
    record(site, "agenda.participants.set", draft, String.valueOf(participants));
  }

  /** The longest note on what changed in a version, per language. */
  public static final int NOTE_MAX = 2000;

  /**
   * Writes what changed in the draft and why (both languages optional), published with it and shown
   * above the comparison with the version before.
   */
  public void setNote(Site site, LocalizedText note) {
    coordinator(site);
    LocalizedText text = note == null ? new LocalizedText(null, null) : note;
    new Validation()
        .optionalText(text.es(), "noteEs", NOTE_MAX)
        .optionalText(text.en(), "noteEn", NOTE_MAX)
        .orThrow();
    AgendaVersion draft = draftOf(site);
    jdbc.sql("update agenda_version set note_es = ?, note_en = ? where id = ?")
        .params(text.es(), text.en(), draft.id())
        .update();
    // By reference only: the note's words are in the version itself.
    record(site, "agenda.note.set", draft, text.isEmpty() ? "cleared" : "written");
  }

  public UUID addIssue(Site site, IssueInput input) {
    coordinator(site);
    validate(input);
    AgendaVersion draft = draftOf(site);
    UUID id = UUID.randomUUID();
    String ref = nextRef(site, input.silenced() ? "s" : "");
    jdbc.sql(
            "insert into agenda_issue (id, version_id, ref, position, silenced, title_es, title_en,"
                + " description_es, description_en, sealed) values (?, ?, ?,"
                + " (select coalesce(max(position), 0) + 1 from agenda_issue where version_id = ?),"
                + " ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            draft.id(),
            ref,
            draft.id(),
            input.silenced(),
            clear(input, input.titleEs()),
            clear(input, input.titleEn()),
            clear(input, input.descriptionEs()),
            clear(input, input.descriptionEn()),
            sealed(site, id, input))
        .update();
    setDomains(id, input.domains());
    record(site, "agenda.issue.added", ref, null);
    return id;
  }

  public void updateIssue(Site site, UUID issue, IssueInput input) {
    coordinator(site);
    validate(input);
    AgendaVersion draft = draftOf(site);
    var existing =
        store.allIssues(draft.id()).stream()
            .filter(i -> i.id().equals(issue))
            .findFirst()
            .orElseThrow(() -> new NotFound("agenda.issue.not-found"));
    // A public reference must not outlive the issue's silencing (nor the reverse).
    String ref =
        existing.silenced() == input.silenced()
            ? existing.ref()
            : nextRef(site, input.silenced() ? "s" : "");
    jdbc.sql(
            "update agenda_issue set ref = ?, silenced = ?, title_es = ?, title_en = ?,"
                + " description_es = ?, description_en = ?, sealed = ? where id = ?")
        .params(
            ref,
            input.silenced(),
            clear(input, input.titleEs()),
            clear(input, input.titleEn()),
            clear(input, input.descriptionEs()),
            clear(input, input.descriptionEn()),
            sealed(site, issue, input),
            issue)
        .update();
    jdbc.sql("delete from agenda_issue_domain where issue_id = ?").param(issue).update();
    setDomains(issue, input.domains());
    record(site, "agenda.issue.edited", ref, null);
  }

  public void deleteIssue(Site site, UUID issue) {
    coordinator(site);
    String ref = refOf("agenda_issue", issue);
    int n =
        jdbc.sql("delete from agenda_issue where id = ? and version_id = ?")
            .params(issue, draftOf(site).id())
            .update();
    if (n == 0) {
      throw new NotFound("agenda.issue.not-found");
    }
    record(site, "agenda.issue.deleted", ref, null);
  }

  /** Moves an issue one place up ({@code -1}) or down ({@code +1}). */
  public void moveIssue(Site site, UUID issue, int direction) {
    coordinator(site);
    move("agenda_issue", draftOf(site).id(), issue, direction, "agenda.issue.not-found");
    record(site, "agenda.issue.moved", refOf("agenda_issue", issue), direction < 0 ? "up" : "down");
  }

  /**
   * Puts the draft's issues in order of priority: the issues named (by reference, which survives
   * from version to version) first, in the order given, then the others in their present order. The
   * agenda's order of issues is its priority; references the draft no longer has are skipped.
   *
   * @param because a pseudonymous note for the audit log, e.g. the session that decided it
   * @throws Conflict {@code agenda.draft.none} without a draft
   */
  public void prioritise(Site site, List<String> refs, String because) {
    coordinator(site);
    AgendaVersion draft = draftOf(site);
    List<AgendaStore.StoredIssue> issues = store.allIssues(draft.id());
    List<UUID> order = new java.util.ArrayList<>();
    for (String ref : refs) {
      issues.stream()
          .filter(i -> i.ref().equals(ref) && !order.contains(i.id()))
          .findFirst()
          .ifPresent(i -> order.add(i.id()));
    }
    issues.stream()
        .map(AgendaStore.StoredIssue::id)
        .filter(id -> !order.contains(id))
        .forEach(order::add);
    for (int i = 0; i < order.size(); i++) {
      jdbc.sql("update agenda_issue set position = ? where id = ?")
          .params(i + 1, order.get(i))
          .update();
    }
    record(site, "agenda.issues.prioritised", draft, because);
  }

  public UUID addProposal(Site site, ProposalInput input) {
    coordinator(site);
    AgendaVersion draft = draftOf(site);
    validate(input, draft);
    UUID id = UUID.randomUUID();
    String ref = nextRef(site, "p");
    jdbc.sql(
            "insert into agenda_proposal (id, version_id, ref, position, addressee_key, text_es,"
                + " text_en) values (?, ?, ?, (select coalesce(max(position), 0) + 1"
                + " from agenda_proposal where version_id = ?), ?, ?, ?)")
        .params(
            id,
            draft.id(),
            ref,
            draft.id(),
            input.addressee(),
            input.textEs().strip(),
            input.textEn().strip())
        .update();
    linkIssues(id, input.issues());
    record(site, "agenda.proposal.added", ref, null);
    return id;
  }

  public void updateProposal(Site site, UUID proposal, ProposalInput input) {
    coordinator(site);
    AgendaVersion draft = draftOf(site);
    validate(input, draft);
    int n =
        jdbc.sql(
                "update agenda_proposal set addressee_key = ?, text_es = ?, text_en = ?"
                    + " where id = ? and version_id = ?")
            .params(
                input.addressee(),
                input.textEs().strip(),
                input.textEn().strip(),
                proposal,
                draft.id())
            .update();
    if (n == 0) {
      throw new NotFound("agenda.proposal.not-found");
    }
    jdbc.sql("delete from agenda_proposal_issue where proposal_id = ?").param(proposal).update();
    linkIssues(proposal, input.issues());
    record(site, "agenda.proposal.edited", refOf("agenda_proposal", proposal), null);
  }

  public void deleteProposal(Site site, UUID proposal) {
    coordinator(site);
    String ref = refOf("agenda_proposal", proposal);
    int n =
        jdbc.sql("delete from agenda_proposal where id = ? and version_id = ?")
            .params(proposal, draftOf(site).id())
            .update();
    if (n == 0) {
      throw new NotFound("agenda.proposal.not-found");
    }
    record(site, "agenda.proposal.deleted", ref, null);
  }

  public void moveProposal(Site site, UUID proposal, int direction) {
    coordinator(site);
    move("agenda_proposal", draftOf(site).id(), proposal, direction, "agenda.proposal.not-found");
    record(
        site,
        "agenda.proposal.moved",
        refOf("agenda_proposal", proposal),
        direction < 0 ? "up" : "down");
  }

  private void record(Site site, String action, AgendaVersion version, String detail) {
    record(site, action, "version:" + version.number(), detail);
  }

  /** Every change to an agenda is in the site's audit log, by reference (never by text). */
  private void record(Site site, String action, String subject, String detail) {
    audit.record(site.id().value(), action, subject, detail);
  }

  /** A row's reference, or its id when it has none (a row of another version is not found). */
  private String refOf(String table, UUID id) {
    return jdbc.sql("select ref from " + table + " where id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .orElse(id.toString());
  }

  private StaffMember coordinator(Site site) {
    return team.require(site.id(), SiteRole.COORDINATOR);
  }

  private AgendaVersion draftOf(Site site) {
    return store.draft(site.id().value()).orElseThrow(() -> new Conflict("agenda.draft.none"));
  }

  private void validate(IssueInput input) {
    Validation v = new Validation();
    v.text(input.titleEs(), "titleEs", IssueInput.TITLE_MAX)
        .text(input.titleEn(), "titleEn", IssueInput.TITLE_MAX)
        .optionalText(input.descriptionEs(), "descriptionEs", IssueInput.DESCRIPTION_MAX)
        .optionalText(input.descriptionEn(), "descriptionEn", IssueInput.DESCRIPTION_MAX)
        .require(
            input.silenced() || !input.domains().isEmpty(),
            "domains",
            "validation.domains.required")
        .require(
            input.domains().stream().allMatch(d -> reference.domain(d).isPresent()),
            "domains",
            "validation.domains.unknown")
        .orThrow();
  }

  private void validate(ProposalInput input, AgendaVersion draft) {
    Set<UUID> issues = new HashSet<>();
    store.allIssues(draft.id()).forEach(i -> issues.add(i.id()));
    new Validation()
        .require(
            input.addressee() != null && reference.addressee(input.addressee()).isPresent(),
            "addressee",
            "validation.addressee.required")
        .text(input.textEs(), "textEs", ProposalInput.TEXT_MAX)
        .text(input.textEn(), "textEn", ProposalInput.TEXT_MAX)
        .require(!input.issues().isEmpty(), "issues", "validation.issues.required")
        .require(issues.containsAll(input.issues()), "issues", "validation.issues.unknown")
        .orThrow();
  }

  private static String clear(IssueInput input, String text) {
    if (input.silenced() || text == null || text.isBlank()) {
      return null;
    }
    return text.strip();
  }

  private byte[] sealed(Site site, UUID issue, IssueInput input) {
    if (!input.silenced()) {
      return null;
    }
    return silenced.seal(
        site.id().value(),
        issue,
        new LocalizedText(input.titleEs(), input.titleEn()),
        new LocalizedText(input.descriptionEs(), input.descriptionEn()));
  }

  private void setDomains(UUID issue, List<String> domains) {
    for (String domain : new java.util.LinkedHashSet<>(domains)) {
      jdbc.sql("insert into agenda_issue_domain (issue_id, domain_key) values (?, ?)")
          .params(issue, domain)
          .update();
    }
  }

  private void linkIssues(UUID proposal, List<UUID> issues) {
    for (UUID issue : new java.util.LinkedHashSet<>(issues)) {
      jdbc.sql("insert into agenda_proposal_issue (proposal_id, issue_id) values (?, ?)")
          .params(proposal, issue)
          .update();
    }
  }

  private void move(String table, UUID version, UUID id, int direction, String notFound) {
    List<UUID> order =
        jdbc.sql("select id from " + table + " where version_id = ? order by position")
            .param(version)
            .query(UUID.class)
            .list();
    int at = order.indexOf(id);
    if (at < 0) {
      throw new NotFound(notFound);
    }
    int to = at + Integer.signum(direction);
    if (to < 0 || to >= order.size()) {
      return;
    }
    java.util.Collections.swap(order, at, to);
    for (int i = 0; i < order.size(); i++) {
      jdbc.sql("update " + table + " set position = ? where id = ?")
          .params(i + 1, order.get(i))
          .update();
    }
  }

  /** The next free reference for the site, e.g. {@code apa-14}, {@code apa-p3}, {@code apa-s2}. */
  private String nextRef(Site site, String kind) {
    String prefix = AgendaImport.refPrefix(site) + "-" + kind;
    int max =
        jdbc.sql(
                "select coalesce(max(substring(r.ref from ?)::int), 0) from ("
                    + " select i.ref from agenda_issue i join agenda_version v on v.id = i.version_id"
                    + " where v.site_id = ? union all"
                    + " select p.ref from agenda_proposal p join agenda_version v on v.id = p.version_id"
                    + " where v.site_id = ?) r where r.ref ~ ?")
            .params(
                "^" + prefix + "([0-9]+)$",
                site.id().value(),
                site.id().value(),
                "^" + prefix + "[0-9]+$")
            .query(Integer.class)
            .single();
    return prefix + (max + 1);
  }

  private void copyContent(UUID site, UUID from, UUID to) {
    Map<UUID, UUID> issueIds = new java.util.HashMap<>();
    for (AgendaStore.StoredIssue issue : store.allIssues(from)) {
      UUID id = UUID.randomUUID();
      issueIds.put(issue.id(), id);
      byte[] sealed = null;
      if (issue.silenced()) {
        // Ciphertexts are bound to their row: open and seal again for the new row.
        SilencedTexts.Texts texts = silenced.open(site, issue.id(), issue.sealed());
        sealed = silenced.seal(site, id, texts.title(), texts.description());
      }
      jdbc.sql(
              "insert into agenda_issue (id, version_id, ref, position, silenced, title_es,"
                  + " title_en, description_es, description_en, sealed)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              id,
              to,
              issue.ref(),
              issue.position(),
              issue.silenced(),
              issue.title().es(),
              issue.title().en(),
              issue.description().es(),
              issue.description().en(),
              sealed)
          .update();
      setDomains(id, issue.domains());
      // The evidence behind an issue follows it into the draft (IssueEvidence).
      jdbc.sql(
              "insert into agenda_evidence (issue_id, coding_id, quoted, added_by, added_at)"
                  + " select ?, coding_id, quoted, added_by, added_at from agenda_evidence"
                  + " where issue_id = ?")
          .params(id, issue.id())
          .update();
    }
    for (Proposal p : store.proposals(from, issueIds.keySet())) {
      UUID id = UUID.randomUUID();
      jdbc.sql(
              "insert into agenda_proposal (id, version_id, ref, position, addressee_key, text_es,"
                  + " text_en) values (?, ?, ?, ?, ?, ?, ?)")
          .params(id, to, p.ref(), p.position(), p.addressee(), p.text().es(), p.text().en())
          .update();
      linkIssues(id, p.issueIds().stream().map(issueIds::get).toList());
    }
  }
}
