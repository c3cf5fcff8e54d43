package org.tejido.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.analysis.internal.AnalysisStore;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.SourceSummary;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;

/**
 * Coding: applying codes to spans of the de-identified text of a site's sources, each coding
 * recording its coder, so that several coders code the same source independently. The text is read
 * only through {@link Sources#deidentified}, never from the vault. Each coding added or removed is
 * audited with ids only, and so is each page of text shown for coding.
 */
@Service
public class Codings {

  /**
   * The whole text of a source, for a coding with no turn: its de-identified turns' words, in
   * order, joined by this.
   */
  public static final String WHOLE_SOURCE_SEPARATOR = "\n";

  /** The most codes applied to one span at once. */
  public static final int MAX_CODES_AT_ONCE = 50;

  private final AnalysisStore store;
  private final Sources sources;
  private final Team team;
  private final AuditLog audit;

  Codings(AnalysisStore store, Sources sources, Team team, AuditLog audit) {
    this.store = store;
    this.sources = sources;
    this.team = team;
    this.audit = audit;
  }

  /** A source ready for coding and how many codings it has (by every coder). */
  public record ReadySource(SourceSummary source, int codings) {}

  /** A turn of a source shown for coding, with the codings in its margin. */
  public record CodedTurn(SourceTurn turn, List<Segment> codings) {}

  /**
   * A source shown for coding.
   *
   * @param turns empty when the source is not readable for analysis (see {@link #readable})
   * @param readable false when the source is not de-identified, or needs another review and the
   *     person does not read the vault
   */
  public record CodingDocument(SourceSummary source, List<CodedTurn> turns, boolean readable) {}

  /** The site's de-identified sources, latest first. */
  @Transactional(readOnly = true)
  public List<ReadySource> readySources(Site site) {
    team.require(site.id(), Codebook.CODERS);
    Map<UUID, Integer> counts = store.codingsBySource(site.id().value());
    return sources.list(site).stream()
        .filter(SourceSummary::deidentified)
        .map(s -> new ReadySource(s, counts.getOrDefault(s.id(), 0)))
        .toList();
  }

  /**
   * A source's de-identified turns with their codings: the signed-in person's own, or everyone's.
   * Audited ({@code analysis.source.read}).
   */
  @Transactional(readOnly = true)
  public CodingDocument document(Site site, UUID source, boolean everyone) {
    StaffMember me = team.require(site.id(), Codebook.CODERS);
    SourceSummary summary = sources.get(site, source);
    List<SourceTurn> turns = sources.deidentified(site, source);
    if (turns.isEmpty()) {
      return new CodingDocument(summary, List.of(), false);
    }
    UUID siteId = site.id().value();
    Map<UUID, Code> codes = codesById(siteId);
    Map<UUID, String> names = coderNames(site);
    UUID mine = me.id().value();
    Map<Integer, List<Segment>> byTurn = new HashMap<>();
    List<Segment> whole = new ArrayList<>();
    String all = wholeText(turns);
    for (Coding c : store.codingsOfSource(siteId, source, everyone ? null : mine)) {
      Code code = codes.get(c.codeId());
      String text =
          c.turn() == null
              ? all
              : turns.stream()
                  .filter(t -> t.position() == c.turn())
                  .findFirst()
                  .map(SourceTurn::text)
                  .orElse(null);
      Segment segment =
          new Segment(
              c,
              code,
              summary.title(),
              null,
              cut(text, c.start(), c.end()),
              names.getOrDefault(c.coderId(), "—"),
              c.coderId().equals(mine));
      if (c.turn() == null) {
        whole.add(segment);
      } else {
        byTurn.computeIfAbsent(c.turn(), k -> new ArrayList<>()).add(segment);
      }
    }
    List<CodedTurn> coded = new ArrayList<>();
    for (SourceTurn t : turns) {
      coded.add(new CodedTurn(t, byTurn.getOrDefault(t.position(), List.of())));
    }
    if (!whole.isEmpty() && !coded.isEmpty()) {
      // Codings of the whole text are shown beside the first turn.
      List<Segment> first = new ArrayList<>(whole);
      first.addAll(coded.get(0).codings());
      coded.set(0, new CodedTurn(coded.get(0).turn(), first));
    }
    audit.record(siteId, "analysis.source.read", source.toString(), null);
    return new CodingDocument(summary, coded, true);
  }

