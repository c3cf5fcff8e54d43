package org.tejido.agenda.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaChanges.IssueChange;
import org.tejido.agenda.AgendaChanges.Kind;
import org.tejido.agenda.AgendaChanges.Op;
import org.tejido.agenda.AgendaChanges.ProposalChange;
import org.tejido.agenda.AgendaChanges.Segment;
import org.tejido.agenda.AgendaChanges.Wording;
import org.tejido.agenda.AgendaIssue;
import org.tejido.agenda.Proposal;
import org.tejido.shared.LocalizedText;

/**
 * Compares two versions of an agenda item by item, matching items by reference. Pure: no database,
 * no Spring. Both agendas must already be what their reader may see.
 */
public final class AgendaDiff {

  /** Words (letters, digits and their accents), runs of spaces, or any other single character. */
  private static final Pattern TOKEN =
      Pattern.compile("[\\p{L}\\p{M}\\p{N}]+|\\s+|.", Pattern.DOTALL);

  public record Result(
      List<IssueChange> issues,
      List<ProposalChange> proposals,
      int unchangedIssues,
      int unchangedProposals,
      Map<String, LocalizedText> issueTitles) {}

  private AgendaDiff() {}

  public static Result between(Agenda from, Agenda to) {
    Map<String, AgendaIssue> before = byRef(from.issues(), AgendaIssue::ref);
    Map<String, AgendaIssue> after = byRef(to.issues(), AgendaIssue::ref);
    Set<String> movedIssues = reordered(from.issues(), to.issues(), AgendaIssue::ref);
    List<IssueChange> issues = new ArrayList<>();
    int unchangedIssues = 0;
    for (AgendaIssue now : to.issues()) {
      AgendaIssue was = before.get(now.ref());
      if (was == null) {
        issues.add(
            new IssueChange(
                now.ref(),
                Kind.ADDED,
                null,
                now,
                words(null, now.title()),
                words(null, now.description()),
                now.domains(),
                List.of(),
                false));
        continue;
      }
      IssueChange change =
          new IssueChange(
              now.ref(),
              Kind.CHANGED,
              was,
              now,
              words(was.title(), now.title()),
              words(was.description(), now.description()),
              minus(now.domains(), was.domains()),
              minus(was.domains(), now.domains()),
              movedIssues.contains(now.ref()));
      if (change.title().changed()
          || change.description().changed()
          || change.movedDomains()
          || change.reordered()) {
        issues.add(change);
      } else {
        unchangedIssues++;
      }
    }
    for (AgendaIssue was : from.issues()) {
      if (!after.containsKey(was.ref())) {
        issues.add(
            new IssueChange(
                was.ref(),
                Kind.REMOVED,
                was,
                null,
                words(was.title(), null),
                words(was.description(), null),
                List.of(),
                was.domains(),
                false));
      }
    }

    Map<UUID, String> fromRefs = refsOf(from);
    Map<UUID, String> toRefs = refsOf(to);
    Map<String, Proposal> proposalsBefore = byRef(from.proposals(), Proposal::ref);
    Map<String, Proposal> proposalsAfter = byRef(to.proposals(), Proposal::ref);
    Set<String> movedProposals = reordered(from.proposals(), to.proposals(), Proposal::ref);
    List<ProposalChange> proposals = new ArrayList<>();
    int unchangedProposals = 0;
    for (Proposal now : to.proposals()) {
      Proposal was = proposalsBefore.get(now.ref());
      List<String> answersNow = refs(now.issueIds(), toRefs);
      if (was == null) {
        proposals.add(
            new ProposalChange(
                now.ref(),
                Kind.ADDED,
                null,
                now,
                words(null, now.text()),
                false,
                answersNow,
                answersNow,
                List.of(),
                false));
        continue;
      }
      List<String> answersBefore = refs(was.issueIds(), fromRefs);
      ProposalChange change =
          new ProposalChange(
              now.ref(),
              Kind.CHANGED,
              was,
              now,
              words(was.text(), now.text()),
              !was.addressee().equals(now.addressee()),
              answersNow,
              minus(answersNow, answersBefore),
              minus(answersBefore, answersNow),
              movedProposals.contains(now.ref()));
      if (change.text().changed()
          || change.addresseeChanged()
          || !change.issuesAdded().isEmpty()
          || !change.issuesRemoved().isEmpty()
          || change.reordered()) {
        proposals.add(change);
      } else {
        unchangedProposals++;
      }
    }
    for (Proposal was : from.proposals()) {
      if (!proposalsAfter.containsKey(was.ref())) {
        proposals.add(
            new ProposalChange(
                was.ref(),
                Kind.REMOVED,
                was,
                null,
                words(was.text(), null),
                false,
                refs(was.issueIds(), fromRefs),
                List.of(),
                refs(was.issueIds(), fromRefs),
                false));
      }
    }

    Map<String, LocalizedText> titles = new LinkedHashMap<>();
    from.issues().forEach(i -> titles.put(i.ref(), i.title()));
    to.issues().forEach(i -> titles.put(i.ref(), i.title()));
    return new Result(issues, proposals, unchangedIssues, unchangedProposals, titles);
  }

