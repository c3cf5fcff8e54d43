package org.tejido.analysis.qdpx;

/** One code applied to a selection by one coder ({@code coderGuid} may be null when unknown). */
public record QdpxCoding(String guid, String codeGuid, String coderGuid) {}
