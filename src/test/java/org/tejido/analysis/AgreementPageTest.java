package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.analysis.agreement.CodingComparison;
import org.tejido.analysis.agreement.CodingSpan;
import org.tejido.analysis.agreement.KrippendorffAlpha;
import org.tejido.analysis.agreement.MeasurementLevel;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * The agreement page and its CSV show the figures that {@link CodingComparison} and {@link
 * KrippendorffAlpha} give when run here, independently, on the same spans.
 */
@TejidoTest
class AgreementPageTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired Codebook codebook;
  @Autowired Codings codings;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private String body(MockHttpSession session, String url) throws Exception {
    return mvc.perform(get(url).session(session).header("Accept-Language", "es"))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void theTableMatchesTheComparisonComputedIndependently() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    UUID extorsion = AnalysisFixtures.codeNamed(codebook, f.site(), "Extorsión");
    List<SourceTurn> turns = sources.deidentified(f.site(), f.source());
    String first = turns.get(0).text();
    String second = turns.get(1).text();
    int firstLength = first.codePointCount(0, first.length());
    int secondLength = second.codePointCount(0, second.length());
    int shift = firstLength + 1; // the second turn starts after the first and one separator

    codings.apply(f.site(), f.source(), 2, 0, 9, List.of(robo));
    codings.apply(f.site(), f.source(), 1, 0, 4, List.of(extorsion));
    codings.apply(f.site(), f.source(), null, 2, 6, List.of(extorsion)); // whole-source coding
    Person other = fixtures.withRole(f.site().key(), SiteRole.RESEARCHER);
    fixtures.actAs(other);
    codings.apply(f.site(), f.source(), 2, 4, secondLength, List.of(robo));
    codings.apply(f.site(), f.source(), 1, 1, 5, List.of(extorsion));
    fixtures.actAsNobody();

    String a = f.coordinator().id().value().toString();
    String b = other.id().value().toString();
    String s = f.source().toString();
    List<CodingSpan> spans =
        List.of(
            new CodingSpan(a, s, "robo", shift, shift + 9),
            new CodingSpan(a, s, "extorsion", 0, 4),
            new CodingSpan(a, s, "extorsion", 2, 6),
            new CodingSpan(b, s, "robo", shift + 4, shift + secondLength),
            new CodingSpan(b, s, "extorsion", 1, 5));
    CodingComparison.Report expected =
        CodingComparison.compare(a, b, Map.of(s, shift + secondLength), spans);

    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());
    String base = "/manage/sites/" + f.site().key() + "/analysis/agreement";
    String page = body(session, base + "?a=" + a + "&b=" + b);
    String csv = body(session, base + ".csv?a=" + a + "&b=" + b);

    CodingComparison.Summary roboFigures = expected.byCode().get("robo");
    CodingComparison.Summary extFigures = expected.byCode().get("extorsion");
    CodingComparison.Summary all = expected.overall();
    assertThat(line(csv, "Robo")).endsWith(tail(roboFigures, alpha(roboFigures.pooled())));
    assertThat(line(csv, "Extorsión")).endsWith(tail(extFigures, alpha(extFigures.pooled())));
    assertThat(line(csv, "(total)")).endsWith(tail(all, alpha(all.pooled())));
    assertThat(all.pooled().kappa()).isBetween(-1.0, 0.99); // a case with real disagreement
    assertThat(page)
        .contains(spanish(all.pooled().kappa()))
        .contains(spanish(roboFigures.pooled().kappa()))
        .contains(
            String.format(Locale.ROOT, "%.2f", all.pooled().percentAgreement()).replace('.', ','));
  }

  @Test
  void undefinedCasesSayWhyInsteadOfShowingFigures() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    UUID extorsion = AnalysisFixtures.codeNamed(codebook, f.site(), "Extorsión");
    codings.apply(f.site(), f.source(), 2, 0, 9, List.of(robo));
    Person other = fixtures.withRole(f.site().key(), SiteRole.RESEARCHER);
    fixtures.actAs(other);
    codings.apply(f.site(), f.source(), 2, 0, 9, List.of(robo));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());
    String base = "/manage/sites/" + f.site().key() + "/analysis/agreement";
    String a = f.coordinator().id().value().toString();
    String b = other.id().value().toString();

    assertThat(body(session, base + "?a=" + a + "&b=" + a))
        .contains("Elija dos personas distintas");
    assertThat(body(session, base + "?a=" + a + "&b=" + b + "&codes=" + extorsion))
        .contains("No hay nada que comparar");
    assertThat(
            mvc.perform(get(base + ".csv?a=" + a + "&b=" + a).session(session))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(400);
    // Identical coding: complete agreement, kappa 1.
    assertThat(body(session, base + ".csv?a=" + a + "&b=" + b))
        .contains("100.0000,1.0000,1.0000,1.0000");
  }

  @Test
  void threeCodersGetAlphaOverAllOfThemAndEveryPairsKappa() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    List<SourceTurn> turns = sources.deidentified(f.site(), f.source());
    String first = turns.get(0).text();
    String second = turns.get(1).text();
    int shift = first.codePointCount(0, first.length()) + 1;
    int length = shift + second.codePointCount(0, second.length());
    codings.apply(f.site(), f.source(), 2, 0, 9, List.of(robo));
    Person luis = fixtures.withRole(f.site().key(), SiteRole.RESEARCHER);
    fixtures.actAs(luis);
    codings.apply(f.site(), f.source(), 2, 4, 14, List.of(robo));
    Person eva = fixtures.withRole(f.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(eva);
    codings.apply(f.site(), f.source(), 2, 0, 5, List.of(robo));
    codings.apply(f.site(), f.source(), 1, 0, 3, List.of(robo));
    fixtures.actAsNobody();
    String[] who = {
      f.coordinator().id().value().toString(),
      luis.id().value().toString(),
      eva.id().value().toString()
    };
    int[][][] spans = {
      {{shift, shift + 9}}, {{shift + 4, shift + 14}}, {{shift, shift + 5}, {0, 3}}
    };
    // Independently: each character a unit valued by the three coders.
    List<List<String>> units = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      List<String> values = new ArrayList<>();
      for (int[][] coder : spans) {
        boolean coded = false;
        for (int[] span : coder) {
          coded |= i >= span[0] && i < span[1];
        }
        values.add(coded ? "1" : "0");
      }
      units.add(values);
    }
    double alpha = KrippendorffAlpha.compute(units, MeasurementLevel.NOMINAL).value();
    String s = f.source().toString();
    List<CodingSpan> all = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      for (int[] span : spans[c]) {
        all.add(new CodingSpan(who[c], s, "robo", span[0], span[1]));
      }
    }

    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());
    String page =
        body(
            session,
            "/manage/sites/"
                + f.site().key()
                + "/analysis/agreement?coders="
                + who[0]
                + "&coders="
                + who[1]
                + "&coders="
                + who[2]);

    assertThat(page).contains(spanish(alpha));
    for (int[] pair : new int[][] {{0, 1}, {0, 2}, {1, 2}}) {
      String a = who[pair[0]];
      String b = who[pair[1]];
      double kappa =
          CodingComparison.compare(
                  a,
                  b,
                  Map.of(s, length),
                  all.stream().filter(x -> x.coder().equals(a) || x.coder().equals(b)).toList())
              .byCode()
              .get("robo")
              .pooled()
              .kappa();
      assertThat(page).contains(spanish(kappa));
    }
  }

  @Test
  void choosingSourcesThatFewerThanTwoCodedSaysSo() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo");
    UUID alone =
        sources.add(
            f.site(),
            new org.tejido.fieldwork.NewSource(
                null, "transcript", "Otra", AnalysisFixtures.TEXT, "typed"));
    deidentification.acceptAll(f.site(), alone);
    codings.apply(f.site(), f.source(), 2, 0, 9, List.of(robo));
    codings.apply(f.site(), alone, 2, 0, 9, List.of(robo));
    Person luis = fixtures.withRole(f.site().key(), SiteRole.RESEARCHER);
    fixtures.actAs(luis);
    codings.apply(f.site(), f.source(), 2, 4, 14, List.of(robo));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());
    String base =
        "/manage/sites/"
            + f.site().key()
            + "/analysis/agreement?coders="
            + f.coordinator().id().value()
            + "&coders="
            + luis.id().value();

    assertThat(body(session, base + "&sources=" + alone))
        .contains("Menos de dos de las personas elegidas codificaron estas fuentes");
    assertThat(body(session, base)).doesNotContain("Menos de dos");
    assertThat(body(session, base.substring(0, base.indexOf("&coders="))))
        .contains("Elija dos personas distintas");
  }

  @Test
  void aCommunityResearcherAndAnotherSitesCoordinatorCannotCompare() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    fixtures.actAsNobody();
    Person community = fixtures.withRole(f.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    Person elsewhere = fixtures.withRole(fixtures.freshSite().key(), SiteRole.COORDINATOR);
    for (Person p : List.of(community, elsewhere)) {
      MockHttpSession session = fixtures.signIn(mvc, p);
      assertThat(
              mvc.perform(
                      get("/manage/sites/" + f.site().key() + "/analysis/agreement")
                          .session(session))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .isEqualTo(403);
    }
  }

  private static String spanish(double value) {
    return String.format(Locale.ROOT, "%.4f", value).replace('.', ',');
  }

  /** The figures of a CSV row after the code's two names. */
  private static String tail(CodingComparison.Summary s, Double alpha) {
    CodingComparison.Counts c = s.pooled();
    return String.join(
        ",",
        String.valueOf(c.size()),
        String.valueOf(c.bothCoded()),
        String.valueOf(c.onlyA()),
        String.valueOf(c.onlyB()),
        String.valueOf(c.neitherCoded()),
        String.format(Locale.ROOT, "%.4f", c.percentAgreement()),
        String.format(Locale.ROOT, "%.4f", c.kappa()),
        String.format(Locale.ROOT, "%.4f", s.sizeWeightedMeanKappa()),
        String.format(Locale.ROOT, "%.4f", alpha));
  }

  private static String line(String csv, String name) {
    return csv.lines().filter(l -> l.startsWith(name + ",")).findFirst().orElse("");
  }

  private static double alpha(CodingComparison.Counts c) {
    List<List<String>> units = new ArrayList<>();
    for (long i = 0; i < c.bothCoded(); i++) units.add(List.of("1", "1"));
    for (long i = 0; i < c.onlyA(); i++) units.add(List.of("1", "0"));
    for (long i = 0; i < c.onlyB(); i++) units.add(List.of("0", "1"));
    for (long i = 0; i < c.neitherCoded(); i++) units.add(List.of("0", "0"));
    return KrippendorffAlpha.compute(units, MeasurementLevel.NOMINAL).value();
  }
}
