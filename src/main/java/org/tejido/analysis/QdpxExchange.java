package org.tejido.analysis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.analysis.Memo.MemoTarget;
import org.tejido.analysis.internal.AnalysisStore;
import org.tejido.analysis.qdpx.ImportReport;
import org.tejido.analysis.qdpx.Limits;
import org.tejido.analysis.qdpx.PositionConvention;
import org.tejido.analysis.qdpx.QdpxCase;
import org.tejido.analysis.qdpx.QdpxCode;
import org.tejido.analysis.qdpx.QdpxCoding;
import org.tejido.analysis.qdpx.QdpxNote;
import org.tejido.analysis.qdpx.QdpxProject;
import org.tejido.analysis.qdpx.QdpxReader;
import org.tejido.analysis.qdpx.QdpxSelection;
import org.tejido.analysis.qdpx.QdpxSource;
import org.tejido.analysis.qdpx.QdpxUser;
import org.tejido.analysis.qdpx.QdpxVariable;
import org.tejido.analysis.qdpx.QdpxWriter;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.SiteEncryption;
import org.tejido.fieldwork.FieldworkExport;
import org.tejido.fieldwork.FieldworkImport;
import org.tejido.fieldwork.FieldworkImport.TurnSpan;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.SourceSummary;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.sites.Site;

/**
 * Brings a REFI-QDA project ({@code .qdpx}) into a site and a site's analysis out.
 *
 * <p>Import is all or nothing, in one transaction: the file's codebook goes under a new folder
 * named after the import's date and time, not after the project (a project is often named after the
 * person interviewed, and code names are kept in clear; nothing of the site's codebook is merged or
 * renamed); its users become coders — the member of the site's team with the same display name,
 * else an external coder of the site; its text sources become fieldwork sources that still need
 * de-identification (their codings show no words until a researcher reviewed them, as any
 * source's); selections are carried over to the speaker turn that holds them, or to the whole
 * source when they cross turns; notes become sealed memos. Cases and variables are not mapped:
 * participants are registered in fieldwork with their consent, which a file cannot give. A dry run
 * does all of it and rolls back.
 *
 * <p>Export writes the codebook without the silenced issues, the de-identified text of sources
 * whose review is done, their codings and the memos on what is exported, coders as pseudonyms.
 */
@Service
public class QdpxExchange {

  private static final DateTimeFormatter IMPORTED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** The Spanish name of the human-security codebook's folder whose codes are never exported. */
  static final String SILENCED = "Temas silenciados";

  private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?");
  private static final int BATCH = 20_000;

  private final AnalysisStore store;
  private final FieldworkImport fieldwork;
  private final FieldworkExport readable;
  private final Sources sources;
  private final Team team;
  private final SiteEncryption encryption;
  private final AuditLog audit;
  private final JdbcOperations jdbc;
  private final TransactionTemplate tx;

  QdpxExchange(
      AnalysisStore store,
      FieldworkImport fieldwork,
      FieldworkExport readable,
      Sources sources,
      Team team,
      SiteEncryption encryption,
      AuditLog audit,
      JdbcOperations jdbc,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.fieldwork = fieldwork;
    this.readable = readable;
    this.sources = sources;
    this.team = team;
    this.encryption = encryption;
    this.audit = audit;
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
  }

  /**
   * What an import did, or would do on a dry run.
   *
   * @param lines the report, English, one line per kind then what was skipped and why
   * @param stored how many of each kind were stored ({@code codes}, {@code sources}, {@code
   *     codings}, {@code memos}, {@code coders}); a dry run stores nothing but counts the same
   */
  public record ImportResult(List<String> lines, Map<String, Integer> stored, boolean dryRun) {}

