package org.tejido.analysis;

import java.time.Instant;
import java.util.UUID;

/** A note by a member of staff on a code, a source or a coding; its text is sealed at rest. */
public record Memo(
    UUID id, MemoTarget target, UUID targetId, UUID authorId, String text, Instant createdAt) {

  /** What a memo is about. */
  public enum MemoTarget {
    CODE("code"),
    SOURCE("source"),
    CODING("coding");

    private final String code;

    MemoTarget(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static MemoTarget fromCode(String code) {
      for (MemoTarget t : values()) {
        if (t.code.equals(code)) {
          return t;
        }
      }
      throw new IllegalArgumentException("Unknown memo target " + code);
    }
  }
}
