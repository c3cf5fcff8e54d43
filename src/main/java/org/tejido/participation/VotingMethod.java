package org.tejido.participation;

/**
 * How residents prioritise. Dot voting: each voter places up to N dots, several on one issue if
 * they like; an issue scores its dots. Ranking: each voter ranks up to K issues; an issue ranked
 * r-th scores K − r + 1 points (Borda count over the top K), nothing when unranked.
 */
public enum VotingMethod {
  DOTS("dots"),
  RANKING("ranking");

  private final String code;

  VotingMethod(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Points of one mark: the dots themselves, or K − rank + 1. */
  public int points(int value, int allowance) {
    return this == DOTS ? value : allowance - value + 1;
  }

  public static VotingMethod fromCode(String code) {
    for (VotingMethod m : values()) {
      if (m.code.equals(code)) {
        return m;
      }
    }
    throw new IllegalArgumentException("Unknown voting method " + code);
  }
}
