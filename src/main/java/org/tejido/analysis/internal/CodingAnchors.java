package org.tejido.analysis.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Component;
import org.tejido.analysis.Coding;
import org.tejido.analysis.Codings;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.DeidentifiedTextChanged;

/**
 * Keeps codings on their words when a source's de-identified text changes (decision 0008): each
 * span is carried through the character diff of the turn's text before and after, and a span whose
 * words were all replaced is kept on the replacing token. A source imported from a REFI-QDA file
 * has its positions on the raw words until its first review: that review moves them onto the
 * de-identified text the same way. Runs inside the transaction that stores the text.
 */
@Component
class CodingAnchors {

  private final AnalysisStore store;
  private final JdbcOperations jdbc;
  private final AuditLog audit;

  CodingAnchors(AnalysisStore store, JdbcOperations jdbc, AuditLog audit) {
    this.store = store;
    this.jdbc = jdbc;
    this.audit = audit;
  }

  @EventListener
  void on(DeidentifiedTextChanged changed) {
    List<Coding> codings = store.codingsOfSource(changed.siteId(), changed.sourceId(), null);
    if (codings.isEmpty()) {
      return;
    }
    List<DeidentifiedTextChanged.Turn> turns = new ArrayList<>(changed.turns());
    turns.sort(Comparator.comparingInt(DeidentifiedTextChanged.Turn::position));
    Map<Integer, Mapping> byTurn = new LinkedHashMap<>();
    Mapping whole = null;
    // Each coding's speaker goes back with it, for matrix coding.
    Map<Object, Object> participants = new java.util.HashMap<>();
    jdbc.query(
        "select id, participant_id from analysis_coding where source_id = ?",
        rs -> {
          participants.put(rs.getObject(1, java.util.UUID.class), rs.getObject(2));
        },
        changed.sourceId());
    List<Object[]> rows = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    int moved = 0;
    for (Coding c : codings) {
      Mapping m;
      if (c.turn() == null) {
        if (whole == null) {
          whole =
              Mapping.of(
                  String.join(
                      Codings.WHOLE_SOURCE_SEPARATOR,
                      turns.stream().map(DeidentifiedTextChanged.Turn::before).toList()),
                  String.join(
                      Codings.WHOLE_SOURCE_SEPARATOR,
                      turns.stream().map(DeidentifiedTextChanged.Turn::after).toList()));
        }
        m = whole;
      } else {
        m =
            byTurn.computeIfAbsent(
                c.turn(),
                position ->
                    turns.stream()
                        .filter(t -> t.position() == position)
                        .findFirst()
                        .map(t -> Mapping.of(t.before(), t.after()))
                        .orElse(Mapping.IDENTITY));
      }
      int start = m.start(c.start());
      int end = Math.max(m.end(c.end()), start);
      if (end == start) {
        // Every word of the span went: keep it on what replaced them, at least one character.
        end = Math.min(start + 1, m.length());
        start = Math.max(0, end - 1);
      }
      if (start != c.start() || end != c.end()) {
        moved++;
      }
      String key = c.turn() + ":" + start + ":" + end + ":" + c.codeId() + ":" + c.coderId();
      if (end <= start || seen.putIfAbsent(key, true) != null) {
        jdbc.update(
            "delete from analysis_memo where site_id = ? and target_kind = 'coding'"
                + " and target_id = ?",
            changed.siteId(),
            c.id());
        rows.add(null);
        moved++;
        continue;
      }
      rows.add(
          new Object[] {
            c.id(),
            changed.siteId(),
            c.sourceId(),
            c.turn(),
            start,
            end,
            c.codeId(),
            c.coderId(),
            Timestamp.from(c.createdAt()),
            participants.get(c.id())
          });
    }
    if (moved == 0) {
      return;
    }
    jdbc.update("delete from analysis_coding where source_id = ?", changed.sourceId());
    jdbc.batchUpdate(
        "insert into analysis_coding (id, site_id, source_id, turn, start_offset, end_offset,"
            + " code_id, coder_id, created_at, participant_id)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows.stream().filter(r -> r != null).toList());
    audit.record(
        changed.siteId(),
        "analysis.coding.reanchored",
        changed.sourceId().toString(),
        "codings " + moved);
  }

  /** Positions of a text before a change, carried to the text after it. */
  record Mapping(List<int[]> edits, int length) {

    static final Mapping IDENTITY = new Mapping(List.of(), Integer.MAX_VALUE);

    /** Edits closer than this (unchanged code points between them) count as one. */
    static final int MERGE_GAP = 3;

    /** Edits as {@code [beforeStart, beforeEnd, afterStart, afterEnd]} in code points. */
    static Mapping of(String before, String after) {
      List<Integer> a = before.codePoints().boxed().toList();
      List<Integer> b = after.codePoints().boxed().toList();
      List<int[]> edits = new ArrayList<>();
      if (!a.equals(b)) {
        for (AbstractDelta<Integer> d : DiffUtils.diff(a, b).getDeltas()) {
          int[] edit = {
            d.getSource().getPosition(),
            d.getSource().getPosition() + d.getSource().size(),
            d.getTarget().getPosition(),
            d.getTarget().getPosition() + d.getTarget().size()
          };
          int[] last = edits.isEmpty() ? null : edits.get(edits.size() - 1);
          if (last != null && edit[0] - last[1] < MERGE_GAP) {
            // A replacement the diff cut in two around a space ("calle Morelos" → "[CALLE]"):
            // one replacement, so that a span of either half lands on the whole token.
            last[1] = edit[1];
            last[3] = edit[3];
          } else {
            edits.add(edit);
          }
        }
      }
      return new Mapping(edits, b.size());
    }

    /** Where a span starting at {@code p} starts now: inside a replaced run, at its replacement. */
    int start(int p) {
      int shift = 0;
      for (int[] e : edits) {
        if (p < e[0]) {
          break;
        }
        if (p < e[1]) {
          return e[2];
        }
        shift = e[3] - e[1];
      }
      return Math.min(p + shift, length);
    }

    /** Where a span ending (exclusive) at {@code p} ends now. */
    int end(int p) {
      int shift = 0;
      for (int[] e : edits) {
        if (p <= e[0]) {
          break;
        }
        if (p <= e[1]) {
          return e[3];
        }
        shift = e[3] - e[1];
      }
      return Math.min(p + shift, length);
    }
  }
}
