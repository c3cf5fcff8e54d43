package org.tejido.analysis.agreement;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cohen's kappa for two coders who each put every unit in one nominal category: {@code kappa = (P_o
 * - P_e) / (1 - P_e)}, where {@code P_o} is the share of units on which they agree and {@code P_e =
 * sum over categories of p_A(c) * p_B(c)}, from each coder's own marginal shares. Units that either
 * coder left empty are left out (and counted).
 */
public final class CohenKappa {

  private CohenKappa() {}

  /**
   * Kappa and what it rests on.
   *
   * @param value kappa
   * @param observedAgreement {@code P_o}, the share of compared units on which the coders agree
   * @param expectedAgreement {@code P_e}, the agreement expected by chance
   * @param units the units compared (both coders gave a value)
   * @param skipped the units left out because a coder gave no value
   */
  public record Result(
      double value, double observedAgreement, double expectedAgreement, int units, int skipped) {

    /** {@code P_o} as a percentage. */
    public double percentAgreement() {
      return 100 * observedAgreement;
    }
  }

  /**
   * Kappa of two coders' values, unit by unit ({@code null} or blank = missing).
   *
   * @throws AgreementException when the lists differ in length
   * @throws UndefinedAgreementException when no unit has both values, or chance agreement is 1
   *     (both coders used one and the same category throughout)
   */
  public static Result nominal(List<String> coderA, List<String> coderB) {
    if (coderA.size() != coderB.size()) {
      throw new AgreementException(
          "The two coders rated different numbers of units: "
              + coderA.size()
              + " and "
              + coderB.size()
              + ".");
    }
    Map<String, int[]> marginals = new TreeMap<>();
    int units = 0;
    int agreed = 0;
    for (int i = 0; i < coderA.size(); i++) {
      String a = coderA.get(i);
      String b = coderB.get(i);
      if (a == null || a.isBlank() || b == null || b.isBlank()) {
        continue;
      }
      a = a.strip();
      b = b.strip();
      units++;
      if (a.equals(b)) {
        agreed++;
      }
      marginals.computeIfAbsent(a, x -> new int[2])[0]++;
      marginals.computeIfAbsent(b, x -> new int[2])[1]++;
    }
    int skipped = coderA.size() - units;
    if (units == 0) {
      throw new UndefinedAgreementException(
          "Kappa is undefined: no unit has a value from both coders.");
    }
    double observed = (double) agreed / units;
    double expected = 0;
    for (int[] m : marginals.values()) {
      expected += ((double) m[0] / units) * ((double) m[1] / units);
    }
    if (expected >= 1) {
      throw new UndefinedAgreementException(
          "Kappa is undefined: both coders gave every unit the same value ("
              + marginals.keySet().iterator().next()
              + "), so agreement by chance is 1.");
    }
    return new Result(kappa(observed, expected), observed, expected, units, skipped);
  }

  static double kappa(double observed, double expected) {
    return (observed - expected) / (1 - expected);
  }
}
