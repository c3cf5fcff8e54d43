package org.tejido.analysis.qdpx;

import java.util.List;

/**
 * A code of the codebook with its sub-codes. {@code color} ({@code #RRGGBB}) and {@code
 * description} may be null; a code that is not codable is a folder.
 */
public record QdpxCode(
    String guid,
    String name,
    String color,
    String description,
    boolean codable,
    List<QdpxCode> children) {

  public QdpxCode {
    children = List.copyOf(children);
  }
}
