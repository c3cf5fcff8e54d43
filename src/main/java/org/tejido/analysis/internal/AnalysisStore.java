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

  /** Public for benchmark harnesses that run the queries on a bare database. */
  public AnalysisStore(JdbcClient jdbc) {
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

  /** Whether the site was given a codebook once (the seed, or codes of its own before it). */
  public boolean codebookGiven(UUID site) {
    return jdbc.sql("select exists (select 1 from analysis_codebook_given where site_id = ?)")
        .param(site)
        .query(Boolean.class)
        .single();
  }

  public void markCodebookGiven(UUID site) {
    jdbc.sql("insert into analysis_codebook_given (site_id) values (?) on conflict do nothing")
        .param(site)
        .update();
  }

  /**
   * Writes a site's codings in bulk (an import), counted once at the end rather than statement by
   * statement (migration V35): takes the site's lock of coding writes until the transaction ends,
   * lets {@code writes} run with the site's per-statement counting skipped, then counts the site
   * again from its codings, all in the caller's transaction. Must run inside a transaction: the
   * deferral is transaction-local, and outside one the counts would be recounted before the writes.
   */
  public <T> T countedOnceAfter(UUID site, java.util.function.Supplier<T> writes) {
    if (!org.springframework.transaction.support.TransactionSynchronizationManager
        .isActualTransactionActive()) {
      throw new IllegalStateException("bulk writes of codings need a transaction");
    }
    jdbc.sql("select analysis_defer_counts(?)").param(site).query((rs, n) -> 1).list();
    T result = writes.get();
    jdbc.sql("select analysis_recount(?)").param(site).query((rs, n) -> 1).list();
    return result;
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
    return insertCoding(site, source, turn, start, end, code, coder, null);
  }

  /**
   * As {@link #insertCoding(UUID, UUID, Integer, int, int, UUID, UUID)}, recording the participant
   * who spoke the turn (null: none registered, or the whole source), for matrix coding.
   */
  public UUID insertCoding(
      UUID site,
      UUID source,
      Integer turn,
      int start,
      int end,
      UUID code,
      UUID coder,
      UUID participant) {
    return jdbc.sql(
            """
            insert into analysis_coding (site_id, source_id, turn, start_offset, end_offset,
                code_id, coder_id, participant_id)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (source_id, turn, start_offset, end_offset, code_id, coder_id)
            do update set code_id = excluded.code_id,
                participant_id = coalesce(excluded.participant_id, analysis_coding.participant_id)
            returning id""")
        .params(site, source, turn, start, end, code, coder, participant)
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

  // ---- queries over codings ----

  /**
   * A count of codings in one cell of a query, split by the participant who spoke them (null: none)
   * so that the caller can count distinct participants; {@code column} is the cell's column (a
   * source kind, an attribute value, another code's id), null for a total.
   */
  public record PartialCount(UUID code, String column, UUID participant, long count) {}

  /** A count per cell, with no split by participant. */
  public record CellCount(UUID code, String column, long count) {}

  /** Codings by code and the kind of their source, split by participant. */
  public List<PartialCount> frequencyByKind(UUID site) {
    return jdbc.sql(
            """
            select t.code_id, s.kind, t.participant_id, sum(t.n)
            from (select code_id, source_id, participant_id, count(*) as n
                  from analysis_coding where site_id = ?
                  group by code_id, source_id, participant_id) t
            join source s on s.id = t.source_id
            group by t.code_id, s.kind, t.participant_id""")
        .param(site)
        .query(AnalysisStore::partial)
        .list();
  }

  /** Distinct sources by code and source kind. */
  public List<CellCount> sourcesByKind(UUID site) {
    return jdbc.sql(
            """
            select t.code_id, s.kind, count(*)
            from (select distinct code_id, source_id from analysis_coding where site_id = ?) t
            join source s on s.id = t.source_id
            group by t.code_id, s.kind""")
        .param(site)
        .query(AnalysisStore::cell)
        .list();
  }

  /**
   * A cell counted in full: its codings (or pairs) and how many distinct participants are behind
   * them.
   */
  public record CellTotal(UUID code, String column, long count, long participants) {}

  /**
   * Codings by code and the value of a participant attribute of their speaker (null: no
   * participant, or a participant without a value), with their distinct participants. Read from the
   * counts per (code, participant) that V25's triggers keep up to date, joined to the few hundred
   * participants.
   *
   * @param column a participant column, from a closed list (never user input)
   */
  public List<CellTotal> matrix(UUID site, String column) {
    return jdbc.sql(
            """
            select t.code_id, p.%s, sum(t.codings),
                   count(*) filter (where t.participant_id <> '00000000-0000-0000-0000-000000000000')
            from analysis_code_participant_count t
            left join participant p on p.id = t.participant_id
            where t.site_id = ? and t.codings > 0
            group by 1, 2"""
                .formatted(column))
        .param(site)
        .query(AnalysisStore::total)
        .list();
  }

  /** Distinct sources by code and attribute value (null: no participant). */
  public List<CellCount> matrixSources(UUID site, String column) {
    return jdbc.sql(
            """
            select t.code_id, p.%s, count(distinct t.source_id)
            from (select distinct code_id, participant_id, source_id
                  from analysis_coding where site_id = ?) t
            left join participant p on p.id = t.participant_id
            group by 1, 2"""
                .formatted(column))
        .param(site)
        .query(AnalysisStore::cell)
        .list();
  }

  /**
   * Every pair of codings of two different codes whose spans overlap in the same turn (or both in
   * the whole text of the same source), each pair once (first code's id lower): code_id, other,
   * participant_id, source_id. Two parameters: the site, twice.
   */
  private static final String OVERLAPPING_PAIRS =
      """
      select a.code_id, b.code_id as other, a.participant_id, a.source_id
      from analysis_coding a join analysis_coding b
        on b.source_id = a.source_id and b.turn = a.turn
       and b.start_offset < a.end_offset and a.start_offset < b.end_offset
       and a.code_id < b.code_id
      where a.site_id = ? and b.site_id = a.site_id
      union all
      select a.code_id, b.code_id, a.participant_id, a.source_id
      from analysis_coding a join analysis_coding b
        on b.source_id = a.source_id and a.turn is null and b.turn is null
       and b.start_offset < a.end_offset and a.start_offset < b.end_offset
       and a.code_id < b.code_id
      where a.site_id = ? and b.site_id = a.site_id
      """;

  /**
   * Pairs of codings of two different codes whose spans overlap in the same turn (or both in the
   * whole text of the same source), each pair once (first code's id lower), with the distinct
   * participants of the first code's codings. Read from the counts V25's triggers keep up to date.
   */
  public List<CellTotal> overlaps(UUID site) {
    return jdbc.sql(
            """
            select code_id, other_id::text, pairs, participants
            from analysis_overlap_total where site_id = ? and pairs > 0""")
        .param(site)
        .query(AnalysisStore::total)
        .list();
  }

  /** Distinct sources in which two codes overlap, each pair once (first code's id lower). */
  public List<CellCount> overlapSources(UUID site) {
    return jdbc.sql(
            "select code_id, other::text, count(distinct source_id) from ("
                + OVERLAPPING_PAIRS
                + ") pairs group by code_id, other")
        .params(site, site)
        .query(AnalysisStore::cell)
        .list();
  }

  /**
   * Speaker turns in which two different codes are both applied, each pair once (first code's id
   * lower), split by the turn's participant.
   */
  public List<PartialCount> sharedTurns(UUID site) {
    return jdbc.sql(
            """
            with t as (select distinct source_id, turn, code_id, participant_id
                       from analysis_coding where site_id = ? and turn is not null)
            select a.code_id, b.code_id::text, a.participant_id, count(*)
            from t a join t b
              on b.source_id = a.source_id and b.turn = a.turn and a.code_id < b.code_id
            group by a.code_id, b.code_id, a.participant_id""")
        .param(site)
        .query(AnalysisStore::partial)
        .list();
  }

  /** Distinct sources in which two codes share a turn, each pair once. */
  public List<CellCount> sharedTurnSources(UUID site) {
    return jdbc.sql(
            """
            with t as (select distinct source_id, turn, code_id
                       from analysis_coding where site_id = ? and turn is not null)
            select a.code_id, b.code_id::text, count(distinct a.source_id)
            from t a join t b
              on b.source_id = a.source_id and b.turn = a.turn and a.code_id < b.code_id
            group by a.code_id, b.code_id""")
        .param(site)
        .query(AnalysisStore::cell)
        .list();
  }

  /** A filter on the codings of one code, for the quotes behind a cell. */
  public sealed interface CellFilter {
    /** Codings in sources of a kind (null: every kind). */
    record OfKind(String kind) implements CellFilter {}

    /** Codings whose speaker has {@code value} in {@code column} (value null: no participant). */
    record OfAttribute(String column, String value) implements CellFilter {}

    /** Codings that overlap a coding of {@code other} in the same turn. */
    record Overlapping(UUID other) implements CellFilter {}

    /** Codings in a turn where {@code other} is applied too. */
    record InTurnWith(UUID other) implements CellFilter {}
  }

  /** One page of the codings of a code that a filter keeps, by source, turn and span. */
  public List<Coding> codingsInCell(
      UUID site, UUID code, CellFilter filter, int limit, int offset) {
    Where w = where(filter);
    return jdbc.sql(
            "select "
                + prefixed("a")
                + " from analysis_coding a where a.site_id = ? and a.code_id = ?"
                + w.sql()
                + " order by a.source_id, a.turn nulls first, a.start_offset, a.id"
                + " limit ? offset ?")
        .params(concat(site, code, w.params(), limit, offset))
        .query(AnalysisStore::coding)
        .list();
  }

  /** How many codings of a code a filter keeps. */
  public long countInCell(UUID site, UUID code, CellFilter filter) {
    Where w = where(filter);
    return jdbc.sql(
            "select count(*) from analysis_coding a where a.site_id = ? and a.code_id = ?"
                + w.sql())
        .params(concat(site, code, w.params()))
        .query(Long.class)
        .single();
  }

  private record Where(String sql, List<Object> params) {}

  private static Where where(CellFilter filter) {
    if (filter instanceof CellFilter.OfKind k) {
      return k.kind() == null
          ? new Where("", List.of())
          : new Where(
              " and exists (select 1 from source s where s.id = a.source_id and s.kind = ?)",
              List.of(k.kind()));
    }
    if (filter instanceof CellFilter.OfAttribute at) {
      return at.value() == null
          ? new Where(" and a.participant_id is null", List.of())
          : new Where(
              " and exists (select 1 from participant p where p.id = a.participant_id and p."
                  + at.column()
                  + " = ?)",
              List.of(at.value()));
    }
    if (filter instanceof CellFilter.Overlapping o) {
      return new Where(
          " and exists (select 1 from analysis_coding b where b.site_id = a.site_id"
              + " and b.source_id = a.source_id and coalesce(b.turn, 0) = coalesce(a.turn, 0)"
              + " and b.start_offset < a.end_offset and a.start_offset < b.end_offset"
              + " and b.code_id = ?)",
          List.of(o.other()));
    }
    CellFilter.InTurnWith o = (CellFilter.InTurnWith) filter;
    return new Where(
        " and a.turn is not null and exists (select 1 from analysis_coding b"
            + " where b.site_id = a.site_id and b.source_id = a.source_id"
            + " and b.turn = a.turn and b.code_id = ?)",
        List.of(o.other()));
  }

  private static Object[] concat(Object a, Object b, List<Object> middle, Object... tail) {
    List<Object> all = new java.util.ArrayList<>();
    all.add(a);
    all.add(b);
    all.addAll(middle);
    all.addAll(List.of(tail));
    return all.toArray();
  }

  private static String prefixed(String alias) {
    return java.util.Arrays.stream(CODING_COLUMNS.split(",\\s*"))
        .map(c -> alias + "." + c)
        .collect(Collectors.joining(", "));
  }

  /** The site's sources ready for analysis and when each was last de-identified (clear tier). */
  public record ReadySource(UUID id, java.time.Instant deidentifiedAt, boolean flagged) {}

  public List<ReadySource> readySources(UUID site) {
    return jdbc.sql(
            """
            select id, deidentified_at, review_requested_at is not null
            from source where site_id = ? and state = 'deidentified'""")
        .param(site)
        .query(
            (rs, n) ->
                new ReadySource(
                    rs.getObject(1, UUID.class),
                    rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                    rs.getBoolean(3)))
        .list();
  }

  private static PartialCount partial(ResultSet rs, int n) throws SQLException {
    return new PartialCount(
        rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getLong(4));
  }

  private static CellTotal total(ResultSet rs, int n) throws SQLException {
    return new CellTotal(
        rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getLong(4));
  }

  private static CellCount cell(ResultSet rs, int n) throws SQLException {
    return new CellCount(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3));
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

  /** One memo of the site, its text still sealed. */
  public java.util.Optional<SealedMemo> memo(UUID site, UUID id) {
    return jdbc.sql(
            """
            select id, target_kind, target_id, author_id, sealed_text, created_at
            from analysis_memo where site_id = ? and id = ?""")
        .params(site, id)
        .query(
            (rs, n) ->
                new SealedMemo(
                    rs.getObject(1, UUID.class),
                    MemoTarget.fromCode(rs.getString(2)),
                    rs.getObject(3, UUID.class),
                    rs.getObject(4, UUID.class),
                    rs.getBytes(5),
                    rs.getTimestamp(6).toInstant()))
        .optional();
  }

  /** Replaces a memo's text with one the caller sealed, bound to the memo's id. */
  public void updateMemo(UUID site, UUID id, byte[] sealed) {
    jdbc.sql(
            "update analysis_memo set sealed_text = ?, updated_at = now() where site_id = ? and id"
                + " = ?")
        .params(sealed, site, id)
        .update();
  }

  public void deleteMemo(UUID site, UUID id) {
    jdbc.sql("delete from analysis_memo where site_id = ? and id = ?").params(site, id).update();
  }

  /** Whether a code, source or coding of this id belongs to the site. */
  public boolean memoTargetExists(UUID site, MemoTarget target, UUID id) {
    String table =
        switch (target) {
          case CODE -> "analysis_code";
          case SOURCE -> "source";
          case CODING -> "analysis_coding";
        };
    return jdbc.sql("select exists (select 1 from " + table + " where site_id = ? and id = ?)")
        .params(site, id)
        .query(Boolean.class)
        .single();
  }

  /** How many memos each target of a kind has, for targets that have any. */
  public Map<UUID, Integer> memoCounts(UUID site, MemoTarget target) {
    Map<UUID, Integer> counts = new java.util.HashMap<>();
    jdbc.sql(
            "select target_id, count(*) from analysis_memo where site_id = ? and target_kind = ?"
                + " group by target_id")
        .params(site, target.code())
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> counts.put(rs.getObject(1, UUID.class), rs.getInt(2)));
    return counts;
  }

  /** The external coders of a site (an imported project's other team), by id. */
  public Map<UUID, String> externalCoderNames(UUID site) {
    Map<UUID, String> names = new java.util.HashMap<>();
    jdbc.sql("select id, name from analysis_external_coder where site_id = ?")
        .param(site)
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> names.put(rs.getObject(1, UUID.class), rs.getString(2)));
    return names;
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
