package org.tejido.participation;

/**
 * How a published version was validated: the rounds held on the draft that became it, and how many
 * residents took part (each code used and each workshop sheet entered counts once; the same
 * resident in two rounds cannot be recognised, by design, and counts twice).
 */
public record ValidationSummary(int rounds, int participants) {

  public static final ValidationSummary NONE = new ValidationSummary(0, 0);

  public boolean validated() {
    return rounds > 0;
  }
}