  /** A text's change, word by word, in each language; either side may be absent. */
  static Wording words(LocalizedText before, LocalizedText after) {
    return new Wording(
        words(before == null ? null : before.es(), after == null ? null : after.es()),
        words(before == null ? null : before.en(), after == null ? null : after.en()));
  }

  static List<Segment> words(String before, String after) {
    List<String> a = tokens(before);
    List<String> b = tokens(after);
    List<Segment> segments = new ArrayList<>();
    int at = 0;
    for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
      Chunk<String> source = delta.getSource();
      add(segments, Op.KEPT, a.subList(at, source.getPosition()));
      add(segments, Op.DELETED, source.getLines());
      add(segments, Op.INSERTED, delta.getTarget().getLines());
      at = source.getPosition() + source.size();
    }
    add(segments, Op.KEPT, a.subList(at, a.size()));
    return readable(segments);
  }

  /**
   * Joins changes separated only by a space into one deletion and one insertion: "<del>Robberies
   * </del><ins>Frequent</ins> <ins>robberies</ins>" reads as "<del>Robberies</del><ins>Frequent
   * robberies</ins>".
   */
  private static List<Segment> readable(List<Segment> segments) {
    List<Segment> out = new ArrayList<>();
    StringBuilder deleted = new StringBuilder();
    StringBuilder inserted = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      boolean between =
          s.op() == Op.KEPT
              && s.text().isBlank()
              && (deleted.length() > 0 || inserted.length() > 0)
              && i + 1 < segments.size()
              && segments.get(i + 1).op() != Op.KEPT;
      if (s.op() == Op.DELETED) {
        deleted.append(s.text());
      } else if (s.op() == Op.INSERTED) {
        inserted.append(s.text());
      } else if (between) {
        if (deleted.length() > 0) {
          deleted.append(s.text());
        }
        if (inserted.length() > 0) {
          inserted.append(s.text());
        }
      } else {
        flush(out, deleted, inserted);
        out.add(s);
      }
    }
    flush(out, deleted, inserted);
    return List.copyOf(out);
  }

  private static void flush(List<Segment> out, StringBuilder deleted, StringBuilder inserted) {
    if (deleted.length() > 0) {
      out.add(new Segment(Op.DELETED, deleted.toString()));
    }
    if (inserted.length() > 0) {
      out.add(new Segment(Op.INSERTED, inserted.toString()));
    }
    deleted.setLength(0);
    inserted.setLength(0);
  }

  private static void add(List<Segment> segments, Op op, List<String> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    String text = String.join("", tokens);
    if (!segments.isEmpty() && segments.get(segments.size() - 1).op() == op) {
      Segment last = segments.remove(segments.size() - 1);
      text = last.text() + text;
    }
    segments.add(new Segment(op, text));
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    if (text == null) {
      return tokens;
    }
    Matcher m = TOKEN.matcher(text.strip());
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  /**
   * The items present in both versions that did not keep their order relative to the others: those
   * outside the longest run of items left in the same order.
   */
  private static <T> Set<String> reordered(List<T> from, List<T> to, Function<T, String> ref) {
    Set<String> common = new HashSet<>(from.stream().map(ref).toList());
    common.retainAll(to.stream().map(ref).toList());
    List<String> a = from.stream().map(ref).filter(common::contains).toList();
    List<String> b = to.stream().map(ref).filter(common::contains).toList();
    Set<String> moved = new HashSet<>();
    for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
      moved.addAll(delta.getTarget().getLines());
    }
    return moved;
  }

  private static <T> Map<String, T> byRef(List<T> items, Function<T, String> ref) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(i -> map.put(ref.apply(i), i));
    return map;
  }

  private static Map<UUID, String> refsOf(Agenda agenda) {
    Map<UUID, String> refs = new LinkedHashMap<>();
    agenda.issues().forEach(i -> refs.put(i.id(), i.ref()));
    return refs;
  }

  private static List<String> refs(List<UUID> ids, Map<UUID, String> refs) {
    return ids.stream().map(refs::get).filter(Objects::nonNull).toList();
  }

  private static List<String> minus(List<String> a, List<String> b) {
    return a.stream().filter(x -> !b.contains(x)).toList();
  }
}
