package org.tejido.analysis.qdpx;

/** The value of a variable for a case or a source, as written in the file (lexical form). */
public record QdpxVariableValue(String variableGuid, QdpxVariable.Type type, String value) {}
