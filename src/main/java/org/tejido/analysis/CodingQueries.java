package org.tejido.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.analysis.internal.AnalysisStore;
import org.tejido.analysis.internal.AnalysisStore.CellCount;
import org.tejido.analysis.internal.AnalysisStore.CellFilter;
import org.tejido.analysis.internal.AnalysisStore.CellTotal;
import org.tejido.analysis.internal.AnalysisStore.PartialCount;
import org.tejido.analysis.internal.SearchIndex;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.SourceSummary;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;

/**
 * Queries over a site's codings — frequency by code and source kind, matrix coding (codes ×
 * participant attribute), co-occurrence (codes × codes) — each cell counted in segments, sources or
 * distinct participants and flagged when fewer than {@link Participants#SMALL_CELL} people are
 * behind it; the quotes behind any cell; and full-text search of the de-identified sources with
 * "code all hits".
 *
 * <p>Counts come from codings in clear (no text). Quotes and search results are cut from the
 * de-identified text read through {@link Sources#deidentified} with the reader's role, never from
 * the vault; reading them is audited. For the coders of the site ({@link Codebook#CODERS}).
 */
@Service
public class CodingQueries {

  /** Quotes and search hits per page. */
  public static final int PAGE = 20;

  /** The most hits "code all hits" codes at once. */
  public static final int MAX_CODED_HITS = 500;

  /** Characters shown each side of a search hit. */
  public static final int CONTEXT = 60;

  /** Column of codings spoken by no registered participant (whole typed sources, facilitators). */
  public static final String NO_PARTICIPANT = "none";

  /** Column of the total of a frequency table. */
  public static final String ALL = "all";

  /** Source kinds, the columns of a frequency table. */
  public static final List<String> KINDS = List.of("transcript", "field_diary", "workshop_notes");

  /** A participant attribute, with its values in the order the fieldwork forms list them. */
  public enum Attribute {
    POPULATION_GROUP(
        "population_group",
        "fieldwork.group.",
        List.of("women", "youth", "adult_men", "elderly", "associations")),
    GENDER("gender", "fieldwork.gender.", List.of("woman", "man", "non_binary", "not_stated")),
    AGE_BAND(
        "age_band",
        "fieldwork.age.",
        List.of("under_18", "18_29", "30_44", "45_59", "60_plus", "not_stated")),
    ETHNICITY(
        "ethnicity",
        "fieldwork.ethnicity.",
        List.of("afro_descendant", "indigenous", "mestizo", "other", "not_stated"));

    private final String column;
    private final String messagePrefix;
    private final List<String> known;

    Attribute(String column, String messagePrefix, List<String> known) {
      this.column = column;
      this.messagePrefix = messagePrefix;
      this.known = known;
    }

    public String param() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String messagePrefix() {
      return messagePrefix;
    }

    /** The attribute's values, in the order the fieldwork forms list them. */
    public List<String> known() {
      return known;
    }

    public static Attribute of(String param) {
      for (Attribute a : values()) {
        if (a.param().equals(param)) {
          return a;
        }
      }
      throw new BadRequest("analysis.query.attribute");
    }
  }

  /** What a cell counts. */
  public enum Measure {
    /** Codings (for co-occurrence: overlapping pairs, or shared turns). */
    SEGMENTS,
    SOURCES,
    PARTICIPANTS;

    public String param() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Measure of(String param) {
      for (Measure m : values()) {
        if (m.param().equals(param)) {
          return m;
        }
      }
      throw new BadRequest("analysis.query.measure");
    }
  }

  /** When two codes co-occur. */
  public enum Together {
    /** Their spans overlap in the same turn. */
    OVERLAP,
    /** They are applied in the same speaker turn. */
    TURN;

    public String param() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Together of(String param) {
      for (Together t : values()) {
        if (t.param().equals(param)) {
          return t;
        }
      }
      throw new BadRequest("analysis.query.together");
    }
  }

  /**
   * One cell: its count, in the query's measure, and how many distinct participants are behind it.
   */
  public record Cell(long count, long participants) {
    public static final Cell EMPTY = new Cell(0, 0);

    /** Fewer than {@link Participants#SMALL_CELL} people: shown, it could single them out. */
    public boolean small() {
      return participants > 0 && participants < Participants.SMALL_CELL;
    }
  }

  /**
   * A table of counts: one row per code (those with codings), one column per key ({@link #KINDS}
   * and {@link #ALL}; attribute values and {@link #NO_PARTICIPANT}; code ids).
   */
  public record Table(List<Code> codes, List<String> columns, Map<String, Cell> cells) {

