package org.tejido.analysis.qdpx;

/** A REFI-QDA user: in Tejido, a coder. {@code name} and {@code id} may be null. */
public record QdpxUser(String guid, String name, String id) {}
