package org.tejido.participation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tejido.shared.LocalizedText;

/**
 * A draft of the agenda sent back to residents: what they see is copied when the round is made
 * (spoken issues and proposals only, never a silenced issue).
 *
 * @param agendaVersion the number the draft will have once published
 */
public record ValidationRound(
    UUID id, UUID siteId, String title, boolean open, int agendaVersion, List<Item> items) {

  /** An issue or a proposal as residents comment on it. */
  public record Item(String kind, String ref, int position, LocalizedText text) {

    /** The form field of its verdict; the comment's is {@code t.} with the same tail. */
    public String field() {
      return kind + "." + ref;
    }
  }

  public List<Item> issues() {
    return items.stream().filter(i -> i.kind().equals("issue")).toList();
  }

  public List<Item> proposals() {
    return items.stream().filter(i -> i.kind().equals("proposal")).toList();
  }

  public Optional<Item> item(String kind, String ref) {
    return items.stream().filter(i -> i.kind().equals(kind) && i.ref().equals(ref)).findFirst();
  }
}
