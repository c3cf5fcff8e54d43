package org.tejido.analysis.qdpx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A REFI-QDA project held in memory, immutable. Only text sources are kept; what else the file held
 * is listed in {@link #report()}.
 *
 * @param name the project's name
 * @param origin the program that wrote it, or null
 * @param codes the codebook's top-level codes
 * @param notes notes (memos), each with what it annotates
 */
public record QdpxProject(
    String name,
    String origin,
    List<QdpxUser> users,
    List<QdpxCode> codes,
    List<QdpxVariable> variables,
    List<QdpxCase> cases,
    List<QdpxSource> sources,
    List<QdpxNote> notes,
    ImportReport report) {

  public QdpxProject {
    users = List.copyOf(users);
    codes = List.copyOf(codes);
    variables = List.copyOf(variables);
    cases = List.copyOf(cases);
    sources = List.copyOf(sources);
    notes = List.copyOf(notes);
  }

  /** Every code of the tree, parents before their children. */
  public List<QdpxCode> allCodes() {
    List<QdpxCode> all = new ArrayList<>();
    addAll(codes, all);
    return all;
  }

  private static void addAll(List<QdpxCode> codes, List<QdpxCode> into) {
    for (QdpxCode code : codes) {
      into.add(code);
      addAll(code.children(), into);
    }
  }

  public int selectionCount() {
    return sources.stream().mapToInt(s -> s.selections().size()).sum();
  }

  public int codingCount() {
    return sources.stream()
        .flatMap(s -> s.selections().stream())
        .mapToInt(s -> s.codings().size())
        .sum();
  }

  /**
   * What {@code qdpx import --dry-run} prints: one line per kind ({@code codes: 152}, {@code
   * sources: 2}, {@code selections: 303}, {@code codings: 303}, {@code notes: 0}), then one line
   * per kind of thing skipped with the reason, then how positions were read. English, stable.
   */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add("codes: " + allCodes().size());
    lines.add("sources: " + sources.size());
    lines.add("selections: " + selectionCount());
    lines.add("codings: " + codingCount());
    lines.add("notes: " + notes.size());
    Map<String, Integer> skipped = new LinkedHashMap<>();
    for (ImportReport.Skipped s : report.skipped()) {
      skipped.merge(s.kind() + " \u2014 " + s.reason(), 1, Integer::sum);
    }
    skipped.forEach((what, count) -> lines.add("skipped: " + count + " \u00d7 " + what));
    if (report.selectionsChecked() > 0) {
      lines.add(
          "positions: "
              + report.convention().describe()
              + (report.conventionDecisive()
                  ? " (detected: "
                      + report.onWordBoundaries()
                      + " of "
                      + report.selectionsChecked()
                      + " selections on word boundaries, "
                      + report.onWordBoundariesAsCodePoints()
                      + " if read as code points)"
                  : " (the texts cannot tell the conventions apart)"));
    }
    if (report.adjustedSelections() > 0) {
      lines.add(
          "adjusted "
              + report.adjustedSelections()
              + " selections that cut a character in two: widened to the whole character");
    }
    return List.copyOf(lines);
  }
}
