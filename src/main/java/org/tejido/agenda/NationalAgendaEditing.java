package org.tejido.agenda;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.internal.national.NationalAgendaStore;
import org.tejido.audit.AuditLog;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.LocalizedText;
import org.tejido.shared.NotFound;
import org.tejido.shared.Validation;

/**
 * The national coordinator's work on the National Agenda: a draft copied from the latest published
 * version (or, for the first, from the national principles), threads of local issues picked from
 * the sites' published agendas, principles and requirements, then published as a new immutable
 * version. Every change is in the account-level audit log, by reference only.
 */
@Service
@Transactional
public class NationalAgendaEditing {

  private final JdbcClient jdbc;
  private final NationalAgendaStore store;
  private final ReferenceData reference;
  private final Team team;
  private final ApplicationEventPublisher events;
  private final AuditLog audit;

  NationalAgendaEditing(
      JdbcClient jdbc,
      NationalAgendaStore store,
      ReferenceData reference,
      Team team,
      ApplicationEventPublisher events,
      AuditLog audit) {
    this.jdbc = jdbc;
    this.store = store;
    this.reference = reference;
    this.team = team;
    this.events = events;
    this.audit = audit;
  }

  /**
   * @throws Conflict {@code national-agenda.draft.exists} when there is a draft already
   */
  public NationalAgendaVersion startDraft() {
    StaffMember me = NationalAgendas.requireCoordinator(team);
    if (store.draft().isPresent()) {
      throw new Conflict("national-agenda.draft.exists");
    }
    var latest = store.latestPublished();
    UUID draft =
        jdbc.sql(
                "insert into national_agenda_version (number, state, created_by) values ((select"
                    + " coalesce(max(number), 0) + 1 from national_agenda_version), 'draft', ?)"
                    + " returning id")
            .param(me.id().value())
            .query(UUID.class)
            .single();
    if (latest.isPresent()) {
      copy(latest.get().id(), draft);
    } else {
      // The first National Agenda starts from the principles the project agreed on.
      int position = 0;
      for (LocalizedText p : reference.nationalPrinciples()) {
        insertStatement(draft, NationalStatement.Kind.PRINCIPLE, ++position, p.es(), p.en());
      }
    }
    NationalAgendaVersion started = store.draft().orElseThrow();
    record("national-agenda.draft.started", started, null);
    return started;
  }

  public void discardDraft() {
    NationalAgendas.requireCoordinator(team);
    NationalAgendaVersion draft = draftOf();
    jdbc.sql("delete from national_agenda_version where id = ?").param(draft.id()).update();
    record("national-agenda.draft.discarded", draft, null);
  }

  /**
   * @throws BadRequest {@code national-agenda.publish.empty} when no thread shows a local issue
   */
  public NationalAgendaVersion publish() {
    StaffMember me = NationalAgendas.requireCoordinator(team);
    NationalAgendaVersion draft = draftOf();
    List<NationalThread> threads = store.threads(draft.id());
    if (threads.stream().allMatch(t -> t.origins().isEmpty())) {
      throw new BadRequest("national-agenda.publish.empty");
    }
    jdbc.sql(
            "update national_agenda_version set state = 'published', published_at = now(),"
                + " published_by = ? where id = ?")
        .params(me.id().value(), draft.id())
        .update();
    events.publishEvent(new NationalAgendaPublished(draft.number()));
    record("national-agenda.published", draft, threads.size() + " threads");
    return store.published(draft.number()).orElseThrow();
  }

  public UUID addThread(NationalThreadInput input) {
    NationalAgendas.requireCoordinator(team);
    NationalAgendaVersion draft = draftOf();
    validate(input);
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into national_thread (id, version_id, position, domain_key, title_es,"
                + " title_en, description_es, description_en) values (?, ?, (select"
                + " coalesce(max(position), 0) + 1 from national_thread where version_id = ?),"
                + " ?, ?, ?, ?, ?)")
        .params(
            id,
            draft.id(),
            draft.id(),
            input.domain(),
            input.titleEs().strip(),
            input.titleEn().strip(),
            optional(input.descriptionEs()),
            optional(input.descriptionEn()))
        .update();
    linkIssues(id, input.issues());
    record("national-agenda.thread.added", "national-thread:" + id, detail(input));
    return id;
  }