    public Cell cell(UUID code, String column) {
      return cells.getOrDefault(code + "|" + column, Cell.EMPTY);
    }

    /** The largest count, for shading. */
    public long max() {
      return cells.values().stream().mapToLong(Cell::count).max().orElse(0);
    }

    /** A shade from 0 (none) to 5 (the largest count), for a heatmap. */
    public int shade(UUID code, String column) {
      long count = cell(code, column).count();
      long max = max();
      return count == 0 || max == 0 ? 0 : (int) Math.max(1, Math.ceil(5.0 * count / max));
    }

    public boolean anySmall() {
      return cells.values().stream().anyMatch(Cell::small);
    }
  }

  /** Which cell's quotes: the query, its row code and its column, and the query's options. */
  public record CellRef(
      String query, UUID code, String column, Attribute attribute, Together together) {}

  /** A page of quotes. */
  public record Quotes(List<Segment> segments, int page, int pages, long total) {}

  /** A search hit with its context, cut from the de-identified words. */
  public record SearchHit(
      UUID source,
      String sourceTitle,
      int turn,
      String speaker,
      String before,
      String match,
      String after) {}

  /** A page of search hits. */
  public record SearchResults(String query, List<SearchHit> hits, int page, int pages, long total) {
    public static SearchResults none(String query) {
      return new SearchResults(query, List.of(), 1, 1, 0);
    }
  }

  private final AnalysisStore store;
  private final SearchIndex index;
  private final Sources sources;
  private final Codings codings;
  private final Team team;
  private final AuditLog audit;

  CodingQueries(
      AnalysisStore store,
      SearchIndex index,
      Sources sources,
      Codings codings,
      Team team,
      AuditLog audit) {
    this.store = store;
    this.index = index;
    this.sources = sources;
    this.codings = codings;
    this.team = team;
    this.audit = audit;
  }

  // ---- the tables ----

  /** Codings by code, in each kind of source and in all. */
  @Transactional(readOnly = true)
  public Table frequency(Site site, Measure measure) {
    team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    List<PartialCount> partial = new ArrayList<>(store.frequencyByKind(siteId));
    // The total column: the same rows again under ALL.
    for (PartialCount p : List.copyOf(partial)) {
      partial.add(new PartialCount(p.code(), ALL, p.participant(), p.count()));
    }
    List<CellCount> sourceCounts = List.of();
    if (measure == Measure.SOURCES) {
      List<CellCount> byKind = store.sourcesByKind(siteId);
      Map<UUID, Long> totals = new HashMap<>();
      // A source has one kind: its distinct sources add up across kinds.
      byKind.forEach(c -> totals.merge(c.code(), c.count(), Long::sum));
      List<CellCount> all = new ArrayList<>(byKind);
      totals.forEach((code, n) -> all.add(new CellCount(code, ALL, n)));
      sourceCounts = all;
    }
    List<String> columns = new ArrayList<>(KINDS);
    columns.add(ALL);
    return table(siteId, columns, totals(partial), sourceCounts, measure, false);
  }

  /** Codes × the values of a participant attribute of the coded words' speakers. */
  @Transactional(readOnly = true)
  public Table matrix(Site site, Attribute attribute, Measure measure) {
    team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    List<CellTotal> cells =
        store.matrix(siteId, attribute.column).stream()
            .map(
                c ->
                    c.column() == null
                        ? new CellTotal(c.code(), NO_PARTICIPANT, c.count(), c.participants())
                        : c)
            .toList();
    List<CellCount> sourceCounts =
        measure == Measure.SOURCES
            ? store.matrixSources(siteId, attribute.column).stream()
                .map(
                    c ->
                        c.column() == null ? new CellCount(c.code(), NO_PARTICIPANT, c.count()) : c)
                .toList()
            : List.of();
    List<String> columns = new ArrayList<>(attribute.known);
    columns.add(NO_PARTICIPANT);
    return table(siteId, columns, totals(cells), sourceCounts, measure, false);
  }

