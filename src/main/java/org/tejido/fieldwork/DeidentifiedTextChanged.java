package org.tejido.fieldwork;

import java.util.List;
import java.util.UUID;

/**
 * Published inside the transaction that stores a source's de-identified text: for every turn, the
 * words positions referred to until now (the previous de-identified text, or the raw words the
 * first time, when an importer placed positions on them) and the words stored. Listeners re-anchor
 * what points into the text (decision 0008). In memory only: never logged, never stored.
 */
public record DeidentifiedTextChanged(UUID siteId, UUID sourceId, List<Turn> turns) {

  public DeidentifiedTextChanged {
    turns = List.copyOf(turns);
  }

  /** One turn, by its position in the source, before and after. */
  public record Turn(int position, String before, String after) {

    @Override
    public String toString() {
      return "Turn[" + position + "]";
    }
  }

  @Override
  public String toString() {
    return "DeidentifiedTextChanged[" + sourceId + ", " + turns.size() + " turns]";
  }
}
