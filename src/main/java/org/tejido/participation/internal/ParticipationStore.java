package org.tejido.participation.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tejido.crypto.SiteEncryption;
import org.tejido.participation.Ballot;
import org.tejido.participation.CommentAnswer;
import org.tejido.participation.EngagementEvent;
import org.tejido.participation.PrioritisationSession;
import org.tejido.participation.SessionState;
import org.tejido.participation.ValidationResponse;
import org.tejido.participation.ValidationRound;
import org.tejido.participation.Verdict;
import org.tejido.participation.VoterGroup;
import org.tejido.participation.VotingMethod;
import org.tejido.shared.LocalizedText;

/**
 * SQL for prioritisation sessions, validation rounds (their codes, responses and comments) and the
 * engagement log. Knows nothing of who is asking. Comment texts are sealed here with the site's
 * data key, bound to the comment's id.
 */
@Repository
public class ParticipationStore {

  private final JdbcClient jdbc;
  private final SiteEncryption encryption;

  ParticipationStore(JdbcClient jdbc, SiteEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  public void insertSession(
      UUID id,
      UUID site,
      String title,
      VotingMethod method,
      int allowance,
      int agendaVersion,
      UUID createdBy,
      List<PrioritisationSession.Issue> issues) {
    jdbc.sql(
            """
            insert into prioritisation_session
              (id, site_id, title, method, allowance, state, agenda_version, created_by)
            values (?, ?, ?, ?, ?, 'prepared', ?, ?)
            """)
        .params(id, site, title, method.code(), allowance, agendaVersion, createdBy)
        .update();
    for (PrioritisationSession.Issue issue : issues) {
      jdbc.sql(
              """
              insert into prioritisation_issue (session_id, ref, position, title_es, title_en)
              values (?, ?, ?, ?, ?)
              """)
          .params(id, issue.ref(), issue.position(), issue.title().es(), issue.title().en())
          .update();
    }
  }

  /** A session of this site; another site's id is not found. */
  public Optional<PrioritisationSession> session(UUID site, UUID id) {
    return jdbc.sql(
            """
            select id, site_id, title, method, allowance, state, agenda_version
              from prioritisation_session where site_id = ? and id = ?
            """)
        .params(site, id)
        .query((rs, n) -> row(rs))
        .optional()
        .map(this::withIssues);
  }

  /** A session by id alone, for a resident whose code named it. */
  public Optional<PrioritisationSession> session(UUID id) {
    return jdbc.sql(
            """
            select id, site_id, title, method, allowance, state, agenda_version
              from prioritisation_session where id = ?
            """)
        .param(id)
        .query((rs, n) -> row(rs))
        .optional()
        .map(this::withIssues);
  }

  /** The site's sessions, newest first, without their issues. */
  public List<PrioritisationSession> sessions(UUID site) {
    return jdbc.sql(
            """
            select id, site_id, title, method, allowance, state, agenda_version
              from prioritisation_session where site_id = ? order by created_at desc, id
            """)
        .param(site)
        .query((rs, n) -> row(rs))
        .list();
  }

  /** Moves a session from one state to another; false when it was not in {@code from}. */
  public boolean changeState(UUID id, SessionState from, SessionState to) {
    return jdbc.sql("update prioritisation_session set state = ? where id = ? and state = ?")
            .params(to.code(), id, from.code())
            .update()
        == 1;
  }

  /** Locks the session against closing until this transaction ends, and says whether it is open. */
  public boolean lockOpen(UUID id) {
    return jdbc.sql("select state from prioritisation_session where id = ? for share")
        .param(id)
        .query(String.class)
        .optional()
        .map("open"::equals)
        .orElse(false);
  }

  public void insertCodes(UUID session, List<byte[]> digests) {
    for (byte[] digest : digests) {
      jdbc.sql("insert into prioritisation_code (digest, session_id) values (?, ?)")
          .params(digest, session)
          .update();
    }
  }

  /** A code's session and whether it was used. */
  public record StoredCode(UUID session, boolean used) {}

  public Optional<StoredCode> code(byte[] digest) {
    return jdbc.sql("select session_id, used from prioritisation_code where digest = ?")
        .param(digest)
        .query((rs, n) -> new StoredCode(rs.getObject(1, UUID.class), rs.getBoolean(2)))
        .optional();
  }

  /**
   * Spends a code: true for exactly one caller, however many try at once (the row lock makes the
   * second wait, then find it used).
   */
  public boolean spend(byte[] digest, UUID session) {
    return jdbc.sql(
                "update prioritisation_code set used = true"
                    + " where digest = ? and session_id = ? and not used")
            .params(digest, session)
            .update()
        == 1;
  }

  /** Codes of a session: [issued, used]. */
  public int[] codeCounts(UUID session) {
    return jdbc.sql(
            "select count(*), count(*) filter (where used) from prioritisation_code"
                + " where session_id = ?")
        .param(session)
        .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
        .single();
  }

  public void insertBallot(UUID session, Ballot ballot, String channel) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into prioritisation_ballot (id, session_id, population_group, channel)"
                + " values (?, ?, ?, ?)")
        .params(id, session, ballot.group().code(), channel)
        .update();
    for (Map.Entry<String, Integer> mark : ballot.marks().entrySet()) {
      jdbc.sql("insert into prioritisation_mark (ballot_id, ref, value) values (?, ?, ?)")
          .params(id, mark.getKey(), mark.getValue())
          .update();
    }
  }

  /** Every ballot of a session. */
  public List<Ballot> ballots(UUID session) {
    Map<UUID, VoterGroup> groups = new LinkedHashMap<>();
    Map<UUID, Map<String, Integer>> marks = new HashMap<>();
    jdbc.sql(
            """
            select b.id, b.population_group, m.ref, m.value
              from prioritisation_ballot b
              left join prioritisation_mark m on m.ballot_id = b.id
             where b.session_id = ?
            """)
        .param(session)
        .query(
            rs -> {
              UUID id = rs.getObject(1, UUID.class);
              groups.putIfAbsent(id, VoterGroup.fromCode(rs.getString(2)).orElseThrow());
              Map<String, Integer> m = marks.computeIfAbsent(id, k -> new HashMap<>());
              String ref = rs.getString(3);
              if (ref != null) {
                m.put(ref, rs.getInt(4));
              }
            });
    List<Ballot> ballots = new ArrayList<>();
    groups.forEach((id, group) -> ballots.add(new Ballot(group, marks.get(id))));
    return ballots;
  }

  private PrioritisationSession withIssues(PrioritisationSession s) {
    List<PrioritisationSession.Issue> issues =
        jdbc.sql(
                "select ref, position, title_es, title_en from prioritisation_issue"
                    + " where session_id = ? order by position")
            .param(s.id())
            .query(
                (rs, n) ->
                    new PrioritisationSession.Issue(
                        rs.getString(1),
                        rs.getInt(2),
                        new LocalizedText(rs.getString(3), rs.getString(4))))
            .list();
    return new PrioritisationSession(
        s.id(),
        s.siteId(),
        s.title(),
        s.method(),
        s.allowance(),
        s.state(),
        s.agendaVersion(),
        issues);
  }

  private static PrioritisationSession row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new PrioritisationSession(
        rs.getObject("id", UUID.class),
        rs.getObject("site_id", UUID.class),
        rs.getString("title"),
        VotingMethod.fromCode(rs.getString("method")),
        rs.getInt("allowance"),
        SessionState.fromCode(rs.getString("state")),
        rs.getInt("agenda_version"),
        List.of());
  }

  // ---- validation rounds ----

  public void insertRound(
      UUID id,
      UUID site,
      String title,
      int agendaVersion,
      UUID agendaVersionId,
      UUID createdBy,
      List<ValidationRound.Item> items) {
    jdbc.sql(
            """
            insert into validation_round
              (id, site_id, title, state, agenda_version, agenda_version_id, created_by)
            values (?, ?, ?, 'open', ?, ?, ?)
            """)
        .params(id, site, title, agendaVersion, agendaVersionId, createdBy)
        .update();
    for (ValidationRound.Item item : items) {
      jdbc.sql(
              """
              insert into validation_item (round_id, kind, ref, position, text_es, text_en)
              values (?, ?, ?, ?, ?, ?)
              """)
          .params(id, item.kind(), item.ref(), item.position(), item.text().es(), item.text().en())
          .update();
    }
  }

  /** A round of this site; another site's id is not found. */
  public Optional<ValidationRound> round(UUID site, UUID id) {
    return jdbc.sql(
            "select id, site_id, title, state, agenda_version from validation_round"
                + " where site_id = ? and id = ?")
        .params(site, id)
        .query((rs, n) -> roundRow(rs))
        .optional()
        .map(this::withItems);
  }

  /** A round by id alone, for a resident whose code named it. */
  public Optional<ValidationRound> round(UUID id) {
    return jdbc.sql(
            "select id, site_id, title, state, agenda_version from validation_round where id = ?")
        .param(id)
        .query((rs, n) -> roundRow(rs))
        .optional()
        .map(this::withItems);
  }

  /** The site's rounds, newest first, without their items. */
  public List<ValidationRound> rounds(UUID site) {
    return jdbc.sql(
            "select id, site_id, title, state, agenda_version from validation_round"
                + " where site_id = ? order by created_at desc, id")
        .param(site)
        .query((rs, n) -> roundRow(rs))
        .list();
  }

  public boolean closeRound(UUID id) {
    return jdbc.sql("update validation_round set state = 'closed' where id = ? and state = 'open'")
            .param(id)
            .update()
        == 1;
  }

  /** Closes the open rounds of a draft that was just published; how many. */
  public int closeRoundsOf(UUID site, int agendaVersion) {
    return jdbc.sql(
            "update validation_round set state = 'closed'"
                + " where site_id = ? and agenda_version = ? and state = 'open'")
        .params(site, agendaVersion)
        .update();
  }

  /** Locks the round against closing until this transaction ends, and says whether it is open. */
  public boolean lockOpenRound(UUID id) {
    return jdbc.sql("select state from validation_round where id = ? for share")
        .param(id)
        .query(String.class)
        .optional()
        .map("open"::equals)
        .orElse(false);
  }

  public void insertRoundCodes(UUID round, List<byte[]> digests) {
    for (byte[] digest : digests) {
      jdbc.sql("insert into validation_code (digest, round_id) values (?, ?)")
          .params(digest, round)
          .update();
    }
  }

  /** A code's round and whether it was used. */
  public record StoredRoundCode(UUID round, boolean used) {}

  public Optional<StoredRoundCode> roundCode(byte[] digest) {
    return jdbc.sql("select round_id, used from validation_code where digest = ?")
        .param(digest)
        .query((rs, n) -> new StoredRoundCode(rs.getObject(1, UUID.class), rs.getBoolean(2)))
        .optional();
  }

  /** Spends a code: true for exactly one caller, however many try at once. */
  public boolean spendRoundCode(byte[] digest, UUID round) {
    return jdbc.sql(
                "update validation_code set used = true"
                    + " where digest = ? and round_id = ? and not used")
            .params(digest, round)
            .update()
        == 1;
  }

  /** Codes of a round: [issued, used]. */
  public int[] roundCodeCounts(UUID round) {
    return jdbc.sql(
            "select count(*), count(*) filter (where used) from validation_code where round_id = ?")
        .param(round)
        .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
        .single();
  }

  public void insertResponse(UUID site, UUID round, ValidationResponse response, String channel) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into validation_response (id, round_id, population_group, channel)"
                + " values (?, ?, ?, ?)")
        .params(id, round, response.group().code(), channel)
        .update();
    for (ValidationResponse.Comment c : response.comments()) {
      UUID comment = UUID.randomUUID();
      String text = c.text() == null || c.text().isBlank() ? null : c.text().strip();
      jdbc.sql(
              """
              insert into validation_comment (id, response_id, round_id, kind, ref, verdict, text_sealed)
              values (?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              comment,
              id,
              round,
              c.kind(),
              c.ref(),
              c.verdict().code(),
              text == null ? null : encryption.seal(site, text, commentContext(comment)))
          .update();
    }
  }

  /** A comment as the coordinator reads it, its text opened. */
  public record StoredComment(
      UUID id,
      String kind,
      String ref,
      Verdict verdict,
      VoterGroup group,
      String text,
      CommentAnswer answer,
      String answerEs,
      String answerEn) {}

  /** Every comment of a round, texts opened, in the order they came. */
  public List<StoredComment> comments(UUID site, UUID round) {
    return jdbc.sql(
            """
            select c.id, c.kind, c.ref, c.verdict, r.population_group, c.text_sealed,
                   c.answer, c.answer_es, c.answer_en
              from validation_comment c join validation_response r on r.id = c.response_id
             where c.round_id = ?
             order by c.kind, c.ref, r.id, c.id
            """)
        .param(round)
        .query(
            (rs, n) -> {
              UUID id = rs.getObject(1, UUID.class);
              byte[] sealed = rs.getBytes(6);
              return new StoredComment(
                  id,
                  rs.getString(2),
                  rs.getString(3),
                  Verdict.fromCode(rs.getString(4)).orElseThrow(),
                  VoterGroup.fromCode(rs.getString(5)).orElseThrow(),
                  sealed == null ? null : encryption.open(site, sealed, commentContext(id)),
                  rs.getString(7) == null
                      ? null
                      : CommentAnswer.fromCode(rs.getString(7)).orElseThrow(),
                  rs.getString(8),
                  rs.getString(9));
            })
        .list();
  }

  /** Answers a comment of this round; false when it is not one. */
  public boolean answer(UUID round, UUID comment, CommentAnswer answer, String es, String en) {
    return jdbc.sql(
                "update validation_comment set answer = ?, answer_es = ?, answer_en = ?"
                    + " where id = ? and round_id = ?")
            .params(answer.code(), es, en, comment, round)
            .update()
        == 1;
  }

  /** How many responses a round has. */
  public int responseCount(UUID round) {
    return jdbc.sql("select count(*) from validation_response where round_id = ?")
        .param(round)
        .query(Integer.class)
        .single();
  }

  /** [rounds, responses] recorded on one agenda version (by its id). */
  public int[] validationOf(UUID site, UUID agendaVersionId) {
    return jdbc.sql(
            """
            select count(distinct r.id), count(p.id)
              from validation_round r left join validation_response p on p.round_id = r.id
             where r.site_id = ? and r.agenda_version_id = ?
            """)
        .params(site, agendaVersionId)
        .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
        .single();
  }

  private static String commentContext(UUID comment) {
    return "validation_comment.text#" + comment;
  }

  private ValidationRound withItems(ValidationRound r) {
    List<ValidationRound.Item> items =
        jdbc.sql(
                "select kind, ref, position, text_es, text_en from validation_item"
                    + " where round_id = ? order by kind, position")
            .param(r.id())
            .query(
                (rs, n) ->
                    new ValidationRound.Item(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        new LocalizedText(rs.getString(4), rs.getString(5))))
            .list();
    return new ValidationRound(r.id(), r.siteId(), r.title(), r.open(), r.agendaVersion(), items);
  }

  private static ValidationRound roundRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new ValidationRound(
        rs.getObject("id", UUID.class),
        rs.getObject("site_id", UUID.class),
        rs.getString("title"),
        "open".equals(rs.getString("state")),
        rs.getInt("agenda_version"),
        List.of());
  }

  // ---- engagement log ----

  public void insertEvent(UUID site, EngagementEvent e, UUID createdBy) {
    jdbc.sql(
            """
            insert into engagement_event
              (id, site_id, held_on, kind, attendees, presented, agreed, link, created_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            e.id(),
            site,
            e.heldOn(),
            e.kind().code(),
            e.attendees(),
            e.presented(),
            e.agreed(),
            e.link(),
            createdBy)
        .update();
  }

  public List<EngagementEvent> events(UUID site) {
    return jdbc.sql(
            """
            select id, held_on, kind, attendees, presented, agreed, link from engagement_event
             where site_id = ? order by held_on desc, created_at desc, id
            """)
        .param(site)
        .query(
            (rs, n) ->
                new EngagementEvent(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, java.time.LocalDate.class),
                    org.tejido.participation.EngagementKind.fromCode(rs.getString(3)).orElseThrow(),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7)))
        .list();
  }

  /** Deletes an event of this site; false when it is not one. */
  public boolean deleteEvent(UUID site, UUID id) {
    return jdbc.sql("delete from engagement_event where site_id = ? and id = ?")
            .params(site, id)
            .update()
        == 1;
  }
}
