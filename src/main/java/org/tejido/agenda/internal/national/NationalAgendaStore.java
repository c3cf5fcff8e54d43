package org.tejido.agenda.internal.national;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tejido.agenda.LocalOrigin;
import org.tejido.agenda.NationalAgendaVersion;
import org.tejido.agenda.NationalStatement;
import org.tejido.agenda.NationalThread;
import org.tejido.shared.LocalizedText;

/** SQL for the National Agenda's versions, threads and statements. Knows nothing of who asks. */
@Repository
public class NationalAgendaStore {

  private static final String VERSION =
      "select id, number, state, published_at from" + " national_agenda_version";

  /**
   * Local issues as a thread may show them: spoken issues of published local versions of real sites
   * not suspended for safety — whatever was stored, this is checked again on every read.
   */
  private static final String PUBLIC_ORIGIN =
      " from agenda_issue i join agenda_version v on v.id = i.version_id"
          + " join site s on s.id = v.site_id"
          + " where not i.silenced and v.state = 'published' and s.status = 'active'"
          + " and not s.fictional";

  private final JdbcClient jdbc;

  NationalAgendaStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<NationalAgendaVersion> latestPublished() {
    return jdbc.sql(VERSION + " where state = 'published' order by number desc limit 1")
        .query(NationalAgendaStore::version)
        .optional();
  }

  public Optional<NationalAgendaVersion> published(int number) {
    return jdbc.sql(VERSION + " where state = 'published' and number = ?")
        .param(number)
        .query(NationalAgendaStore::version)
        .optional();
  }

  public Optional<NationalAgendaVersion> draft() {
    return jdbc.sql(VERSION + " where state = 'draft'")
        .query(NationalAgendaStore::version)
        .optional();
  }

  public List<NationalAgendaVersion> publishedVersions() {
    return jdbc.sql(VERSION + " where state = 'published' order by number desc")
        .query(NationalAgendaStore::version)
        .list();
  }

  /** The threads of a version, each with the local issues it may show. */
  public List<NationalThread> threads(UUID version) {
    Map<UUID, List<LocalOrigin>> origins = new LinkedHashMap<>();
    jdbc.sql(
            "select nti.thread_id, i.id, s.key, s.municipality_name, v.number, i.ref, i.title_es,"
                + " i.title_en from national_thread_issue nti"
                + " join national_thread t on t.id = nti.thread_id"
                + " join agenda_issue i on i.id = nti.issue_id"
                + " join agenda_version v on v.id = i.version_id"
                + " join site s on s.id = v.site_id"
                + " where t.version_id = ? and not i.silenced and v.state = 'published'"
                + " and s.status = 'active' and not s.fictional"
                + " order by s.position, v.number, i.position")
        .param(version)
        .query(
            (ResultSet rs) -> {
              origins
                  .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                  .add(origin(rs, 2));
            });
    return jdbc.sql(
            "select id, position, domain_key, title_es, title_en, description_es, description_en"
                + " from national_thread where version_id = ? order by position")
        .param(version)
        .query(
            (rs, n) ->
                new NationalThread(
                    rs.getObject("id", UUID.class),
                    rs.getInt("position"),
                    rs.getString("domain_key"),
                    new LocalizedText(rs.getString("title_es"), rs.getString("title_en")),
                    new LocalizedText(
                        rs.getString("description_es"), rs.getString("description_en")),
                    List.copyOf(origins.getOrDefault(rs.getObject("id", UUID.class), List.of()))))
        .list();
  }

  public List<NationalStatement> statements(UUID version, NationalStatement.Kind kind) {
    return jdbc.sql(
            "select s.id, s.position, s.text_es, s.text_en, array(select st.thread_id from"
                + " national_statement_thread st join national_thread t on t.id = st.thread_id"
                + " where st.statement_id = s.id order by t.position) as threads"
                + " from national_statement s where s.version_id = ? and s.kind = ?"
                + " order by s.position")
        .params(version, kind.code())
        .query(
            (rs, n) ->
                new NationalStatement(
                    rs.getObject("id", UUID.class),
                    kind,
                    rs.getInt("position"),
                    new LocalizedText(rs.getString("text_es"), rs.getString("text_en")),
                    uuids(rs.getArray("threads"))))
        .list();
  }

  /**
   * The issues a thread may pick: the spoken issues of each real, active site's latest published
   * version, by site.
   */
  public List<LocalOrigin> candidates() {
    return jdbc.sql(
            "select i.id, s.key, s.municipality_name, v.number, i.ref, i.title_es, i.title_en"
                + PUBLIC_ORIGIN
                + " and v.number = (select max(number) from agenda_version w"
                + " where w.site_id = s.id and w.state = 'published')"
                + " order by s.position, i.position")
        .query((rs, n) -> origin(rs, 1))
        .list();
  }

  /** Of the given issue ids, those a thread may pick (any published version, see above). */
  public List<UUID> pickable(List<UUID> issues) {
    if (issues.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select i.id" + PUBLIC_ORIGIN + " and i.id in (:ids)")
        .param("ids", issues)
        .query(UUID.class)
        .list();
  }

  private static LocalOrigin origin(ResultSet rs, int from) throws SQLException {
    return new LocalOrigin(
        rs.getObject(from, UUID.class),
        rs.getString(from + 1),
        rs.getString(from + 2),
        rs.getInt(from + 3),
        rs.getString(from + 4),
        new LocalizedText(rs.getString(from + 5), rs.getString(from + 6)));
  }

  private static NationalAgendaVersion version(ResultSet rs, int n) throws SQLException {
    Timestamp published = rs.getTimestamp("published_at");
    return new NationalAgendaVersion(
        rs.getObject("id", UUID.class),
        rs.getInt("number"),
        "published".equals(rs.getString("state")),
        published == null ? null : published.toInstant());
  }

  private static List<UUID> uuids(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
  }
}
