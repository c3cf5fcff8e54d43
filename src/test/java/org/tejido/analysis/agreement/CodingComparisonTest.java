package org.tejido.analysis.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tejido.analysis.agreement.CodingComparison.Counts;
import org.tejido.analysis.agreement.CodingComparison.Report;
import org.tejido.analysis.agreement.CodingComparison.Row;

class CodingComparisonTest {

  private static final Map<String, Integer> SOURCES = Map.of("entrevista", 1000, "diario", 100);

  /**
   * NVivo's own illustration, with the 150 characters coded by one user only split 100/50: in a
   * source of 1,000 characters, 50 coded by both, 100 by A only, 50 by B only, 800 by neither.
   */
  private static final List<CodingSpan> SPANS =
      List.of(
          // A codes 0-150 as two overlapping spans: they merge, each character counts once.
          new CodingSpan("ana", "entrevista", "extorsión", 0, 100),
          new CodingSpan("ana", "entrevista", "extorsión", 50, 150),
          new CodingSpan("beto", "entrevista", "extorsión", 100, 200),
          new CodingSpan("ana", "diario", "extorsión", 0, 10),
          new CodingSpan("beto", "diario", "extorsión", 0, 10),
          // Only B used this code, on the whole diary.
          new CodingSpan("beto", "diario", "robo", 0, 100),
          // A third coder is not part of this comparison.
          new CodingSpan("carla", "entrevista", "robo", 0, 1000));

  @Test
  void matchesAHandComputedPerCharacterKappa() {
    Report report = CodingComparison.compare("ana", "beto", SOURCES, SPANS);

    Counts row = row(report, "extorsión", "entrevista").counts();
    assertThat(row).isEqualTo(new Counts(50, 100, 50, 800));
    // P_o = (50 + 800) / 1000 = 0.85, NVivo's 85%.
    assertThat(row.percentAgreement()).isCloseTo(85, within(1e-9));
    // A coded 150, B 100: P_e = 0.15 * 0.10 + 0.85 * 0.90 = 0.78;
    // kappa = (0.85 - 0.78) / (1 - 0.78) = 0.07 / 0.22 = 7/22.
    assertThat(row.expectedAgreement()).isCloseTo(0.78, within(1e-12));
    assertThat(row.kappa()).isCloseTo(7.0 / 22, within(1e-12));
  }

  @Test
  void doesNotMultiplyTheChanceTermsAsQualCoderDoes() {
    Counts row =
        row(CodingComparison.compare("ana", "beto", SOURCES, SPANS), "extorsión", "entrevista")
            .counts();

    // QualCoder computes P_e = (a/N)(b/N) * ((N-a)/N)((N-b)/N): 0.015 * 0.765 = 0.011475, which
    // gives kappa 0.848 — close to percent agreement, as if chance explained nothing.
    double qualCoderExpected = (0.15 * 0.10) * (0.85 * 0.90);
    double qualCoderKappa = (0.85 - qualCoderExpected) / (1 - qualCoderExpected);
    assertThat(qualCoderKappa).isCloseTo(0.848, within(0.001));
    assertThat(row.expectedAgreement()).isNotCloseTo(qualCoderExpected, within(0.1));
    assertThat(row.kappa())
        .isCloseTo(0.318, within(0.001))
        .isNotCloseTo(qualCoderKappa, within(0.1));
  }

  @Test
  void givesOneWhenNeitherCodedAndZeroWhenOnlyOneCoderCodedEverything() {
    Report report = CodingComparison.compare("ana", "beto", SOURCES, SPANS);

    // Neither coded "robo" in the interview (P_e = 1): complete agreement, kappa 1, as NVivo shows.
    Counts neither = row(report, "robo", "entrevista").counts();
    assertThat(neither).isEqualTo(new Counts(0, 0, 0, 1000));
    assertThat(neither.kappa()).isEqualTo(1.0);
    assertThat(neither.percentAgreement()).isEqualTo(100.0);
    // B coded the whole diary, A none of it.
    Counts onlyB = row(report, "robo", "diario").counts();
    assertThat(onlyB).isEqualTo(new Counts(0, 0, 100, 0));
    assertThat(onlyB.kappa()).isEqualTo(0.0);
    assertThat(onlyB.percentAgreement()).isEqualTo(0.0);
  }

  @Test
  void reportsEveryCodeOnEverySourceThenPooledFiguresPerCodeAndOverall() {
    Report report = CodingComparison.compare("ana", "beto", SOURCES, SPANS);

    assertThat(report.rows())
        .extracting(r -> r.code() + "@" + r.source())
        .containsExactly(
            "extorsión@diario", "extorsión@entrevista", "robo@diario", "robo@entrevista");

    CodingComparison.Summary extortion = report.byCode().get("extorsión");
    // Summed over both sources: both 60, A only 100, B only 50, neither 890, N = 1100.
    assertThat(extortion.pooled()).isEqualTo(new Counts(60, 100, 50, 890));
    // P_o = 950/1100; A coded 160, B 110: P_e = (160*110 + 940*990) / 1100^2;
    // kappa = (1045000 - 948200) / (1210000 - 948200) = 96800 / 261800.
    assertThat(extortion.pooled().kappa()).isCloseTo(96800.0 / 261800, within(1e-12));
    assertThat(extortion.pooled().percentAgreement()).isCloseTo(100 * 950.0 / 1100, within(1e-9));
    // Mean of the rows' kappas weighted by source size: (1000 * 7/22 + 100 * 1) / 1100.
    assertThat(extortion.sizeWeightedMeanKappa())
        .isCloseTo((1000 * 7.0 / 22 + 100) / 1100, within(1e-12));

    // Overall: all four rows' characters, 2 codes x 1100.
    assertThat(report.overall().pooled()).isEqualTo(new Counts(60, 100, 150, 1890));
  }

  @Test
  void refusesCodingOutsideItsSourceOrInAnUnknownSource() {
    assertThatThrownBy(
            () ->
                CodingComparison.compare(
                    "ana", "beto", SOURCES, List.of(new CodingSpan("ana", "diario", "x", 90, 101))))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("outside source 'diario' of 100 characters");
    assertThatThrownBy(
            () ->
                CodingComparison.compare(
                    "ana", "beto", SOURCES, List.of(new CodingSpan("beto", "otra", "x", 0, 1))))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("not among the sources compared");
    assertThatThrownBy(
            () ->
                CodingComparison.compare(
                    "ana", "beto", SOURCES, List.of(new CodingSpan("ana", "diario", "x", 5, 5))))
        .isInstanceOf(AgreementException.class);
  }

  @Test
  void nothingCodedOrOneCoderTwiceIsACleanError() {
    assertThatThrownBy(() -> CodingComparison.compare("ana", "beto", SOURCES, List.of()))
        .isInstanceOf(UndefinedAgreementException.class)
        .hasMessageContaining("neither 'ana' nor 'beto' coded anything");
    assertThatThrownBy(() -> CodingComparison.compare("ana", "ana", SOURCES, SPANS))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("named twice");
  }

  private static Row row(Report report, String code, String source) {
    return report.rows().stream()
        .filter(r -> r.code().equals(code) && r.source().equals(source))
        .findFirst()
        .orElseThrow();
  }
}
