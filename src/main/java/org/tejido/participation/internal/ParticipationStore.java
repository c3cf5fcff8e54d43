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
import org.tejido.participation.Ballot;
import org.tejido.participation.PrioritisationSession;
import org.tejido.participation.SessionState;
import org.tejido.participation.VoterGroup;
import org.tejido.participation.VotingMethod;
import org.tejido.shared.LocalizedText;

/** SQL for prioritisation sessions, codes and ballots. Knows nothing of who is asking. */
@Repository
public class ParticipationStore {

  private final JdbcClient jdbc;

  ParticipationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
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
}
