package org.tejido.analysis.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KrippendorffAlphaTest {

  /**
   * The reliability data of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
   * section C: four observers, twelve units, missing values; one row per unit here.
   */
  static final List<List<String>> PAPER_EXAMPLE =
      units(
          "1 1 * 1", "2 2 3 2", "3 3 3 3", "3 3 3 3", "2 2 2 2", "1 2 3 4", "4 4 4 4", "1 1 2 1",
          "2 2 2 2", "* 5 5 5", "* * 1 1", "* 3 * *");

  /**
   * The computational example of Wikipedia's "Krippendorff's alpha" article: three coders, fifteen
   * units, written there one row per coder; transposed here to one row per unit.
   */
  static final List<List<String>> WIKIPEDIA_EXAMPLE =
      transpose(
          units(
              "* * * * * 3 4 1 2 1 1 3 3 * 3",
              "1 * 2 1 3 3 4 3 * * * * * * *",
              "* * 2 1 3 4 4 * 2 1 1 3 3 * 4"));

  @Test
  void matchesKrippendorffsWorkedExampleAtEveryLevel() {
    assertThat(alpha(PAPER_EXAMPLE, MeasurementLevel.NOMINAL)).isEqualTo("0.743");
    assertThat(alpha(PAPER_EXAMPLE, MeasurementLevel.ORDINAL)).isEqualTo("0.815");
    assertThat(alpha(PAPER_EXAMPLE, MeasurementLevel.INTERVAL)).isEqualTo("0.849");
    assertThat(alpha(PAPER_EXAMPLE, MeasurementLevel.RATIO)).isEqualTo("0.797");
  }

  @Test
  void countsThePairableValuesAsThePaperDoes() {
    KrippendorffAlpha.Result result =
        KrippendorffAlpha.compute(PAPER_EXAMPLE, MeasurementLevel.NOMINAL);

    // Unit 12 has one value only; the other eleven hold n = 40 pairable values.
    assertThat(result.units()).isEqualTo(12);
    assertThat(result.pairableUnits()).isEqualTo(11);
    assertThat(result.pairableValues()).isEqualTo(40);
    assertThat(result.coders()).isEqualTo(4);
    assertThat(result.value())
        .isCloseTo(
            1 - result.observedDisagreement() / result.expectedDisagreement(), within(1e-12));
  }

  @Test
  void matchesWikipediasComputationalExample() {
    assertThat(alpha(WIKIPEDIA_EXAMPLE, MeasurementLevel.NOMINAL)).isEqualTo("0.691");
  }

  @Test
  void matchesThePythonKrippendorffPackagesDocumentedExample() {
    // Its docstring: three coders, units u1 (1, 1, -), u2 (2, 2, 2), u3 (3, 4, 3); interval 0.883.
    assertThat(alpha(units("1 1 *", "2 2 2", "3 4 3"), MeasurementLevel.INTERVAL))
        .isEqualTo("0.883");
  }

  @Test
  void unitsWithASingleValueAreNotPairableAndChangeNothing() {
    List<List<String>> fewer = PAPER_EXAMPLE.subList(0, 11);
    List<List<String>> more = new ArrayList<>(PAPER_EXAMPLE);
    more.add(Arrays.asList("9", null, null, null));
    more.add(Arrays.asList(null, null, null, null));

    for (MeasurementLevel level : MeasurementLevel.values()) {
      double reference = KrippendorffAlpha.compute(PAPER_EXAMPLE, level).value();
      assertThat(KrippendorffAlpha.compute(fewer, level).value()).isEqualTo(reference);
      assertThat(KrippendorffAlpha.compute(more, level).value()).isEqualTo(reference);
    }
  }

  @Test
  void perfectAgreementWithVariationIsOne() {
    assertThat(
            KrippendorffAlpha.compute(units("1 1", "2 2", "3 3 3"), MeasurementLevel.INTERVAL)
                .value())
        .isEqualTo(1.0);
  }

  @Test
  void noVariationIsUndefinedAndSaysSoRatherThanNaN() {
    assertThatThrownBy(
            () ->
                KrippendorffAlpha.compute(units("3 3", "3 3 *", "3 * 3"), MeasurementLevel.NOMINAL))
        .isInstanceOf(UndefinedAgreementException.class)
        .hasMessageContaining("undefined")
        .hasMessageContaining("the same (3)")
        .hasMessageContaining("no variation");
  }

  @Test
  void allMissingIsUndefined() {
    assertThatThrownBy(
            () -> KrippendorffAlpha.compute(units("* *", "* *"), MeasurementLevel.ORDINAL))
        .isInstanceOf(UndefinedAgreementException.class)
        .hasMessageContaining("nothing can be paired");
  }

  @Test
  void noUnitCodedTwiceIsUndefined() {
    assertThatThrownBy(
            () -> KrippendorffAlpha.compute(units("1 *", "* 2", "3 *"), MeasurementLevel.NOMINAL))
        .isInstanceOf(UndefinedAgreementException.class)
        .hasMessageContaining("no unit has values from two or more coders");
  }

  @Test
  void oneCoderIsRefused() {
    assertThatThrownBy(() -> KrippendorffAlpha.compute(units("1", "2"), MeasurementLevel.NOMINAL))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("at least two coders; 1 given");
  }

  @Test
  void numericLevelsRefuseTextAndRatioRefusesNegatives() {
    assertThatThrownBy(
            () -> KrippendorffAlpha.compute(units("1 alto", "2 2"), MeasurementLevel.INTERVAL))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("'alto' is not a number");
    assertThatThrownBy(
            () -> KrippendorffAlpha.compute(units("1 -2", "2 2"), MeasurementLevel.RATIO))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("negative");
    // Nominal labels need not be numbers.
    assertThat(
            KrippendorffAlpha.compute(
                    units("alto bajo", "bajo bajo", "alto alto"), MeasurementLevel.NOMINAL)
                .value())
        .isCloseTo(1 - (6 - 1) * 2.0 / (3 * 3 * 2), within(1e-12));
  }

  private static String alpha(List<List<String>> units, MeasurementLevel level) {
    return AgreementCommand.format(KrippendorffAlpha.compute(units, level).value());
  }

  /** Rows of space-separated values, {@code *} = missing. */
  static List<List<String>> units(String... rows) {
    List<List<String>> units = new ArrayList<>();
    for (String row : rows) {
      units.add(Arrays.stream(row.split(" ")).map(v -> v.equals("*") ? null : v).toList());
    }
    return units;
  }

  static List<List<String>> transpose(List<List<String>> rows) {
    List<List<String>> columns = new ArrayList<>();
    for (int i = 0; i < rows.get(0).size(); i++) {
      List<String> column = new ArrayList<>();
      for (List<String> row : rows) {
        column.add(row.get(i));
      }
      columns.add(column);
    }
    return columns;
  }
}
