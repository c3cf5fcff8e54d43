package org.tejido.participation;

import java.util.Optional;

/** The kinds of event the engagement log records. */
public enum EngagementKind {
  AUTHORITIES("authorities"),
  DISSEMINATION("dissemination"),
  WORKSHOP("workshop"),
  MEDIA("media"),
  OTHER("other");

  private final String code;

  EngagementKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public String messageKey() {
    return "engagement.kind." + code;
  }

  public static Optional<EngagementKind> fromCode(String code) {
    for (EngagementKind k : values()) {
      if (k.code.equals(code)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