  /**
   * Applies codes to a span of a turn's de-identified text (or of the whole source's, when {@code
   * turn} is null), as the signed-in person. Applying the same code to the same span twice leaves
   * one coding.
   *
   * @return the codings' ids, one per code
   * @throws BadRequest {@code analysis.coding.span} when the turn does not exist or the span is
   *     empty or outside its text (counted in code points); {@code analysis.coding.no-code} when no
   *     code is chosen; {@code analysis.coding.folder} when a chosen code is a folder
   * @throws NotFound a source or code of another site, or none
   * @throws Conflict {@code analysis.source.not-ready} when the source is not readable for analysis
   */
  @Transactional
  public List<UUID> apply(
      Site site, UUID source, Integer turn, int start, int end, List<UUID> codeIds) {
    StaffMember me = team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    sources.get(site, source);
    List<UUID> chosen = codeIds == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(codeIds));
    if (chosen.isEmpty() || chosen.size() > MAX_CODES_AT_ONCE) {
      throw new BadRequest("analysis.coding.no-code");
    }
    List<Code> codes = new ArrayList<>();
    for (UUID id : chosen) {
      Code code = store.code(siteId, id).orElseThrow(() -> new NotFound("analysis.code.not-found"));
      if (!code.codable()) {
        throw new BadRequest("analysis.coding.folder");
      }
      codes.add(code);
    }
    List<SourceTurn> turns = sources.deidentified(site, source);
    if (turns.isEmpty()) {
      throw new Conflict("analysis.source.not-ready");
    }
    String text = textOf(turns, turn).orElseThrow(() -> new BadRequest("analysis.coding.span"));
    int length = text.codePointCount(0, text.length());
    if (start < 0 || end <= start || end > length) {
      throw new BadRequest("analysis.coding.span");
    }
    UUID speaker =
        turn == null
            ? null
            : turns.stream()
                .filter(t -> t.position() == turn)
                .findFirst()
                .map(SourceTurn::participantId)
                .orElse(null);
    List<UUID> ids = new ArrayList<>();
    for (Code code : codes) {
      UUID id =
          store.insertCoding(siteId, source, turn, start, end, code.id(), me.id().value(), speaker);
      audit.record(
          siteId,
          "analysis.coding.added",
          id.toString(),
          "source " + source + "; code " + code.id());
      ids.add(id);
    }
    return ids;
  }

  /**
   * Removes one of the signed-in person's codings of a source.
   *
   * @throws Forbidden {@code analysis.coding.not-yours} for another coder's coding
   */
  @Transactional
  public void remove(Site site, UUID source, UUID coding) {
    StaffMember me = team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    Coding c =
        store
            .coding(siteId, coding)
            .filter(x -> x.sourceId().equals(source))
            .orElseThrow(() -> new NotFound("analysis.coding.not-found"));
    if (!c.coderId().equals(me.id().value())) {
      throw new Forbidden("analysis.coding.not-yours");
    }
    store.deleteCoding(siteId, coding);
    audit.record(siteId, "analysis.coding.removed", coding.toString(), "source " + source);
  }

  /**
   * Every segment of a code, the words cut from the de-identified text: the signed-in person's own,
   * or everyone's. A segment whose source is not readable for analysis now has no quote. Audited
   * ({@code analysis.segments.read}).
   */
  @Transactional(readOnly = true)
  public List<Segment> segments(Site site, UUID codeId, boolean everyone) {
    StaffMember me = team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    Code code =
        store.code(siteId, codeId).orElseThrow(() -> new NotFound("analysis.code.not-found"));
    Map<UUID, String> names = coderNames(site);
    UUID mine = me.id().value();
    Map<UUID, List<SourceTurn>> texts = new HashMap<>();
    Map<UUID, SourceSummary> summaries = new HashMap<>();
    List<Segment> out = new ArrayList<>();
    for (Coding c : store.codingsOfCode(siteId, codeId, everyone ? null : mine)) {
      SourceSummary summary = summaries.computeIfAbsent(c.sourceId(), id -> sources.get(site, id));
      List<SourceTurn> turns =
          texts.computeIfAbsent(c.sourceId(), id -> sources.deidentified(site, id));
      String speaker =
          c.turn() == null
              ? null
              : turns.stream()
                  .filter(t -> t.position() == c.turn())
                  .findFirst()
                  .map(SourceTurn::speaker)
                  .orElse(null);
      out.add(
          new Segment(
              c,
              code,
              summary.title(),
              speaker,
              turns.isEmpty()
                  ? null
                  : cut(textOf(turns, c.turn()).orElse(null), c.start(), c.end()),
              names.getOrDefault(c.coderId(), "—"),
              c.coderId().equals(mine)));
    }
    audit.record(siteId, "analysis.segments.read", codeId.toString(), null);
    return out;
  }

  /** The words of a span: code points {@code start} to {@code end}; null when out of the text. */
  public static String cut(String text, int start, int end) {
    if (text == null || start < 0 || end <= start) {
      return null;
    }
    int length = text.codePointCount(0, text.length());
    if (end > length) {
      return null;
    }
    return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
  }

  private static Optional<String> textOf(List<SourceTurn> turns, Integer turn) {
    if (turn == null) {
      return Optional.of(wholeText(turns));
    }
    return turns.stream()
        .filter(t -> t.position() == turn)
        .map(t -> t.text() == null ? "" : t.text())
        .findFirst();
  }

  private static String wholeText(List<SourceTurn> turns) {
    return String.join(
        WHOLE_SOURCE_SEPARATOR, turns.stream().map(t -> t.text() == null ? "" : t.text()).toList());
  }

  private Map<UUID, Code> codesById(UUID site) {
    Map<UUID, Code> codes = new HashMap<>();
    store.codes(site).forEach(c -> codes.put(c.id(), c));
    return codes;
  }

  private Map<UUID, String> coderNames(Site site) {
    Map<UUID, String> names = new HashMap<>();
    team.membersOf(site.id()).forEach(m -> names.put(m.id().value(), m.displayName()));
    return names;
  }
}
