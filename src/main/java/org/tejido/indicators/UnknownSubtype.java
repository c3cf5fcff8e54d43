package org.tejido.indicators;

import java.util.List;

/** A crime subtype that no imported file holds, with the names closest to what was typed. */
public class UnknownSubtype extends RuntimeException {

  private final transient List<String> closest;

  public UnknownSubtype(String typed, List<String> closest) {
    super(
        "No crime subtype '"
            + typed
            + "' in the imported figures."
            + (closest.isEmpty() ? "" : " Closest: " + String.join("; ", closest) + "."));
    this.closest = List.copyOf(closest);
  }

  public List<String> closest() {
    return closest;
  }
}
