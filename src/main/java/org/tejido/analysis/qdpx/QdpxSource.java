package org.tejido.analysis.qdpx;

import java.util.List;

/**
 * A text source: its plain text normalised (no byte order mark, line ends as LF) and its
 * selections, whose positions are code points of that text.
 */
public record QdpxSource(
    String guid,
    String name,
    String text,
    List<QdpxSelection> selections,
    List<QdpxVariableValue> values) {

  public QdpxSource {
    selections = List.copyOf(selections);
    values = List.copyOf(values);
    int length = text.codePointCount(0, text.length());
    for (QdpxSelection s : selections) {
      if (s.end() > length) {
        throw new IllegalArgumentException("selection " + s.guid() + " ends after the text");
      }
    }
  }

  /** The text a selection covers. */
  public String excerpt(QdpxSelection selection) {
    int from = text.offsetByCodePoints(0, selection.start());
    int to = text.offsetByCodePoints(from, selection.end() - selection.start());
    return text.substring(from, to);
  }
}
