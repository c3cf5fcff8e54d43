package org.tejido.analysis.qdpx;

import java.util.List;

/**
 * A span of a text source, {@code start} inclusive and {@code end} exclusive, counted in code
 * points of the source's normalised text (whatever convention the file used), with its codings.
 */
public record QdpxSelection(
    String guid, String name, int start, int end, String creatingUser, List<QdpxCoding> codings) {

  public QdpxSelection {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "selection " + guid + " has start " + start + ", end " + end);
    }
    codings = List.copyOf(codings);
  }
}
