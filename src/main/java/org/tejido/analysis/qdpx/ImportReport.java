package org.tejido.analysis.qdpx;

import java.util.List;

/**
 * What an import could not carry over, and how positions were read (REFI-QDA §7 asks an importer to
 * say what it lost).
 *
 * @param convention the position convention detected
 * @param conventionDecisive false when the texts hold nothing that tells the conventions apart (no
 *     emoji, no CRLF, no byte order mark), so every reading gives the same offsets
 * @param selectionsChecked selections looked at to detect the convention
 * @param onWordBoundaries of those, how many start and end outside a word under {@code convention}
 * @param onWordBoundariesAsCodePoints the same count had the file been read as the standard says
 * @param adjustedSelections selections with an end inside a surrogate pair or a CR LF, widened to
 *     the whole character
 * @param skipped what was not imported, one entry per object
 */
public record ImportReport(
    PositionConvention convention,
    boolean conventionDecisive,
    int selectionsChecked,
    int onWordBoundaries,
    int onWordBoundariesAsCodePoints,
    int adjustedSelections,
    List<Skipped> skipped) {

  public ImportReport {
    skipped = List.copyOf(skipped);
  }

  /**
   * One object not imported.
   *
   * @param kind what it is, such as {@code PDF source} or {@code element Graph}
   * @param guid its GUID, or null
   * @param reason why, in English
   */
  public record Skipped(String kind, String guid, String reason) {}
}
