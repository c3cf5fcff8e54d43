package org.tejido.analysis.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohenKappaTest {

  @Test
  void matchesAHandComputedTwoByTwoTable() {
    // 50 units: both "sí" 20, A "sí" B "no" 5, A "no" B "sí" 10, both "no" 15.
    // P_o = 35/50 = 0.7; A says "sí" 25/50, B 30/50: P_e = 0.5*0.6 + 0.5*0.4 = 0.5;
    // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    add(a, b, 20, "sí", "sí");
    add(a, b, 5, "sí", "no");
    add(a, b, 10, "no", "sí");
    add(a, b, 15, "no", "no");

    CohenKappa.Result kappa = CohenKappa.nominal(a, b);

    assertThat(kappa.value()).isCloseTo(0.4, within(1e-12));
    assertThat(kappa.observedAgreement()).isCloseTo(0.7, within(1e-12));
    assertThat(kappa.expectedAgreement()).isCloseTo(0.5, within(1e-12));
    assertThat(kappa.percentAgreement()).isCloseTo(70, within(1e-9));
    assertThat(kappa.units()).isEqualTo(50);
    assertThat(kappa.skipped()).isZero();
  }

  @Test
  void leavesOutUnitsThatEitherCoderLeftEmptyAndCountsThem() {
    CohenKappa.Result kappa =
        CohenKappa.nominal(
            Arrays.asList("a", "b", null, "a", "b"), Arrays.asList("a", "b", "a", "", "a"));

    // Compared: (a,a) (b,b) (b,a): P_o = 2/3; A: a 1/3, b 2/3; B: a 2/3, b 1/3;
    // P_e = 2/9 + 2/9 = 4/9; kappa = (2/3 - 4/9) / (5/9) = 2/5.
    assertThat(kappa.units()).isEqualTo(3);
    assertThat(kappa.skipped()).isEqualTo(2);
    assertThat(kappa.value()).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void chanceAgreementOfOneIsUndefinedAndSaysWhy() {
    assertThatThrownBy(() -> CohenKappa.nominal(List.of("x", "x", "x"), List.of("x", "x", "x")))
        .isInstanceOf(UndefinedAgreementException.class)
        .hasMessageContaining("same value (x)")
        .hasMessageContaining("agreement by chance is 1");
  }

  @Test
  void nothingComparableIsUndefined() {
    assertThatThrownBy(() -> CohenKappa.nominal(Arrays.asList("x", null), Arrays.asList(null, "y")))
        .isInstanceOf(UndefinedAgreementException.class)
        .hasMessageContaining("no unit has a value from both coders");
  }

  private static void add(List<String> a, List<String> b, int times, String va, String vb) {
    a.addAll(Collections.nCopies(times, va));
    b.addAll(Collections.nCopies(times, vb));
  }
}
