package org.tejido.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.indicators.CrimeIndicators.Measure;
import org.tejido.shared.cli.CommandLineEntry;
import org.tejido.support.TejidoTest;

/**
 * The real, full files of the crime-mx corpus, read from {@code ../shared/corpus/crime-mx} (or
 * {@code ../../shared/corpus/crime-mx}, or the directory in {@code -Dtejido.corpus=}) beside the
 * project; skipped, saying so, where the corpus is not there.
 */
@TejidoTest
class CrimeCorpusTest {

  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static Path corpus;

  @Autowired IndicatorImports imports;
  @Autowired CrimeIndicators indicators;
  @Autowired CommandLineEntry commandLine;

  @BeforeAll
  static void findCorpus() {
    Optional<Path> found =
        Stream.of(
                System.getProperty("tejido.corpus", ""),
                "../shared/corpus/crime-mx",
                "../../shared/corpus/crime-mx")
            .filter(p -> !p.isEmpty())
            .map(Path::of)
            .filter(p -> Files.isRegularFile(p.resolve("sesnsp_estatal_delitos_2015_2024.csv")))
            .findFirst();
    assumeTrue(
        found.isPresent(),
        "The crime-mx corpus is not beside the project (../shared/corpus/crime-mx):"
            + " the full-file tests are skipped; the excerpts in IndicatorImportsTest still run.");
    corpus = found.get();
  }

  private static long dataLines(String file) throws IOException {
    try (Stream<String> lines = Files.lines(corpus.resolve(file), StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> !l.isBlank()).count() - 1;
    }
  }

  @Test
  void everyRealCrimeFileLoadsWithItsExactRowCount() throws Exception {
    Map<String, Long> expected =
        Map.of(
            "sesnsp_estatal_delitos_2015_2024.csv", 31_360L,
            "sesnsp_rnid_estatal_delitos_2026_ene-mar.csv", 3_648L,
            "sesnsp_municipal_guanajuato_homicidio_2020_2025_subset.csv", 2_484L,
            "sesnsp_rnid_victimas_municipal_2026_feb_excerpt.csv", 80L);
    for (Map.Entry<String, Long> file : expected.entrySet()) {
      assertThat(dataLines(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
      ImportSummary done = imports.load(corpus.resolve(file.getKey()), null);
      assertThat(done.rowsRead()).as(file.getKey()).isEqualTo(file.getValue());
      assertThat(done.rowsLoaded()).as(file.getKey()).isEqualTo(file.getValue());
    }
  }

  @Test
  void nationalYearlyTotalsEqualAnIndependentSumOfTheRawFile() throws Exception {
    imports.load(corpus.resolve("sesnsp_estatal_delitos_2015_2024.csv"), null);
    List<List<String>> raw =
        RawCsv.rows(corpus.resolve("sesnsp_estatal_delitos_2015_2024.csv"), CP1252);

    for (String subtype : List.of("Homicidio doloso", "Feminicidio", "Secuestro")) {
      for (int year = 2015; year <= 2024; year++) {
        long expected = RawCsv.sum(raw, 5, subtype, Integer.toString(year), 0, r -> true);
        assertThat(indicators.year(new Place.National(), subtype, year, Measure.CRIMES).count())
            .as(subtype + " " + year)
            .isEqualTo(expected);
      }
    }
    // and the figures the corpus notes give
    assertThat(national("Homicidio doloso", 2015)).isEqualTo(16_119);
    assertThat(national("Homicidio doloso", 2018)).isEqualTo(29_096);
    assertThat(national("Homicidio doloso", 2019)).isEqualTo(29_500);
    assertThat(national("Homicidio doloso", 2024)).isEqualTo(23_581);
    assertThat(
            indicators
                .year(new Place.National(), "Homicidio doloso", 2024, Measure.CRIMES)
                .monthsReported())
        .isEqualTo(11);
  }

  @Test
  void populationFilesLoadEveryMunicipality() throws Exception {
    ImportSummary total =
        imports.load(corpus.resolve("conapo_poblacion_municipal_1990_2040_total.csv"), null);
    assertThat(total.rowsRead()).isEqualTo(2_475);
    assertThat(total.rowsLoaded()).isEqualTo(2_475 * 51);
    ImportSummary women =
        imports.load(corpus.resolve("conapo_poblacion_municipal_1990_2040_mujeres.csv"), null);
    assertThat(women.kind()).contains("women");
    ImportSummary census =
        imports.load(corpus.resolve("inegi_censo2020_poblacion_municipal_sexo.csv"), null);
    assertThat(census.rowsRead()).isEqualTo(2_469);
  }

  @Test
  void filesThatAreNotOfficialFiguresAreRefusedNamingTheirColumns() {
    assertThatThrownBy(
            () ->
                imports.load(
                    corpus.resolve("derived_homicidios_4municipios_2024_2025_excerpt.csv"), null))
        .isInstanceOf(ImportRefused.class)
        .hasMessageContaining("'Feminicidio'")
        .hasMessageContaining("'Periodo'");
    assertThatThrownBy(
            () ->
                imports.load(
                    corpus.resolve("inegi_marco_geoestadistico_2024_municipios.csv"), null))
        .isInstanceOf(ImportRefused.class)
        .hasMessageContaining("Áreas Geoestadísticas Municipales");
  }

  @Test
  void theCommandLineImportsAndQueriesWithARate() throws Exception {
    String imported =
        run(
            "indicators",
            "import",
            corpus.resolve("sesnsp_estatal_delitos_2015_2024.csv").toString());
    assertThat(imported)
        .contains("SESNSP state crimes (windows-1252, catalogue idm2015)")
        .contains("31360 rows read, 31360 rows loaded");
    run(
        "indicators",
        "import",
        corpus.resolve("conapo_poblacion_municipal_1990_2040_total.csv").toString());

    String answer =
        run("indicators", "query", "--national", "--subtype", "homicidio doloso", "--year", "2018");
    assertThat(answer)
        .contains("count: 29096 crimes (12 of 12 months reported)")
        .contains("rate: ");
    assertThat(
            run(
                "indicators",
                "query",
                "--state",
                "016",
                "--subtype",
                "Homicidio doloso",
                "--month",
                "2024-12"))
        .contains("count: missing");
  }

  @Test
  void aShortNameListsTheSubtypesThatContainItFirst() throws Exception {
    imports.load(corpus.resolve("sesnsp_estatal_delitos_2015_2024.csv"), null);

    assertThatThrownBy(() -> indicators.subtype("robo", Measure.CRIMES))
        .isInstanceOfSatisfying(
            UnknownSubtype.class,
            e ->
                assertThat(e.closest())
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(name.toLowerCase()).contains("robo")));
    assertThat(indicators.subtype("VIOLENCIA FAMILIAR", Measure.CRIMES))
        .isEqualTo("Violencia familiar");
  }

  private long national(String subtype, int year) {
    return indicators.year(new Place.National(), subtype, year, Measure.CRIMES).count();
  }

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(commandLine.execute(args)).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
