package org.tejido.analysis.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tejido.analysis.Code;
import org.tejido.analysis.Coding;
import org.tejido.analysis.Memo.MemoTarget;
import org.tejido.shared.LocalizedText;

/**
 * SQL for codes, codings and memos. Knows nothing of who is asking: callers check the role and that
 * every id they pass belongs to the site they pass. Memo texts arrive and leave sealed.
 */
@Repository
public class AnalysisStore {

  private static final String CODE_COLUMNS =
      "id, parent_id, name_es, name_en, description, colour, codable, position";
  private static final String CODING_COLUMNS =
      "id, source_id, turn, start_offset, end_offset, code_id, coder_id, created_at";

  private final JdbcClient jdbc;

  AnalysisStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ---- codes ----

  /** The site's codes, ordered by position (build the tree from {@link Code#parentId()}). */
  public List<Code> codes(UUID site) {
    return jdbc.sql(
            "select "
                + CODE_COLUMNS
                + " from analysis_code where site_id = ? order by position, id")
        .param(site)
        .query(AnalysisStore::code)
        .list();
  }

  public Optional<Code> code(UUID site, UUID id) {
    return jdbc.sql("select " + CODE_COLUMNS + " from analysis_code where site_id = ? and id = ?")
        .params(site, id)
        .query(AnalysisStore::code)
        .optional();
  }

  public boolean hasCodes(UUID site) {
    return jdbc.sql("select exists (select 1 from analysis_code where site_id = ?)")
        .param(site)
        .query(Boolean.class)
        .single();
  }

