package org.tejido.agenda.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tejido.agenda.AgendaIssue;
import org.tejido.agenda.AgendaVersion;
import org.tejido.agenda.Proposal;
import org.tejido.shared.LocalizedText;

/** SQL for agenda versions, issues and proposals. Knows nothing of who is asking. */
@Repository
public class AgendaStore {

  private static final String VERSION_COLUMNS = "id, number, state, published_at, participants";
  private final JdbcClient jdbc;

  AgendaStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<AgendaVersion> latestPublished(UUID site) {
    return jdbc.sql(
            "select "
                + VERSION_COLUMNS
                + " from agenda_version where site_id = ?"
                + " and state = 'published' order by number desc limit 1")
        .param(site)
        .query(AgendaStore::version)
        .optional();
  }

  public Optional<AgendaVersion> published(UUID site, int number) {
    return jdbc.sql(
            "select "
                + VERSION_COLUMNS
                + " from agenda_version where site_id = ?"
                + " and state = 'published' and number = ?")
        .params(site, number)
        .query(AgendaStore::version)
        .optional();
  }

  public Optional<AgendaVersion> draft(UUID site) {
    return jdbc.sql(
            "select "
                + VERSION_COLUMNS
                + " from agenda_version where site_id = ?"
                + " and state = 'draft'")
        .param(site)
        .query(AgendaStore::version)
        .optional();
  }

  public List<AgendaVersion> publishedVersions(UUID site) {
    return jdbc.sql(
            "select "
                + VERSION_COLUMNS
                + " from agenda_version where site_id = ?"
                + " and state = 'published' order by number desc")
        .param(site)
        .query(AgendaStore::version)
        .list();
  }

  /** The coordinator's note on what changed in a version, if any. */
  public Optional<LocalizedText> note(UUID version) {
    return jdbc.sql("select note_es, note_en from agenda_version where id = ?")
        .param(version)
        .query((rs, n) -> new LocalizedText(rs.getString("note_es"), rs.getString("note_en")))
        .optional()
        .filter(t -> !t.isEmpty());
  }

  /** Spoken issues only; the sealed column is never even read. */
  public List<AgendaIssue> spokenIssues(UUID version) {
    return jdbc.sql(
            "select i.id, i.ref, i.position, i.title_es, i.title_en, i.description_es,"
                + " i.description_en, "
                + DOMAINS
                + " from agenda_issue i where i.version_id = ? and not i.silenced"
                + " order by i.position")
        .param(version)
        .query(
            (rs, n) ->
                new AgendaIssue(
                    rs.getObject("id", UUID.class),
                    rs.getString("ref"),
                    rs.getInt("position"),
                    strings(rs.getArray("domains")),
                    new LocalizedText(rs.getString("title_es"), rs.getString("title_en")),
                    new LocalizedText(
                        rs.getString("description_es"), rs.getString("description_en")),
                    false))
        .list();
  }

  /** Every issue of a version as stored, silenced ones still sealed. */
  public List<StoredIssue> allIssues(UUID version) {
    return jdbc.sql(
            "select i.id, i.ref, i.position, i.silenced, i.title_es, i.title_en,"
                + " i.description_es, i.description_en, i.sealed, "
                + DOMAINS
                + " from agenda_issue i where i.version_id = ? order by i.position")
        .param(version)
        .query(
            (rs, n) ->
                new StoredIssue(
                    rs.getObject("id", UUID.class),
                    rs.getString("ref"),
                    rs.getInt("position"),
                    strings(rs.getArray("domains")),
                    new LocalizedText(rs.getString("title_es"), rs.getString("title_en")),
                    new LocalizedText(
                        rs.getString("description_es"), rs.getString("description_en")),
                    rs.getBoolean("silenced"),
                    rs.getBytes("sealed")))
        .list();
  }

  /** Proposals of a version; links to issues outside {@code visibleIssues} are left out. */
  public List<Proposal> proposals(UUID version, Set<UUID> visibleIssues) {
    return jdbc.sql(
            "select p.id, p.ref, p.position, p.addressee_key, p.text_es, p.text_en,"
                + " array(select pi.issue_id from agenda_proposal_issue pi"
                + " join agenda_issue i on i.id = pi.issue_id"
                + " where pi.proposal_id = p.id order by i.position) as issues"
                + " from agenda_proposal p where p.version_id = ? order by p.position")
        .param(version)
        .query(
            (rs, n) ->
                new Proposal(
                    rs.getObject("id", UUID.class),
                    rs.getString("ref"),
                    rs.getInt("position"),
                    rs.getString("addressee_key"),
                    new LocalizedText(rs.getString("text_es"), rs.getString("text_en")),
                    uuids(rs.getArray("issues")).stream().filter(visibleIssues::contains).toList()))
        .list();
  }

  /** An issue row as stored; {@code sealed} holds a silenced issue's texts. */
  public record StoredIssue(
      UUID id,
      String ref,
      int position,
      List<String> domains,
      LocalizedText title,
      LocalizedText description,
      boolean silenced,
      byte[] sealed) {}

  private static final String DOMAINS =
      "array(select d.domain_key from agenda_issue_domain d join domain dm on dm.key = d.domain_key"
          + " where d.issue_id = i.id order by dm.position) as domains";

  private static AgendaVersion version(ResultSet rs, int n) throws SQLException {
    Timestamp published = rs.getTimestamp("published_at");
    Integer participants = rs.getObject("participants", Integer.class);
    return new AgendaVersion(
        rs.getObject("id", UUID.class),
        rs.getInt("number"),
        "published".equals(rs.getString("state")),
        published == null ? null : published.toInstant(),
        participants);
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static List<UUID> uuids(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return new ArrayList<>(Arrays.asList((UUID[]) array.getArray()));
  }
}
