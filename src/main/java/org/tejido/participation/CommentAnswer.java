package org.tejido.participation;

import java.util.Optional;

/** The coordinator's decision on a resident's comment. */
public enum CommentAnswer {
  ACCEPTED("accepted"),
  PARTLY("partly"),
  NOT_ACCEPTED("not_accepted");

  private final String code;

  CommentAnswer(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<CommentAnswer> fromCode(String code) {
    for (CommentAnswer a : values()) {
      if (a.code.equals(code)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
