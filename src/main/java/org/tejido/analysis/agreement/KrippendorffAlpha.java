package org.tejido.analysis.agreement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Krippendorff's alpha as defined in K. Krippendorff, "Computing Krippendorff's Alpha-Reliability"
 * (2011): values are paired within each unit into a coincidence matrix {@code o[c][k]} (each unit
 * with {@code m} values contributes its {@code m(m-1)} ordered pairs weighted by {@code 1/(m-1)}),
 * and {@code alpha = 1 - D_o / D_e = 1 - (n-1) * sum(o[c][k] * d2[c][k]) / sum(n_c * n_k *
 * d2[c][k])}, where {@code n_c} are the matrix's margins, {@code n} their sum (the pairable values)
 * and {@code d2} the level's metric:
 *
 * <ul>
 *   <li>nominal: 0 when {@code c = k}, else 1;
 *   <li>ordinal: {@code (sum of n_g for g from c to k - (n_c + n_k)/2)^2}, over the values in
 *       order;
 *   <li>interval: {@code (c - k)^2};
 *   <li>ratio: {@code ((c - k)/(c + k))^2}.
 * </ul>
 *
 * Units with fewer than two values are not pairable and take no part.
 */
public final class KrippendorffAlpha {

  private KrippendorffAlpha() {}

  /**
   * Alpha, its disagreements and what was counted.
   *
   * @param value alpha
   * @param observedDisagreement {@code D_o = (1/n) sum o[c][k] d2[c][k]}
   * @param expectedDisagreement {@code D_e = (1/(n(n-1))) sum n_c n_k d2[c][k]}
   * @param units the units given
   * @param pairableUnits the units with two or more values
   * @param pairableValues {@code n}, the values in those units
   * @param coders the coders (columns) given
   */
  public record Result(
      double value,
      MeasurementLevel level,
      double observedDisagreement,
      double expectedDisagreement,
      int units,
      int pairableUnits,
      int pairableValues,
      int coders) {}

  /**
   * Alpha for reliability data given one list per unit, one entry per coder ({@code null} or blank
   * = missing). For ordinal, interval and ratio, values must be numbers (ordinal ranks them by
   * number); ratio values must not be negative.
   *
   * @throws AgreementException when a value is not a number where one is needed, or fewer than two
   *     coders are given
   * @throws UndefinedAgreementException when no unit has two values, or all pairable values are the
   *     same (no variation: {@code D_e = 0})
   */
  public static Result compute(List<? extends List<String>> units, MeasurementLevel level) {
    int coders = units.stream().mapToInt(List::size).max().orElse(0);
    if (coders < 2) {
      throw new AgreementException(
          "Agreement needs at least two coders; " + coders + " given: nothing can be compared.");
    }
    // Distinct values in order: numerically for the numeric levels, as text for nominal.
    Map<Object, Integer> index = indexValues(units, level);
    List<Object> values = new ArrayList<>(index.keySet());
    int v = values.size();
    double[][] o = new double[v][v];
    int pairableUnits = 0;
    int pairableValues = 0;
    for (List<String> unit : units) {
      int[] counts = new int[v];
      int m = 0;
      for (String raw : unit) {
        Object value = parse(raw, level);
        if (value != null) {
          counts[index.get(value)]++;
          m++;
        }
      }
      if (m < 2) {
        continue;
      }
      pairableUnits++;
      pairableValues += m;
      for (int c = 0; c < v; c++) {
        if (counts[c] == 0) {
          continue;
        }
        for (int k = 0; k < v; k++) {
          int pairs = counts[c] * (counts[k] - (c == k ? 1 : 0));
          o[c][k] += (double) pairs / (m - 1);
        }
      }
    }
    if (pairableValues == 0) {
      throw new UndefinedAgreementException(
          "Alpha is undefined: no unit has values from two or more coders, so nothing can be"
              + " paired.");
    }
    double[] margins = new double[v];
    for (int c = 0; c < v; c++) {
      for (int k = 0; k < v; k++) {
        margins[c] += o[c][k];
      }
    }
    double n = pairableValues;
    double[][] d2 = metric(level, values, margins);
    double observed = 0;
    double expected = 0;
    for (int c = 0; c < v; c++) {
      for (int k = 0; k < v; k++) {
        observed += o[c][k] * d2[c][k];
        expected += margins[c] * margins[k] * d2[c][k];
      }
    }
    if (expected == 0) {
      throw new UndefinedAgreementException(
          "Alpha is undefined: all "
              + pairableValues
              + " pairable values are "
              + (v == 1 ? "the same (" + values.get(0) + ")" : "at no distance from each other")
              + ", so there is no variation against which to measure agreement.");
    }
    double alpha = 1 - (n - 1) * observed / expected;
    return new Result(
        alpha,
        level,
        observed / n,
        expected / (n * (n - 1)),
        units.size(),
        pairableUnits,
        pairableValues,
        coders);
  }

  private static Map<Object, Integer> indexValues(
      List<? extends List<String>> units, MeasurementLevel level) {
    Comparator<Object> order =
        level == MeasurementLevel.NOMINAL
            ? Comparator.comparing(Object::toString)
            : Comparator.comparingDouble(x -> (Double) x);
    TreeMap<Object, Integer> sorted = new TreeMap<>(order);
    for (List<String> unit : units) {
      for (String raw : unit) {
        Object value = parse(raw, level);
        if (value != null) {
          sorted.put(value, 0);
        }
      }
    }
    // In value order, which the ordinal metric needs.
    Map<Object, Integer> index = new LinkedHashMap<>();
    for (Object value : sorted.keySet()) {
      index.put(value, index.size());
    }
    return index;
  }

  /** The value as compared: the stripped text for nominal, a number otherwise; null if missing. */
  static Object parse(String raw, MeasurementLevel level) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String text = raw.strip();
    if (level == MeasurementLevel.NOMINAL) {
      return text;
    }
    double number;
    try {
      number = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new AgreementException(
          "'" + text + "' is not a number: " + level.label() + " data must be numeric.");
    }
    if (!Double.isFinite(number)) {
      throw new AgreementException(
          "'" + text + "' is not a finite number: " + level.label() + " data must be numeric.");
    }
    if (level == MeasurementLevel.RATIO && number < 0) {
      throw new AgreementException(
          "'" + text + "' is negative: ratio data are measured from a true zero.");
    }
    // -0.0 and 0.0 are the same value.
    return number + 0.0;
  }

  private static double[][] metric(MeasurementLevel level, List<Object> values, double[] n) {
    int v = values.size();
    double[][] d2 = new double[v][v];
    for (int c = 0; c < v; c++) {
      for (int k = 0; k < v; k++) {
        d2[c][k] =
            switch (level) {
              case NOMINAL -> c == k ? 0 : 1;
              case ORDINAL -> {
                int low = Math.min(c, k);
                int high = Math.max(c, k);
                double sum = 0;
                for (int g = low; g <= high; g++) {
                  sum += n[g];
                }
                double d = sum - (n[c] + n[k]) / 2;
                yield c == k ? 0 : d * d;
              }
              case INTERVAL -> {
                double d = (Double) values.get(c) - (Double) values.get(k);
                yield d * d;
              }
              case RATIO -> {
                double a = (Double) values.get(c);
                double b = (Double) values.get(k);
                // Two zeros are the same value: no distance (and no 0/0).
                yield a + b == 0 ? 0 : Math.pow((a - b) / (a + b), 2);
              }
            };
      }
    }
    return d2;
  }
}
