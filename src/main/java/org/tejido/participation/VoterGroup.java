package org.tejido.participation;

import java.util.Optional;

/**
 * The population group a voter says they belong to: the resident groups of fieldwork's vocabulary
 * ({@code fieldwork.Vocabulary.POPULATION_GROUPS}, same codes and names; associations vote through
 * their members) and "prefer not to say".
 */
public enum VoterGroup {
  WOMEN("women"),
  YOUTH("youth"),
  ELDERLY("elderly"),
  ADULT_MEN("adult_men"),
  NOT_STATED("not_stated");

  private final String code;

  VoterGroup(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The message key of the group's name. */
  public String messageKey() {
    return this == NOT_STATED ? "participation.group.not_stated" : "fieldwork.group." + code;
  }

  public static Optional<VoterGroup> fromCode(String code) {
    for (VoterGroup g : values()) {
      if (g.code.equals(code)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }
}