  /** Serialises seeding and imports of one site's codebook until the transaction ends. */
  public void lockCodebook(UUID site) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
        .param("analysis_code:" + site)
        .query((rs, n) -> 1)
        .list();
  }

  /** Adds a code after every other one of the site; {@code id} null: a new one is drawn. */
  public UUID insertCode(
      UUID site,
      UUID id,
      UUID parent,
      String nameEs,
      String nameEn,
      String description,
      String colour,
      boolean codable) {
    return jdbc.sql(
            """
            insert into analysis_code (id, site_id, parent_id, name_es, name_en, description,
                colour, codable, position)
            values (coalesce(?, gen_random_uuid()), ?, ?, ?, ?, ?, ?, ?,
                (select coalesce(max(position), 0) + 1 from analysis_code where site_id = ?))
            returning id""")
        .params(id, site, parent, nameEs, nameEn, description, colour, codable, site)
        .query(UUID.class)
        .single();
  }

  public void updateCode(
      UUID site,
      UUID id,
      UUID parent,
      String nameEs,
      String nameEn,
      String description,
      String colour,
      boolean codable) {
    jdbc.sql(
            """
            update analysis_code set parent_id = ?, name_es = ?, name_en = ?, description = ?,
                colour = ?, codable = ?
            where site_id = ? and id = ?""")
        .params(parent, nameEs, nameEn, description, colour, codable, site, id)
        .update();
  }

  /** Whether a code id is already taken, at any site (ids are global). */
  public boolean codeIdTaken(UUID id) {
    return jdbc.sql("select exists (select 1 from analysis_code where id = ?)")
        .param(id)
        .query(Boolean.class)
        .single();
  }

  public void deleteCode(UUID site, UUID id) {
    jdbc.sql(
            "delete from analysis_memo where site_id = ? and target_kind = 'code' and target_id = ?")
        .params(site, id)
        .update();
    jdbc.sql("delete from analysis_code where site_id = ? and id = ?").params(site, id).update();
  }

  public void moveChildren(UUID site, UUID from, UUID to) {
    jdbc.sql("update analysis_code set parent_id = ? where site_id = ? and parent_id = ?")
        .params(to, site, from)
        .update();
  }

  /** Codings per code of the site, by every coder. */
  public Map<UUID, Integer> codingCounts(UUID site) {
    return jdbc
        .sql("select code_id, count(*) from analysis_coding where site_id = ? group by code_id")
        .param(site)
        .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public int codingCount(UUID site, UUID code) {
    return jdbc.sql("select count(*) from analysis_coding where site_id = ? and code_id = ?")
        .params(site, code)
        .query(Integer.class)
        .single();
  }

  /**
   * Moves every coding of {@code from} to {@code into}; a coding that {@code into} already has
   * (same span, same coder) is dropped rather than doubled.
   *
   * @return how many codings now point at {@code into} that pointed at {@code from}
   */
  public int moveCodings(UUID site, UUID from, UUID into) {
    jdbc.sql(
            """
            delete from analysis_coding a where a.site_id = ? and a.code_id = ? and exists (
                select 1 from analysis_coding b where b.site_id = a.site_id and b.code_id = ?
                and b.source_id = a.source_id and b.turn is not distinct from a.turn
                and b.start_offset = a.start_offset and b.end_offset = a.end_offset
                and b.coder_id = a.coder_id)""")
        .params(site, from, into)
        .update();
    return jdbc.sql("update analysis_coding set code_id = ? where site_id = ? and code_id = ?")
        .params(into, site, from)
        .update();
  }

  // ---- codings ----

  /**
   * Adds a coding; an identical one (same source, turn, span, code and coder) is kept as it is.
   *
   * @return the coding's id, new or existing
   */
  public UUID insertCoding(
      UUID site, UUID source, Integer turn, int start, int end, UUID code, UUID coder) {
    return jdbc.sql(
            """
            insert into analysis_coding (site_id, source_id, turn, start_offset, end_offset,
                code_id, coder_id)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (source_id, turn, start_offset, end_offset, code_id, coder_id)
            do update set code_id = excluded.code_id
            returning id""")
        .params(site, source, turn, start, end, code, coder)
        .query(UUID.class)
        .single();
  }

  public Optional<Coding> coding(UUID site, UUID id) {
    return jdbc.sql(
            "select " + CODING_COLUMNS + " from analysis_coding where site_id = ? and id = ?")
        .params(site, id)
        .query(AnalysisStore::coding)
        .optional();
  }

  /**
   * Deletes the codings on these turns of a source, and the memos written on those codings (they
   * may quote the turns); returns how many codings went.
   */
  public int deleteCodingsOnTurns(UUID site, UUID source, java.util.Collection<Integer> turns) {
    Integer[] positions = turns.toArray(Integer[]::new);
    jdbc.sql(
            "delete from analysis_memo m where m.site_id = ? and m.target_kind = 'coding' and"
                + " m.target_id in (select c.id from analysis_coding c where c.site_id = ? and"
                + " c.source_id = ? and c.turn = any(?))")
        .params(site, site, source, positions)
        .update();
    return jdbc.sql(
            "delete from analysis_coding where site_id = ? and source_id = ? and turn = any(?)")
        .params(site, source, positions)
        .update();
  }

  public void deleteCoding(UUID site, UUID id) {
    jdbc.sql(
            "delete from analysis_memo where site_id = ? and target_kind = 'coding'"
                + " and target_id = ?")
        .params(site, id)
        .update();
    jdbc.sql("delete from analysis_coding where site_id = ? and id = ?").params(site, id).update();
  }

  /** A source's codings, by turn and span; {@code coder} null: every coder's. */
  public List<Coding> codingsOfSource(UUID site, UUID source, UUID coder) {
    return jdbc.sql(
            "select "
                + CODING_COLUMNS
                + " from analysis_coding where site_id = ? and source_id = ?"
                + " and (cast(? as uuid) is null or coder_id = ?)"
                + " order by turn nulls first, start_offset, end_offset, created_at")
        .params(site, source, coder, coder)
        .query(AnalysisStore::coding)
        .list();
  }

  /** A code's codings, by source and span; {@code coder} null: every coder's. */
  public List<Coding> codingsOfCode(UUID site, UUID code, UUID coder) {
    return jdbc.sql(
            "select "
                + CODING_COLUMNS
                + " from analysis_coding where site_id = ? and code_id = ?"
                + " and (cast(? as uuid) is null or coder_id = ?)"
                + " order by source_id, turn nulls first, start_offset, created_at")
        .params(site, code, coder, coder)
        .query(AnalysisStore::coding)
        .list();
  }

  /** How many codings each source of the site has, by every coder. */
  public Map<UUID, Integer> codingsBySource(UUID site) {
    return jdbc
        .sql("select source_id, count(*) from analysis_coding where site_id = ? group by source_id")
        .param(site)
        .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  // ---- memos ----

  public UUID newMemoId() {
    return jdbc.sql("select gen_random_uuid()").query(UUID.class).single();
  }

  /** Stores a memo whose text the caller sealed, bound to {@code id}. */
  public void insertMemo(
      UUID site, UUID id, MemoTarget target, UUID targetId, UUID author, byte[] sealed) {
    jdbc.sql(
            """
            insert into analysis_memo (id, site_id, target_kind, target_id, author_id, sealed_text)
            values (?, ?, ?, ?, ?, ?)""")
        .params(id, site, target.code(), targetId, author, sealed)
        .update();
  }

  /** A stored memo, its text still sealed. */
  public record SealedMemo(
      UUID id,
      MemoTarget target,
      UUID targetId,
      UUID authorId,
      byte[] sealed,
      java.time.Instant createdAt) {}

  public List<SealedMemo> memos(UUID site, MemoTarget target, UUID targetId) {
    return jdbc.sql(
            """
            select id, target_kind, target_id, author_id, sealed_text, created_at
            from analysis_memo where site_id = ? and target_kind = ? and target_id = ?
            order by created_at, id""")
        .params(site, target.code(), targetId)
        .query(
            (rs, n) ->
                new SealedMemo(
                    rs.getObject(1, UUID.class),
                    MemoTarget.fromCode(rs.getString(2)),
                    rs.getObject(3, UUID.class),
                    rs.getObject(4, UUID.class),
                    rs.getBytes(5),
                    rs.getTimestamp(6).toInstant()))
        .list();
  }

  /** Every memo of the site, its text still sealed (for exports). */
  public List<SealedMemo> memosOfSite(UUID site) {
    return jdbc.sql(
            """
            select id, target_kind, target_id, author_id, sealed_text, created_at
            from analysis_memo where site_id = ? order by created_at, id""")
        .param(site)
        .query(
            (rs, n) ->
                new SealedMemo(
                    rs.getObject(1, UUID.class),
                    MemoTarget.fromCode(rs.getString(2)),
                    rs.getObject(3, UUID.class),
                    rs.getObject(4, UUID.class),
                    rs.getBytes(5),
                    rs.getTimestamp(6).toInstant()))
        .list();
  }

  /** Ids of the given codes that belong to the site. */
  public List<UUID> codesOfSite(UUID site, Collection<UUID> codes) {
    if (codes.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id from analysis_code where site_id = ? and id = any(?)")
        .params(site, codes.toArray(UUID[]::new))
        .query(UUID.class)
        .list();
  }

  private static Code code(ResultSet rs, int n) throws SQLException {
    return new Code(
        rs.getObject("id", UUID.class),
        rs.getObject("parent_id", UUID.class),
        LocalizedText.of(rs.getString("name_es"), rs.getString("name_en")),
        rs.getString("description"),
        rs.getString("colour"),
        rs.getBoolean("codable"),
        rs.getInt("position"));
  }

  private static Coding coding(ResultSet rs, int n) throws SQLException {
    Timestamp created = rs.getTimestamp("created_at");
    return new Coding(
        rs.getObject("id", UUID.class),
        rs.getObject("source_id", UUID.class),
        rs.getObject("turn", Integer.class),
        rs.getInt("start_offset"),
        rs.getInt("end_offset"),
        rs.getObject("code_id", UUID.class),
        rs.getObject("coder_id", UUID.class),
        created.toInstant());
  }

  /** The people who coded at the site (each once). */
  public List<UUID> coders(UUID site) {
    return jdbc.sql("select distinct coder_id from analysis_coding where site_id = ?")
        .param(site)
        .query(UUID.class)
        .list();
  }

  /** Every coding of the site by either of two coders, by source and span. */
  public List<Coding> codingsOfCoders(UUID site, UUID a, UUID b) {
    return jdbc.sql(
            "select "
                + CODING_COLUMNS
                + " from analysis_coding where site_id = ? and coder_id in (?, ?)"
                + " order by source_id, turn nulls first, start_offset")
        .params(site, a, b)
        .query(AnalysisStore::coding)
        .list();
  }
}
