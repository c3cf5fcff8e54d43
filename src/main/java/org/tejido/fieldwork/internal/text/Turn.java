package org.tejido.fieldwork.internal.text;

import java.util.Objects;

/**
 * One speaker's turn in a transcript.
 *
 * @param speaker the label as written ({@code APA-017}, {@code Facilitadora}), or null for text
 *     with no label (what comes before the first one)
 * @param text what was said, trimmed
 */
public record Turn(String speaker, String text) {

  public Turn {
    Objects.requireNonNull(text, "text");
  }

  /** Keeps testimony out of logs and exception messages: only the speaker and the length. */
  @Override
  public String toString() {
    return "Turn[speaker=" + speaker + ", length=" + text.length() + "]";
  }
}