  /** Codes × codes: how often two codes overlap on the same words, or share a speaker turn. */
  @Transactional(readOnly = true)
  public Table cooccurrence(Site site, Together together, Measure measure) {
    team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    List<CellTotal> pairs =
        together == Together.OVERLAP
            ? store.overlaps(siteId)
            : totals(store.sharedTurns(siteId)).values().stream().toList();
    Map<String, CellTotal> both = new HashMap<>();
    for (CellTotal p : pairs) {
      both.put(p.code() + "|" + p.column(), p);
      both.put(
          p.column() + "|" + p.code(),
          new CellTotal(
              UUID.fromString(p.column()), p.code().toString(), p.count(), p.participants()));
    }
    List<CellCount> sourceCounts = new ArrayList<>();
    if (measure == Measure.SOURCES) {
      for (CellCount c :
          together == Together.OVERLAP
              ? store.overlapSources(siteId)
              : store.sharedTurnSources(siteId)) {
        sourceCounts.add(c);
        sourceCounts.add(
            new CellCount(UUID.fromString(c.column()), c.code().toString(), c.count()));
      }
    }
    return table(siteId, null, both, sourceCounts, measure, true);
  }

  /** Cells by "code|column", counted from partial counts split by participant. */
  private static Map<String, CellTotal> totals(List<PartialCount> partial) {
    Map<String, Long> segments = new HashMap<>();
    Map<String, Set<UUID>> people = new HashMap<>();
    Map<String, PartialCount> first = new HashMap<>();
    for (PartialCount p : partial) {
      String key = p.code() + "|" + p.column();
      segments.merge(key, p.count(), Long::sum);
      first.putIfAbsent(key, p);
      Set<UUID> set = people.computeIfAbsent(key, k -> new HashSet<>());
      if (p.participant() != null) {
        set.add(p.participant());
      }
    }
    Map<String, CellTotal> out = new HashMap<>();
    segments.forEach(
        (key, n) -> {
          PartialCount p = first.get(key);
          out.put(key, new CellTotal(p.code(), p.column(), n, people.get(key).size()));
        });
    return out;
  }

  /** Cells by "code|column" (each code and column once). */
  private static Map<String, CellTotal> totals(Collection<CellTotal> cells) {
    Map<String, CellTotal> out = new HashMap<>();
    cells.forEach(c -> out.put(c.code() + "|" + c.column(), c));
    return out;
  }

  private Table table(
      UUID siteId,
      List<String> columns,
      Map<String, CellTotal> totals,
      List<CellCount> sourceCounts,
      Measure measure,
      boolean codesAsColumns) {
    Set<UUID> used = new HashSet<>();
    totals.values().forEach(c -> used.add(c.code()));
    Map<String, Long> sourcesByKey = new HashMap<>();
    sourceCounts.forEach(c -> sourcesByKey.put(c.code() + "|" + c.column(), c.count()));
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (Map.Entry<String, CellTotal> e : totals.entrySet()) {
      long participants = e.getValue().participants();
      long count =
          switch (measure) {
            case SEGMENTS -> e.getValue().count();
            case PARTICIPANTS -> participants;
            case SOURCES -> sourcesByKey.getOrDefault(e.getKey(), 0L);
          };
      cells.put(e.getKey(), new Cell(count, participants));
    }
    List<Code> codes = store.codes(siteId).stream().filter(c -> used.contains(c.id())).toList();
    List<String> cols =
        codesAsColumns ? codes.stream().map(c -> c.id().toString()).toList() : columns;
    return new Table(codes, cols, cells);
  }

  // ---- the quotes behind a cell ----

  /**
   * A page of the segments behind a cell, cut from the de-identified text (a segment of a source
   * not readable now has no quote). For co-occurrence, the row code's segments that meet the column
   * code. Audited ({@code analysis.quotes.read}).
   *
   * @throws NotFound a code of another site, or none
   * @throws BadRequest an unknown query or column
   */
  @Transactional(readOnly = true)
  public Quotes quotes(Site site, CellRef ref, int page) {
    StaffMember me = team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    Code code =
        store.code(siteId, ref.code()).orElseThrow(() -> new NotFound("analysis.code.not-found"));
    CellFilter filter = filter(siteId, ref);
    long total = store.countInCell(siteId, code.id(), filter);
    int pages = (int) Math.max(1, (total + PAGE - 1) / PAGE);
    int p = Math.min(Math.max(1, page), pages);
    List<Coding> rows = store.codingsInCell(siteId, code.id(), filter, PAGE, (p - 1) * PAGE);
    Map<UUID, String> names = new HashMap<>();
    team.membersOf(site.id()).forEach(m -> names.put(m.id().value(), m.displayName()));
    Map<UUID, List<SourceTurn>> texts = new HashMap<>();
    Map<UUID, SourceSummary> summaries = new HashMap<>();
    List<Segment> out = new ArrayList<>();
    UUID mine = me.id().value();
    for (Coding c : rows) {
      SourceSummary summary = summaries.computeIfAbsent(c.sourceId(), id -> sources.get(site, id));
      List<SourceTurn> turns =
          texts.computeIfAbsent(c.sourceId(), id -> sources.deidentified(site, id));
      SourceTurn turn =
          c.turn() == null
              ? null
              : turns.stream().filter(t -> t.position() == c.turn()).findFirst().orElse(null);
      String text =
          turns.isEmpty()
              ? null
              : c.turn() == null
                  ? String.join(
                      Codings.WHOLE_SOURCE_SEPARATOR,
                      turns.stream().map(t -> t.text() == null ? "" : t.text()).toList())
                  : turn == null ? null : turn.text();
      out.add(
          new Segment(
              c,
              code,
              summary.title(),
              turn == null ? null : turn.speaker(),
              Codings.cut(text, c.start(), c.end()),
              names.getOrDefault(c.coderId(), "—"),
              c.coderId().equals(mine)));
    }
    audit.record(siteId, "analysis.quotes.read", code.id().toString(), ref.query());
    return new Quotes(out, p, pages, total);
  }

