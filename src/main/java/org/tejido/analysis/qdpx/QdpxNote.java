package org.tejido.analysis.qdpx;

import java.util.List;

/** A note (memo) with its plain text and the objects that refer to it. */
public record QdpxNote(String guid, String name, String text, List<Target> annotates) {

  public QdpxNote {
    annotates = List.copyOf(annotates);
  }

  /** What a note can be attached to. */
  public enum Kind {
    PROJECT,
    CODE,
    SOURCE,
    SELECTION,
    CODING,
    CASE
  }

  /** One object that refers to the note through a {@code NoteRef}. */
  public record Target(Kind kind, String guid) {}
}
