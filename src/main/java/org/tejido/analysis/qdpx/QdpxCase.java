package org.tejido.analysis.qdpx;

import java.util.List;

/** A case (in Tejido, usually a participant) with its variable values and what it groups. */
public record QdpxCase(
    String guid,
    String name,
    String description,
    List<QdpxVariableValue> values,
    List<String> codeGuids,
    List<String> sourceGuids,
    List<String> selectionGuids) {

  public QdpxCase {
    values = List.copyOf(values);
    codeGuids = List.copyOf(codeGuids);
    sourceGuids = List.copyOf(sourceGuids);
    selectionGuids = List.copyOf(selectionGuids);
  }
}