  private CellFilter filter(UUID siteId, CellRef ref) {
    String column = ref.column();
    switch (ref.query() == null ? "" : ref.query()) {
      case "frequency":
        if (ALL.equals(column)) {
          return new CellFilter.OfKind(null);
        }
        if (!KINDS.contains(column)) {
          throw new BadRequest("analysis.query.column");
        }
        return new CellFilter.OfKind(column);
      case "matrix":
        if (ref.attribute() == null) {
          throw new BadRequest("analysis.query.attribute");
        }
        if (NO_PARTICIPANT.equals(column)) {
          return new CellFilter.OfAttribute(ref.attribute().column, null);
        }
        if (!ref.attribute().known.contains(column)) {
          throw new BadRequest("analysis.query.column");
        }
        return new CellFilter.OfAttribute(ref.attribute().column, column);
      case "cooccurrence":
        UUID other;
        try {
          other = UUID.fromString(column == null ? "" : column);
        } catch (IllegalArgumentException e) {
          throw new BadRequest("analysis.query.column");
        }
        store.code(siteId, other).orElseThrow(() -> new NotFound("analysis.code.not-found"));
        return ref.together() == Together.TURN
            ? new CellFilter.InTurnWith(other)
            : new CellFilter.Overlapping(other);
      default:
        throw new BadRequest("analysis.query.unknown");
    }
  }

  // ---- full-text search ----

  /**
   * Where the words of a query begin a word in the site's de-identified sources, ignoring case and
   * accents, with the words around each hit. Only sources the reader may read for analysis now are
   * searched, and what is shown is read again through {@link Sources#deidentified}. Audited ({@code
   * analysis.search}, without the query).
   */
  @Transactional(readOnly = true)
  public SearchResults search(Site site, String query, int page) {
    team.require(site.id(), Codebook.CODERS);
    String folded = SearchIndex.fold(query).strip();
    if (folded.isEmpty()) {
      return SearchResults.none(query);
    }
    Set<UUID> hidden = searchable(site);
    // Only the hits up to the page asked for are kept; all are counted.
    SearchIndex.Found all =
        index.find(
            site.id().value(),
            folded,
            (int) Math.min(Integer.MAX_VALUE, Math.max(1L, page) * PAGE),
            hidden);
    long total = all.total();
    int pages = (int) Math.max(1, (total + PAGE - 1) / PAGE);
    int p = Math.min(Math.max(1, page), pages);
    List<SearchIndex.Hit> onPage =
        all.hits()
            .subList(
                Math.min((p - 1) * PAGE, all.hits().size()), Math.min(p * PAGE, all.hits().size()));
    Map<UUID, List<SourceTurn>> texts = new HashMap<>();
    Map<UUID, SourceSummary> summaries = new HashMap<>();
    List<SearchHit> hits = new ArrayList<>();
    for (SearchIndex.Hit h : onPage) {
      List<SourceTurn> turns =
          texts.computeIfAbsent(h.source(), id -> sources.deidentified(site, id));
      SourceTurn turn =
          turns.stream().filter(t -> t.position() == h.turn()).findFirst().orElse(null);
      String text = turn == null || turn.text() == null ? "" : turn.text();
      if (h.end() > text.length()
          || !SearchIndex.fold(text.substring(h.start(), h.end())).equals(folded)) {
        // The words changed since they were indexed (or are no longer readable): index them anew.
        index.remove(site.id().value(), h.source());
        continue;
      }
      SourceSummary summary = summaries.computeIfAbsent(h.source(), id -> sources.get(site, id));
      hits.add(
          new SearchHit(
              h.source(),
              summary.title(),
              h.turn(),
              turn.speaker(),
              text.substring(safeStart(text, h.start() - CONTEXT), h.start()),
              text.substring(h.start(), h.end()),
              text.substring(h.end(), safeEnd(text, h.end() + CONTEXT))));
    }
    audit.record(
        site.id().value(), "analysis.search", "site:" + site.id().value(), total + " hits");
    return new SearchResults(query, hits, p, pages, total);
  }