  public void updateThread(UUID thread, NationalThreadInput input) {
    NationalAgendas.requireCoordinator(team);
    NationalAgendaVersion draft = draftOf();
    validate(input);
    int n =
        jdbc.sql(
                "update national_thread set domain_key = ?, title_es = ?, title_en = ?,"
                    + " description_es = ?, description_en = ? where id = ? and version_id = ?")
            .params(
                input.domain(),
                input.titleEs().strip(),
                input.titleEn().strip(),
                optional(input.descriptionEs()),
                optional(input.descriptionEn()),
                thread,
                draft.id())
            .update();
    if (n == 0) {
      throw new NotFound("national-agenda.thread.not-found");
    }
    jdbc.sql("delete from national_thread_issue where thread_id = ?").param(thread).update();
    linkIssues(thread, input.issues());
    record("national-agenda.thread.edited", "national-thread:" + thread, detail(input));
  }

  public void deleteThread(UUID thread) {
    NationalAgendas.requireCoordinator(team);
    int n =
        jdbc.sql("delete from national_thread where id = ? and version_id = ?")
            .params(thread, draftOf().id())
            .update();
    if (n == 0) {
      throw new NotFound("national-agenda.thread.not-found");
    }
    renumber("national_thread", "version_id = ?", draftOf().id());
    record("national-agenda.thread.deleted", "national-thread:" + thread, null);
  }

  /** Moves a thread one place up ({@code -1}) or down ({@code +1}). */
  public void moveThread(UUID thread, int direction) {
    NationalAgendas.requireCoordinator(team);
    UUID version = draftOf().id();
    List<UUID> order =
        new ArrayList<>(
            jdbc.sql("select id from national_thread where version_id = ? order by position")
                .param(version)
                .query(UUID.class)
                .list());
    int at = order.indexOf(thread);
    if (at < 0) {
      throw new NotFound("national-agenda.thread.not-found");
    }
    int to = at + Integer.signum(direction);
    if (to >= 0 && to < order.size()) {
      Collections.swap(order, at, to);
      for (int i = 0; i < order.size(); i++) {
        jdbc.sql("update national_thread set position = ? where id = ?")
            .params(i + 1, order.get(i))
            .update();
      }
    }
    record(
        "national-agenda.thread.moved", "national-thread:" + thread, direction < 0 ? "up" : "down");
  }

  public UUID addStatement(NationalStatementInput input) {
    NationalAgendas.requireCoordinator(team);
    NationalAgendaVersion draft = draftOf();
    validate(input, draft);
    int position =
        jdbc.sql(
                "select coalesce(max(position), 0) + 1 from national_statement"
                    + " where version_id = ? and kind = ?")
            .params(draft.id(), input.kind().code())
            .query(Integer.class)
            .single();
    UUID id =
        insertStatement(
            draft.id(), input.kind(), position, input.textEs().strip(), input.textEn().strip());
    linkThreads(id, input.threads());
    record("national-agenda." + input.kind().code() + ".added", "national-statement:" + id, null);
    return id;
  }

  public void updateStatement(UUID statement, NationalStatementInput input) {
    NationalAgendas.requireCoordinator(team);
    NationalAgendaVersion draft = draftOf();
    validate(input, draft);
    int n =
        jdbc.sql(
                "update national_statement set kind = ?, text_es = ?, text_en = ?"
                    + " where id = ? and version_id = ?")
            .params(
                input.kind().code(),
                input.textEs().strip(),
                input.textEn().strip(),
                statement,
                draft.id())
            .update();
    if (n == 0) {
      throw new NotFound("national-agenda.statement.not-found");
    }
    jdbc.sql("delete from national_statement_thread where statement_id = ?")
        .param(statement)
        .update();
    linkThreads(statement, input.threads());
    record(
        "national-agenda." + input.kind().code() + ".edited",
        "national-statement:" + statement,
        null);
  }

  public void deleteStatement(UUID statement) {
    NationalAgendas.requireCoordinator(team);
    UUID draft = draftOf().id();
    String kind =
        jdbc.sql("select kind from national_statement where id = ? and version_id = ?")
            .params(statement, draft)
            .query(String.class)
            .optional()
            .orElseThrow(() -> new NotFound("national-agenda.statement.not-found"));
    jdbc.sql("delete from national_statement where id = ?").param(statement).update();
    renumber("national_statement", "version_id = ? and kind = ?", draft, kind);
    record("national-agenda.statement.deleted", "national-statement:" + statement, null);
  }

