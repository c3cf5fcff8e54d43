package org.tejido.participation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.participation.internal.ParticipationStore;
import org.tejido.participation.internal.VoteCodes;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;

/**
 * The site team's side of prioritisation: setting a session up over the agenda's spoken issues,
 * opening and closing it, one-time codes, printed workshop ballots, the results, and the result
 * turned into the draft's order of issues. Coordinators and researchers run sessions; only a
 * coordinator changes the agenda. Every change is in the site's audit log.
 */
@Service
@Transactional
public class PrioritisationSessions {

  /** Whose sessions these are. */
  static final SiteRole[] RUNNERS = {SiteRole.COORDINATOR, SiteRole.RESEARCHER};

  public static final int TITLE_MAX = 200;
  public static final int ALLOWANCE_MAX = 20;

  private final ParticipationStore store;
  private final Agendas agendas;
  private final AgendaEditing editing;
  private final Team team;
  private final AuditLog audit;
  private final ParticipationProperties properties;

  PrioritisationSessions(
      ParticipationStore store,
      Agendas agendas,
      AgendaEditing editing,
      Team team,
      AuditLog audit,
      ParticipationProperties properties) {
    this.store = store;
    this.agendas = agendas;
    this.editing = editing;
    this.team = team;
    this.audit = audit;
    this.properties = properties;
  }

  /** Where a session takes its issues from. */
  public enum Source {
    DRAFT,
    PUBLISHED
  }

  /**
   * Sets up a session over the spoken issues of the draft or of the latest published version.
   *
   * @throws BadRequest {@code validation.failed} for a missing title or an allowance out of range
   * @throws Conflict {@code participation.no-issues} when that agenda has no spoken issue
   */
  public UUID create(
      Site site, String title, VotingMethod method, Integer allowance, Source source) {
    StaffMember me = team.require(site.id(), RUNNERS);
    new Validation()
        .text(title, "title", TITLE_MAX)
        .require(method != null, "method", "participation.method.required")
        .require(
            allowance != null && allowance >= 1 && allowance <= ALLOWANCE_MAX,
            "allowance",
            "participation.allowance.range")
        .orThrow();
    Agenda agenda =
        (source == Source.PUBLISHED
                ? agendas.latestPublished(site)
                : agendas.draftWithoutSilencedForTeam(site))
            .orElseThrow(() -> new Conflict("participation.no-issues"));
    List<PrioritisationSession.Issue> issues = new ArrayList<>();
    for (var issue : agenda.spokenIssues()) {
      issues.add(new PrioritisationSession.Issue(issue.ref(), issues.size() + 1, issue.title()));
    }
    if (issues.isEmpty()) {
      throw new Conflict("participation.no-issues");
    }
    UUID id = UUID.randomUUID();
    store.insertSession(
        id,
        site.id().value(),
        title.strip(),
        method,
        allowance,
        agenda.version().number(),
        me.id().value(),
        issues);
    record(site, "participation.session.created", id, method.code() + " " + allowance);
    return id;
  }

  /** The site's sessions, newest first. */
  @Transactional(readOnly = true)
  public List<PrioritisationSession> list(Site site) {
    team.require(site.id(), RUNNERS);
    return store.sessions(site.id().value());
  }

  /**
   * @throws NotFound {@code participation.session.not-found} for an id of no session of this site
   */
  @Transactional(readOnly = true)
  public PrioritisationSession get(Site site, UUID id) {
    team.require(site.id(), RUNNERS);
    return find(site, id);
  }

  public void open(Site site, UUID id) {
    move(site, id, SessionState.PREPARED, SessionState.OPEN, "participation.session.opened");
  }

  public void close(Site site, UUID id) {
    move(site, id, SessionState.OPEN, SessionState.CLOSED, "participation.session.closed");
  }

  /**
   * A batch of one-time codes, returned in clear this once: only their digests are kept. Codes can
   * be made while the session is prepared or open.
   *
   * @throws BadRequest {@code validation.failed} for a count out of range
   */
  public List<String> generateCodes(Site site, UUID id, Integer count) {
    team.require(site.id(), RUNNERS);
    PrioritisationSession session = find(site, id);
    if (count == null || count < 1 || count > properties.maxCodesPerBatch()) {
      throw new BadRequest("validation.failed", Map.of("count", "participation.codes.range"));
    }
    if (session.state() == SessionState.CLOSED) {
      throw new Conflict("participation.session.closed");
    }
    List<String> codes = new ArrayList<>();
    List<byte[]> digests = new ArrayList<>();
    while (codes.size() < count) {
      String code = VoteCodes.generate();
      codes.add(code);
      digests.add(VoteCodes.digest(VoteCodes.normalise(code)));
    }
    store.insertCodes(id, digests);
    record(site, "participation.codes.generated", id, String.valueOf(count));
    return codes;
  }

  /** Codes of a session: issued and used. */
  @Transactional(readOnly = true)
  public CodeCounts codeCounts(Site site, UUID id) {
    team.require(site.id(), RUNNERS);
    int[] counts = store.codeCounts(find(site, id).id());
    return new CodeCounts(counts[0], counts[1]);
  }

  public record CodeCounts(int issued, int used) {}

  /**
   * A printed workshop ballot, entered by the team while the session is open.
   *
   * @throws Conflict {@code participation.session.not-open}
   * @throws BadRequest {@code validation.failed} for a ballot its method does not allow
   */
  public void enterBallot(Site site, UUID id, Ballot ballot) {
    team.require(site.id(), RUNNERS);
    PrioritisationSession session = find(site, id);
    BallotRules.check(session, ballot);
    if (!store.lockOpen(id)) {
      throw new Conflict("participation.session.not-open");
    }
    store.insertBallot(id, ballot, "workshop");
    record(site, "participation.ballot.entered", id, null);
  }

  /** The results so far (final once closed). */
  @Transactional(readOnly = true)
  public Tally results(Site site, UUID id) {
    team.require(site.id(), RUNNERS);
    PrioritisationSession session = find(site, id);
    return Tally.of(session, store.ballots(id), properties.smallGroup());
  }

  /**
   * Orders the draft's issues by the session's result, highest first; issues nobody voted for keep
   * their place after those that got points.
   *
   * @throws Conflict {@code participation.session.not-closed} before the session is closed, {@code
   *     agenda.draft.none} without a draft
   */
  public void applyToAgenda(Site site, UUID id) {
    team.require(site.id(), SiteRole.COORDINATOR);
    PrioritisationSession session = find(site, id);
    if (session.state() != SessionState.CLOSED) {
      throw new Conflict("participation.session.not-closed");
    }
    Tally tally = Tally.of(session, store.ballots(id), properties.smallGroup());
    List<String> refs =
        tally.rows().stream().filter(r -> r.points() > 0).map(r -> r.issue().ref()).toList();
    editing.prioritise(site, refs, "session:" + id);
    record(site, "participation.result.applied", id, refs.size() + " issues");
  }

  private void move(Site site, UUID id, SessionState from, SessionState to, String action) {
    team.require(site.id(), RUNNERS);
    find(site, id);
    if (!store.changeState(id, from, to)) {
      throw new Conflict("participation.session.state");
    }
    record(site, action, id, null);
  }

  private PrioritisationSession find(Site site, UUID id) {
    return store
        .session(site.id().value(), id)
        .orElseThrow(() -> new NotFound("participation.session.not-found"));
  }

  private void record(Site site, String action, UUID session, String detail) {
    audit.record(site.id().value(), action, "session:" + session, detail);
  }
}