  /**
   * Applies a code to every hit of a query, as the signed-in person: each coding audited as if
   * coded by hand ({@code analysis.coding.added}), and the whole as {@code analysis.search.coded}.
   *
   * @return how many codings were added (or were there already)
   * @throws NotFound a code of another site, or none
   * @throws BadRequest {@code analysis.search.too-many} above {@link #MAX_CODED_HITS} hits, {@code
   *     analysis.search.empty} for an empty query
   */
  @Transactional
  public int codeAllHits(Site site, String query, UUID code) {
    team.require(site.id(), Codebook.CODERS);
    Code chosen =
        store
            .code(site.id().value(), code)
            .orElseThrow(() -> new NotFound("analysis.code.not-found"));
    if (!chosen.codable()) {
      throw new BadRequest("analysis.coding.folder");
    }
    String folded = SearchIndex.fold(query).strip();
    if (folded.isEmpty()) {
      throw new BadRequest("analysis.search.empty");
    }
    SearchIndex.Found found =
        index.find(site.id().value(), folded, MAX_CODED_HITS + 1, searchable(site));
    if (found.total() > MAX_CODED_HITS) {
      throw new BadRequest("analysis.search.too-many");
    }
    int coded = 0;
    Map<UUID, List<SourceTurn>> texts = new HashMap<>();
    for (SearchIndex.Hit h : found.hits()) {
      List<SourceTurn> turns =
          texts.computeIfAbsent(h.source(), id -> sources.deidentified(site, id));
      String text =
          turns.stream()
              .filter(t -> t.position() == h.turn())
              .map(SourceTurn::text)
              .findFirst()
              .orElse("");
      if (text == null
          || h.end() > text.length()
          || !SearchIndex.fold(text.substring(h.start(), h.end())).equals(folded)) {
        continue;
      }
      // Codings count code points; the index counts chars.
      int start = text.codePointCount(0, h.start());
      int end = start + text.codePointCount(h.start(), h.end());
      coded += codings.apply(site, h.source(), h.turn(), start, end, List.of(code)).size();
    }
    audit.record(site.id().value(), "analysis.search.coded", code.toString(), coded + " codings");
    return coded;
  }

  /**
   * Brings the site's index up to date and says which of its sources this reader may not search:
   * sources no longer ready are forgotten, sources de-identified again or newly ready are read
   * (through the fieldwork API, with the reader's role) and indexed. A source flagged for another
   * review is searched only by those who read the vault.
   *
   * @return the indexed sources hidden from this reader
   */
  private Set<UUID> searchable(Site site) {
    UUID siteId = site.id().value();
    boolean readsVault = team.currentRoleAt(site.id()).map(SiteRole::readsVault).orElse(false);
    List<AnalysisStore.ReadySource> ready = store.readySources(siteId);
    Set<UUID> ids = new HashSet<>();
    ready.forEach(r -> ids.add(r.id()));
    index.retain(siteId, ids);
    Set<UUID> hidden = new HashSet<>();
    for (AnalysisStore.ReadySource r : ready) {
      if (r.flagged() && !readsVault) {
        hidden.add(r.id());
        continue;
      }
      SearchIndex.Document d = index.document(siteId, r.id());
      if (d == null || !java.util.Objects.equals(d.deidentifiedAt(), r.deidentifiedAt())) {
        List<SourceTurn> turns = sources.deidentified(site, r.id());
        if (turns.isEmpty()) {
          index.remove(siteId, r.id());
          continue;
        }
        Map<Integer, String> words = new LinkedHashMap<>();
        turns.forEach(t -> words.put(t.position(), t.text() == null ? "" : t.text()));
        index.put(siteId, r.id(), r.deidentifiedAt(), words);
      }
    }
    return hidden;
  }

  private static int safeStart(String text, int at) {
    int i = Math.max(0, at);
    return i > 0 && Character.isLowSurrogate(text.charAt(i)) ? i - 1 : i;
  }

  private static int safeEnd(String text, int at) {
    int i = Math.min(text.length(), at);
    return i < text.length() && i > 0 && Character.isLowSurrogate(text.charAt(i)) ? i + 1 : i;
  }
}