  private void validate(NationalThreadInput input) {
    List<UUID> picked = new ArrayList<>(new LinkedHashSet<>(input.issues()));
    Set<UUID> pickable = new HashSet<>(store.pickable(picked));
    new Validation()
        .text(input.titleEs(), "titleEs", NationalThreadInput.TITLE_MAX)
        .text(input.titleEn(), "titleEn", NationalThreadInput.TITLE_MAX)
        .optionalText(input.descriptionEs(), "descriptionEs", NationalThreadInput.DESCRIPTION_MAX)
        .optionalText(input.descriptionEn(), "descriptionEn", NationalThreadInput.DESCRIPTION_MAX)
        .require(
            input.domain() != null && reference.domain(input.domain()).isPresent(),
            "domain",
            "validation.national.domain")
        .require(!picked.isEmpty(), "issues", "validation.issues.required")
        // A silenced issue, an issue of a local draft, of a suspended or a fictional site, or no
        // issue at all: refused the same way, saying nothing of which.
        .require(pickable.containsAll(picked), "issues", "validation.national.issues.not-public")
        .orThrow();
  }

  private void validate(NationalStatementInput input, NationalAgendaVersion draft) {
    Set<UUID> threads = new HashSet<>();
    store.threads(draft.id()).forEach(t -> threads.add(t.id()));
    new Validation()
        .require(input.kind() != null, "kind", "validation.choose")
        .text(input.textEs(), "textEs", NationalStatementInput.TEXT_MAX)
        .text(input.textEn(), "textEn", NationalStatementInput.TEXT_MAX)
        .require(
            input.threads().isEmpty() || input.kind() == NationalStatement.Kind.REQUIREMENT,
            "threads",
            "validation.national.threads.requirement-only")
        .require(threads.containsAll(input.threads()), "threads", "validation.national.threads")
        .orThrow();
  }

  private UUID insertStatement(
      UUID version, NationalStatement.Kind kind, int position, String es, String en) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into national_statement (id, version_id, kind, position, text_es, text_en)"
                + " values (?, ?, ?, ?, ?, ?)")
        .params(id, version, kind.code(), position, es, en)
        .update();
    return id;
  }

  private void linkIssues(UUID thread, List<UUID> issues) {
    for (UUID issue : new LinkedHashSet<>(issues)) {
      jdbc.sql("insert into national_thread_issue (thread_id, issue_id) values (?, ?)")
          .params(thread, issue)
          .update();
    }
  }

  private void linkThreads(UUID statement, List<UUID> threads) {
    for (UUID thread : new LinkedHashSet<>(threads)) {
      jdbc.sql("insert into national_statement_thread (statement_id, thread_id) values (?, ?)")
          .params(statement, thread)
          .update();
    }
  }

  /** Copies a published version's content into the new draft, issues linked as they were. */
  private void copy(UUID from, UUID to) {
    java.util.Map<UUID, UUID> threads = new java.util.HashMap<>();
    jdbc.sql("select id from national_thread where version_id = ? order by position")
        .param(from)
        .query(UUID.class)
        .list()
        .forEach(old -> threads.put(old, UUID.randomUUID()));
    threads.forEach(
        (old, fresh) -> {
          jdbc.sql(
                  "insert into national_thread (id, version_id, position, domain_key, title_es,"
                      + " title_en, description_es, description_en) select ?, ?, position,"
                      + " domain_key, title_es, title_en, description_es, description_en"
                      + " from national_thread where id = ?")
              .params(fresh, to, old)
              .update();
          // Every link as stored (an issue of a site suspended since stays linked, and stays
          // hidden while the site is suspended).
          jdbc.sql(
                  "insert into national_thread_issue (thread_id, issue_id)"
                      + " select ?, issue_id from national_thread_issue where thread_id = ?")
              .params(fresh, old)
              .update();
        });
    for (NationalStatement.Kind kind : NationalStatement.Kind.values()) {
      for (NationalStatement s : store.statements(from, kind)) {
        UUID id = insertStatement(to, kind, s.position(), s.text().es(), s.text().en());
        linkThreads(id, s.threadIds().stream().map(threads::get).toList());
      }
    }
  }

  /** Positions 1..n again after a deletion, so that no gap says something was taken out. */
  private void renumber(String table, String where, Object... params) {
    jdbc.sql(
            "update "
                + table
                + " t set position = r.n from (select id, row_number() over (order by position)"
                + " as n from "
                + table
                + " where "
                + where
                + ") r where t.id = r.id and t.position <> r.n")
        .params(params)
        .update();
  }

  private static String optional(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static String detail(NationalThreadInput input) {
    return input.domain() + ", " + new LinkedHashSet<>(input.issues()).size() + " local issues";
  }

  private void record(String action, NationalAgendaVersion version, String detail) {
    record(action, "national-agenda:v" + version.number(), detail);
  }

  /** The National Agenda belongs to no site: its entries are account-level ones. */
  private void record(String action, String subject, String detail) {
    audit.record(null, action, subject, detail);
  }

  private NationalAgendaVersion draftOf() {
    return store.draft().orElseThrow(() -> new Conflict("national-agenda.draft.none"));
  }
}
