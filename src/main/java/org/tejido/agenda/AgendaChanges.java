package org.tejido.agenda;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.Site;

/**
 * What changed between two versions of an agenda, as the public sees both (silenced issues are in
 * neither): issues and proposals added, removed, reworded (word by word, in both languages), moved
 * to other domains or addressees, reordered, and proposals answering other issues. Items are the
 * same across versions when they have the same reference ({@link AgendaIssue#ref()}), which editing
 * keeps from version to version.
 *
 * @param note what changed and why, as the coordinator wrote it for {@code to}; null when none
 * @param validation how {@code to} was validated with its participants, when it was
 * @param issues changed issues, in the order of {@code to}, then the removed ones
 * @param proposals changed proposals, likewise
 * @param issueTitles the title of every issue of either version by reference (the newer wording
 *     when it is in both), to name the issues a proposal answers
 */
public record AgendaChanges(
    Site site,
    AgendaVersion from,
    AgendaVersion to,
    LocalizedText note,
    Optional<AgendaValidation.Validated> validation,
    List<IssueChange> issues,
    List<ProposalChange> proposals,
    int unchangedIssues,
    int unchangedProposals,
    Map<String, LocalizedText> issueTitles) {

  public enum Kind {
    ADDED,
    REMOVED,
    CHANGED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public boolean nothingChanged() {
    return issues.isEmpty() && proposals.isEmpty();
  }

  public long issuesCounted(Kind kind) {
    return issues.stream().filter(i -> i.kind() == kind).count();
  }

  public long proposalsCounted(Kind kind) {
    return proposals.stream().filter(p -> p.kind() == kind).count();
  }

  public boolean hasNote() {
    return note != null && !note.isEmpty();
  }

  /**
   * An issue that is new, gone, or changed in at least one way.
   *
   * @param before the issue in {@code from}; null when added
   * @param after the issue in {@code to}; null when removed
   * @param reordered it kept its place among neither the issues before nor after it
   */
  public record IssueChange(
      String ref,
      Kind kind,
      AgendaIssue before,
      AgendaIssue after,
      Wording title,
      Wording description,
      List<String> domainsAdded,
      List<String> domainsRemoved,
      boolean reordered) {

    /** The issue as it reads now (or as it read, when removed). */
    public AgendaIssue current() {
      return after != null ? after : before;
    }

    public boolean movedDomains() {
      return !domainsAdded.isEmpty() || !domainsRemoved.isEmpty();
    }
  }

  /**
   * A proposal that is new, gone, or changed in at least one way.
   *
   * @param answers references of the issues it answers now (answered, when removed)
   * @param issuesAdded references of the issues it answers now and did not before
   * @param issuesRemoved references of the issues it no longer answers
   */
  public record ProposalChange(
      String ref,
      Kind kind,
      Proposal before,
      Proposal after,
      Wording text,
      boolean addresseeChanged,
      List<String> answers,
      List<String> issuesAdded,
      List<String> issuesRemoved,
      boolean reordered) {

    public Proposal current() {
      return after != null ? after : before;
    }
  }

  /** A text before and after, as runs of kept, inserted and deleted words, in each language. */
  public record Wording(List<Segment> es, List<Segment> en) {

    public boolean changed() {
      return es.stream().anyMatch(s -> s.op() != Op.KEPT)
          || en.stream().anyMatch(s -> s.op() != Op.KEPT);
    }

    public boolean isEmpty() {
      return es.isEmpty() && en.isEmpty();
    }

    public List<Segment> in(Locale locale) {
      return "en".equals(locale.getLanguage()) && !en.isEmpty() ? en : es;
    }
  }

  public enum Op {
    KEPT,
    INSERTED,
    DELETED
  }

  public record Segment(Op op, String text) {

    public boolean kept() {
      return op == Op.KEPT;
    }

    public boolean inserted() {
      return op == Op.INSERTED;
    }

    public boolean deleted() {
      return op == Op.DELETED;
    }
  }
}
