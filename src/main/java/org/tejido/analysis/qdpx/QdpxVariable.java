package org.tejido.analysis.qdpx;

/** A case or source attribute, such as a population group or an age band. */
public record QdpxVariable(String guid, String name, Type type, String description) {

  /** REFI-QDA {@code typeOfVariable}; the element holding a value is {@code <Type>Value}. */
  public enum Type {
    Text,
    Boolean,
    Integer,
    Float,
    Date,
    DateTime
  }
}