  /** Import by a coordinator of the site. */
  public ImportResult importAs(Site site, byte[] file, boolean dryRun) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    return run(site, file, dryRun, me.id().value());
  }

  /** Import run by an administrator on the server (the command line): no signed-in person. */
  public ImportResult importFromCommandLine(Site site, byte[] file, boolean dryRun) {
    return run(site, file, dryRun, null);
  }

  private ImportResult run(Site site, byte[] file, boolean dryRun, UUID importer) {
    QdpxProject project = QdpxReader.read(new ByteArrayInputStream(file), Limits.defaults());
    ImportResult result =
        tx.execute(
            status -> {
              ImportResult r = store(site, project, importer, dryRun);
              if (dryRun) {
                status.setRollbackOnly();
              }
              return r;
            });
    if (dryRun && importer != null) {
      tx.executeWithoutResult(
          s ->
              audit.record(
                  site.id().value(), "analysis.qdpx.checked", "qdpx", counts(result.stored())));
    }
    return result;
  }

  private ImportResult store(Site site, QdpxProject project, UUID importer, boolean dryRun) {
    UUID siteId = site.id().value();
    store.lockCodebook(siteId);
    // The codings are counted for matrix coding and co-occurrence once, after the last batch, not
    // batch by batch (decision 0009).
    return store.countedOnceAfter(siteId, () -> storeLocked(site, project, importer, dryRun));
  }

  private ImportResult storeLocked(Site site, QdpxProject project, UUID importer, boolean dryRun) {
    UUID siteId = site.id().value();
    Map<String, Integer> stored = new LinkedHashMap<>();
    Map<String, Integer> skipped = new LinkedHashMap<>();

    // The codebook, under a folder named after the import, not after the project: its name is
    // often the name of the person interviewed, and code names, source titles and coder names are
    // kept in clear.
    String folderName =
        "REFI-QDA " + IMPORTED_AT.format(java.time.Instant.now().truncatedTo(ChronoUnit.SECONDS));
    UUID folder =
        store.insertCode(
            siteId, null, null, folderName, folderName, "REFI-QDA", Codebook.DEFAULT_COLOUR, false);
    Map<String, UUID> codes = new HashMap<>();
    for (QdpxCode root : project.codes()) {
      addCode(siteId, root, folder, codes);
    }
    stored.put("codes", codes.size());

    // Coders: a member of the team with the same display name, else an external coder.
    Map<String, UUID> members = new HashMap<>();
    team.membersOf(site.id())
        .forEach(
            m -> members.put(m.displayName().strip().toLowerCase(Locale.ROOT), m.id().value()));
    Map<String, UUID> coders = new HashMap<>();
    int external = 0;
    for (QdpxUser user : project.users()) {
      String name = blankTo(user.name(), blankTo(user.id(), "REFI-QDA"));
      UUID id = members.get(name.strip().toLowerCase(Locale.ROOT));
      if (id == null) {
        id = externalCoder(siteId, user.guid(), limit(name.strip(), 200));
        external++;
      }
      coders.put(user.guid(), id);
    }
    UUID unknown = null;
    stored.put("external coders", external);

    // Sources and their codings.
    List<Object[]> rows = new ArrayList<>();
    Map<String, UUID> firstCodingOfSelection = new HashMap<>();
    Map<String, UUID> codingIds = new HashMap<>();
    Map<String, UUID> sourceIds = new HashMap<>();
    Set<String> seen = new HashSet<>();
    int storedSources = 0;
    int storedCodings = 0;
    for (QdpxSource source : project.sources()) {
      if (source.text().isBlank()) {
        skip(skipped, "empty text source", "Tejido keeps sources with words only", source, 1);
        continue;
      }
      if (source.text().length() > Sources.MAX_TEXT) {
        skip(skipped, "text source", "longer than a source may be", source, 1);
        continue;
      }
      // Not the file's name for it: other programs often name a source after the person
      // interviewed, and a source's title is kept in clear.
      String title = limit(folderName, 180) + " \u00b7 " + (storedSources + 1);
      UUID sourceId =
          fieldwork.source(
              site, new NewSource(null, "transcript", title, source.text(), "txt"), false);
      sourceIds.put(source.guid(), sourceId);
      storedSources++;
      List<TurnSpan> turns = FieldworkImport.turnSpans(source.text());
      for (QdpxSelection selection : source.selections()) {
        Anchor anchor = anchor(turns, selection.start(), selection.end());
        if (anchor == null) {
          skipped.merge(
              "selection — it covers no speaker's words (a speaker label or blank lines only)",
              1,
              Integer::sum);
          continue;
        }
        for (QdpxCoding coding : selection.codings()) {
          UUID code = codes.get(coding.codeGuid());
          if (code == null) {
            skipped.merge("coding — its code is not in the codebook", 1, Integer::sum);
            continue;
          }
          UUID coder = coding.coderGuid() == null ? null : coders.get(coding.coderGuid());
          if (coder == null) {
            coder = coders.get(selection.creatingUser());
          }
          if (coder == null) {
            if (unknown == null) {
              unknown =
                  importer != null
                      ? importer
                      : externalCoder(siteId, null, limit("REFI-QDA: " + folderName, 200));
            }
            coder = unknown;
          }
          String key = sourceId + "/" + anchor + "/" + code + "/" + coder;
          if (!seen.add(key)) {
            skipped.merge(
                "coding — the same code on the same words by the same coder twice",
                1,
                Integer::sum);
            continue;
          }
          UUID id = UUID.randomUUID();
          codingIds.put(coding.guid(), id);
          firstCodingOfSelection.putIfAbsent(selection.guid(), id);
          rows.add(
              new Object[] {
                id, siteId, sourceId, anchor.turn(), anchor.start(), anchor.end(), code, coder
              });
          storedCodings++;
          if (rows.size() >= BATCH) {
            insertCodings(rows);
          }
        }
      }
    }
    insertCodings(rows);
    stored.put("sources", storedSources);
    stored.put("codings", storedCodings);

    // Notes, as sealed memos on what they annotate.
    int memos = 0;
    for (QdpxNote note : project.notes()) {
      if (note.text() == null || note.text().isBlank()) {
        skipped.merge("note — it has no text", 1, Integer::sum);
        continue;
      }
      boolean kept = false;
      for (QdpxNote.Target target : note.annotates()) {
        MemoTarget kind;
        UUID targetId;
        switch (target.kind()) {
          case CODE -> {
            kind = MemoTarget.CODE;
            targetId = codes.get(target.guid());
          }
          case SOURCE -> {
            kind = MemoTarget.SOURCE;
            targetId = sourceIds.get(target.guid());
          }
          case SELECTION -> {
            kind = MemoTarget.CODING;
            targetId = firstCodingOfSelection.get(target.guid());
          }
          case CODING -> {
            kind = MemoTarget.CODING;
            targetId = codingIds.get(target.guid());
          }
          default -> {
            kind = null;
            targetId = null;
          }
        }
        if (kind == null || targetId == null) {
          skipped.merge(
              "note on a "
                  + target.kind().name().toLowerCase(Locale.ROOT)
                  + " — Tejido keeps memos on codes, sources and codings it imported",
              1,
              Integer::sum);
          continue;
        }
        if (unknown == null) {
          unknown =
              importer != null
                  ? importer
                  : externalCoder(siteId, null, limit("REFI-QDA: " + folderName, 200));
        }
        UUID id = store.newMemoId();
        String text = note.text().strip();
        store.insertMemo(
            siteId,
            id,
            kind,
            targetId,
            unknown,
            encryption.seal(siteId, limit(text, Memos.MAX_TEXT), Memos.context(id)));
        kept = true;
        memos++;
      }
      if (!kept && note.annotates().isEmpty()) {
        skipped.merge("note — it annotates nothing", 1, Integer::sum);
      }
    }
    stored.put("memos", memos);
    for (QdpxCase c : project.cases()) {
      skipped.merge(
          "case — not mapped to a participant: participants are registered in fieldwork, with"
              + " their consent",
          1,
          Integer::sum);
    }
    for (QdpxVariable v : project.variables()) {
      skipped.merge(
          "variable — not mapped to a participant attribute (Tejido's attributes are a fixed"
              + " vocabulary)",
          1,
          Integer::sum);
    }

    List<String> lines = new ArrayList<>(project.summary());
    skipped.forEach((what, count) -> lines.add("skipped: " + count + " \u00d7 " + what));
    lines.add(
        (dryRun ? "would store: " : "stored: ")
            + counts(stored)
            + "; codes under the new folder \""
            + folderName
            + "\" (the project's own name is not kept); sources titled \""
            + folderName
            + " · N\" (their names in the file are not kept: they often name people) and awaiting"
            + " de-identification");
    if (!dryRun) {
      audit.record(siteId, "analysis.qdpx.imported", "qdpx", counts(stored));
    }
    return new ImportResult(List.copyOf(lines), Map.copyOf(stored), dryRun);
  }

  private static void skip(
      Map<String, Integer> skipped, String kind, String reason, QdpxSource source, int n) {
    int selections = source.selections().size();
    int codings = source.selections().stream().mapToInt(s -> s.codings().size()).sum();
    skipped.merge(
        kind
            + " — "
            + reason
            + (selections > 0
                ? " (lost with it: " + selections + " selections, " + codings + " codings)"
                : ""),
        n,
        Integer::sum);
  }

  /** Where a selection lands: a turn and offsets in it, or the whole source's joined text. */
  record Anchor(Integer turn, int start, int end) {}

  /**
   * Carries a span of the imported text over to the source's turns: inside one turn, offsets in
   * that turn; across turns, offsets in the whole source's text (turns joined by {@link
   * Codings#WHOLE_SOURCE_SEPARATOR}), trimmed to the words. Null when it covers no words.
   */
  static Anchor anchor(List<TurnSpan> turns, int start, int end) {
    for (TurnSpan t : turns) {
      if (start >= t.start() && end <= t.end()) {
        int s = Math.max(start, t.start()) - t.start();
        int e = Math.min(end, t.end()) - t.start();
        return e > s ? new Anchor(t.position(), s, e) : null;
      }
    }
    int offset = 0;
    int s = -1;
    int e = -1;
    for (TurnSpan t : turns) {
      int length = t.end() - t.start();
      if (s < 0 && start < t.end()) {
        s = offset + Math.max(0, start - t.start());
      }
      if (end > t.start()) {
        e = offset + Math.min(length, end - t.start());
      }
      offset += length + Codings.WHOLE_SOURCE_SEPARATOR.length();
    }
    return s >= 0 && e > s ? new Anchor(null, s, e) : null;
  }

  /** One statement per batch: the rows as arrays, unnested by PostgreSQL. */
  private void insertCodings(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    UUID[] ids = new UUID[n];
    UUID[] sites = new UUID[n];
    UUID[] sourceIds = new UUID[n];
    Integer[] turns = new Integer[n];
    Integer[] starts = new Integer[n];
    Integer[] ends = new Integer[n];
    UUID[] codeIds = new UUID[n];
    UUID[] coderIds = new UUID[n];
    for (int i = 0; i < n; i++) {
      Object[] r = rows.get(i);
      ids[i] = (UUID) r[0];
      sites[i] = (UUID) r[1];
      sourceIds[i] = (UUID) r[2];
      turns[i] = (Integer) r[3];
      starts[i] = (Integer) r[4];
      ends[i] = (Integer) r[5];
      codeIds[i] = (UUID) r[6];
      coderIds[i] = (UUID) r[7];
    }
    jdbc.update(
        "insert into analysis_coding (id, site_id, source_id, turn, start_offset, end_offset,"
            + " code_id, coder_id) select * from unnest(cast(? as uuid[]), cast(? as uuid[]),"
            + " cast(? as uuid[]), cast(? as int[]), cast(? as int[]), cast(? as int[]),"
            + " cast(? as uuid[]), cast(? as uuid[]))",
        ids,
        sites,
        sourceIds,
        turns,
        starts,
        ends,
        codeIds,
        coderIds);
    rows.clear();
  }

  private void addCode(UUID siteId, QdpxCode code, UUID parent, Map<String, UUID> ids) {
    String name = limit(blankTo(code.name(), "—").strip(), 200);
    String colour = code.color() == null ? null : code.color().toLowerCase(Locale.ROOT);
    if (colour == null || !COLOUR.matcher(colour).matches()) {
      colour = Codebook.DEFAULT_COLOUR;
    }
    UUID wanted = null;
    if (code.guid() != null && UUID_TEXT.matcher(code.guid()).matches()) {
      UUID guid = UUID.fromString(code.guid().replace("{", "").replace("}", ""));
      wanted = store.codeIdTaken(guid) ? null : guid;
    }
    UUID id =
        store.insertCode(
            siteId,
            wanted,
            parent,
            name,
            name,
            limit(code.description() == null ? "" : code.description().strip(), 4000),
            colour,
            code.codable());
    ids.put(code.guid(), id);
    for (QdpxCode child : code.children()) {
      addCode(siteId, child, id, ids);
    }
  }

  private UUID externalCoder(UUID site, String guid, String name) {
    return jdbc.queryForObject(
        "insert into analysis_external_coder (site_id, refi_guid, name) values (?, ?, ?)"
            + " returning id",
        UUID.class,
        site,
        guid == null ? null : limit(guid, 100),
        name);
  }

  // ---- export ----

  /** Export by a coordinator or researcher of the site. */
  public byte[] exportAs(Site site) {
    team.require(site.id(), SiteRole.COORDINATOR, SiteRole.RESEARCHER);
    return export(site, true);
  }

  /** Export run by an administrator on the server (the command line). */
  public byte[] exportFromCommandLine(Site site) {
    return export(site, false);
  }

  private byte[] export(Site site, boolean signedIn) {
    return tx.execute(
        status -> {
          UUID siteId = site.id().value();
          List<Code> all = store.codes(siteId);
          Set<UUID> hidden = silenced(all);
          Map<UUID, List<Code>> children = new HashMap<>();
          all.forEach(c -> children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c));
          List<QdpxCode> roots = new ArrayList<>();
          for (Code root : children.getOrDefault(null, List.of())) {
            if (!hidden.contains(root.id())) {
              roots.add(qdpxCode(root, children, hidden));
            }
          }
          Map<UUID, String> pseudonyms = new LinkedHashMap<>();
          List<SourceSummary> ready =
              signedIn
                  ? sources.list(site).stream()
                      .filter(s -> s.deidentified() && !s.needsReview())
                      .toList()
                  : readable.readySources(site);
          List<QdpxSource> out = new ArrayList<>();
          Set<UUID> exportedCodings = new HashSet<>();
          Set<UUID> exportedSources = new HashSet<>();
          int codings = 0;
          for (SourceSummary summary : ready) {
            List<SourceTurn> turns =
                signedIn
                    ? sources.deidentified(site, summary.id())
                    : readable.deidentified(site, summary.id());
            if (turns.isEmpty()) {
              continue;
            }
            Map<Integer, Integer> offsetOfTurn = new HashMap<>();
            StringBuilder text = new StringBuilder();
            for (SourceTurn t : turns) {
              if (!text.isEmpty()) {
                text.append(Codings.WHOLE_SOURCE_SEPARATOR);
              }
              offsetOfTurn.put(t.position(), text.codePointCount(0, text.length()));
              text.append(t.text() == null ? "" : t.text());
            }
            int length = text.codePointCount(0, text.length());
            Map<String, List<QdpxCoding>> bySpan = new LinkedHashMap<>();
            for (Coding c : store.codingsOfSource(siteId, summary.id(), null)) {
              if (hidden.contains(c.codeId())) {
                continue;
              }
              Integer base = c.turn() == null ? Integer.valueOf(0) : offsetOfTurn.get(c.turn());
              if (base == null || base + c.end() > length) {
                continue;
              }
              String coder =
                  pseudonyms.computeIfAbsent(c.coderId(), k -> UUID.randomUUID().toString());
              bySpan
                  .computeIfAbsent(
                      (base + c.start()) + ":" + (base + c.end()), k -> new ArrayList<>())
                  .add(new QdpxCoding(c.id().toString(), c.codeId().toString(), coder));
              exportedCodings.add(c.id());
              codings++;
            }
            List<QdpxSelection> selections = new ArrayList<>();
            bySpan.forEach(
                (span, list) -> {
                  String[] se = span.split(":");
                  selections.add(
                      new QdpxSelection(
                          UUID.randomUUID().toString(),
                          "",
                          Integer.parseInt(se[0]),
                          Integer.parseInt(se[1]),
                          list.get(0).coderGuid(),
                          list));
                });
            out.add(
                new QdpxSource(
                    summary.id().toString(),
                    summary.title(),
                    text.toString(),
                    selections,
                    List.of()));
            exportedSources.add(summary.id());
          }
          List<QdpxUser> users = new ArrayList<>();
          int[] n = {0};
          pseudonyms.forEach((id, guid) -> users.add(new QdpxUser(guid, "coder " + ++n[0], null)));
          List<QdpxNote> notes = new ArrayList<>();
          for (AnalysisStore.SealedMemo m : store.memosOfSite(siteId)) {
            boolean visible =
                switch (m.target()) {
                  case CODE ->
                      !hidden.contains(m.targetId())
                          && all.stream().anyMatch(c -> c.id().equals(m.targetId()));
                  case SOURCE -> exportedSources.contains(m.targetId());
                  case CODING -> exportedCodings.contains(m.targetId());
                };
            if (!visible) {
              continue;
            }
            QdpxNote.Kind kind =
                switch (m.target()) {
                  case CODE -> QdpxNote.Kind.CODE;
                  case SOURCE -> QdpxNote.Kind.SOURCE;
                  case CODING -> QdpxNote.Kind.CODING;
                };
            notes.add(
                new QdpxNote(
                    m.id().toString(),
                    "memo",
                    encryption.open(siteId, m.sealed(), Memos.context(m.id())),
                    List.of(new QdpxNote.Target(kind, m.targetId().toString()))));
          }
          QdpxProject project =
              new QdpxProject(
                  site.key(),
                  "Tejido",
                  users,
                  roots,
                  List.of(),
                  List.of(),
                  out,
                  notes,
                  new ImportReport(PositionConvention.CODE_POINTS, false, 0, 0, 0, 0, List.of()));
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          QdpxWriter.write(project, bytes);
          audit.record(
              siteId,
              "analysis.qdpx.exported",
              "qdpx",
              "codes "
                  + project.allCodes().size()
                  + "; sources "
                  + out.size()
                  + "; codings "
                  + codings
                  + "; notes "
                  + notes.size());
          return bytes.toByteArray();
        });
  }

  /** The silenced-issues folders of the codebook and every code under them. */
  static Set<UUID> silenced(List<Code> codes) {
    Set<UUID> hidden = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Code c : codes) {
        if (!hidden.contains(c.id())
            && ((c.parentId() == null && SILENCED.equals(c.name().es()))
                || (c.parentId() != null && hidden.contains(c.parentId())))) {
          hidden.add(c.id());
          grew = true;
        }
      }
    }
    return hidden;
  }

  private static QdpxCode qdpxCode(Code code, Map<UUID, List<Code>> children, Set<UUID> hidden) {
    List<QdpxCode> kids = new ArrayList<>();
    for (Code child : children.getOrDefault(code.id(), List.of())) {
      if (!hidden.contains(child.id())) {
        kids.add(qdpxCode(child, children, hidden));
      }
    }
    return new QdpxCode(
        code.id().toString(),
        code.name().es(),
        code.colour().toUpperCase(Locale.ROOT),
        code.description() == null || code.description().isBlank() ? null : code.description(),
        code.codable(),
        kids);
  }

  static String counts(Map<String, Integer> stored) {
    StringBuilder s = new StringBuilder();
    stored.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
    return s.toString();
  }

  private static String blankTo(String s, String otherwise) {
    return s == null || s.isBlank() ? otherwise : s;
  }

  private static String limit(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
