package org.tejido.participation;

import java.util.Optional;

/** What a resident says of an issue or a proposal of a draft. */
public enum Verdict {
  AGREE("agree"),
  CHANGE("change"),
  REMOVE("remove");

  private final String code;

  Verdict(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<Verdict> fromCode(String code) {
    for (Verdict v : values()) {
      if (v.code.equals(code)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
