package org.tejido.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.indicators.CrimeIndicators.Measure;
import org.tejido.shared.cli.CommandLineEntry;
import org.tejido.support.TejidoTest;

/**
 * Loading official files as they are published, and what the queries then answer. Excerpts of the
 * real files live in {@code src/test/resources/indicators/}; {@code synthetic_*} files are made up
 * to show one rule each.
 */
@TejidoTest
class IndicatorImportsTest {

  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final Path RESOURCES = Path.of("src/test/resources/indicators");

  @Autowired IndicatorImports imports;
  @Autowired CrimeIndicators indicators;
  @Autowired JdbcClient jdbc;
  @Autowired CommandLineEntry commandLine;

  private ImportSummary load(String name) throws Exception {
    return imports.load(RESOURCES.resolve(name), null);
  }

  @Test
  void loadsAWindows1252StateFileWithCrlfAndKeepsTheBlankDecemberMissing() throws Exception {
    ImportSummary done = load("sesnsp_estatal_excerpt.csv");

    assertThat(done.kind()).isEqualTo("SESNSP state crimes");
    assertThat(done.encoding()).isEqualTo("windows-1252");
    assertThat(done.catalogues()).containsExactly("idm2015");
    assertThat(done.rowsRead()).isEqualTo(80);
    assertThat(done.rowsLoaded()).isEqualTo(80);

    List<List<String>> raw = RawCsv.rows(RESOURCES.resolve("sesnsp_estatal_excerpt.csv"), CP1252);
    long expected = RawCsv.sum(raw, 5, "Homicidio doloso", "2024", 0, r -> r.get(1).equals("16"));
    Indicator year = indicators.year(new Place.State(16), "Homicidio doloso", 2024, Measure.CRIMES);
    assertThat(year.count()).isEqualTo(expected).isPositive();
    assertThat(year.monthsReported()).as("December 2024 is blank in the file").isEqualTo(11);
    assertThat(
            indicators
                .month(
                    Place.State.parse("016"),
                    "Homicidio doloso",
                    YearMonth.of(2024, 12),
                    Measure.CRIMES)
                .count())
        .isNull();
    assertThat(
            jdbc.sql("select state_name from crime_count where state = 16 limit 1")
                .query(String.class)
                .single())
        .isEqualTo("Michoacán de Ocampo");
  }

  @Test
  void loadsAUtf8MunicipalFileWithFloatCountsPaddingTheCodes() throws Exception {
    ImportSummary done = load("sesnsp_municipal_guanajuato_excerpt.csv");

    assertThat(done.kind()).isEqualTo("SESNSP municipal crimes");
    assertThat(done.encoding()).isEqualTo("UTF-8");
    assertThat(done.rowsLoaded()).isEqualTo(54);
    List<List<String>> raw =
        RawCsv.rows(
            RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"), StandardCharsets.UTF_8);
    long expected = RawCsv.sum(raw, 7, "Homicidio doloso", "2020", 0, r -> true);
    Indicator leon =
        indicators.year(new Place.Municipality("11020"), "homicidio DOLOSO", 2020, Measure.CRIMES);
    assertThat(leon.count()).isEqualTo(expected).isPositive();
    assertThat(leon.monthsReported()).isEqualTo(12);
    assertThat(leon.subtype()).isEqualTo("Homicidio doloso");
    assertThat(
            indicators
                .month(
                    new Place.Municipality("11020"),
                    "Homicidio doloso",
                    YearMonth.of(2025, 12),
                    Measure.CRIMES)
                .count())
        .as("blank after the cut-off")
        .isNull();
  }

  @Test
  void aStateWithoutAStateFileForTheYearIsTheSumOfItsMunicipalities() throws Exception {
    load("sesnsp_municipal_guanajuato_excerpt.csv");
    // 2021 has state files for Baja California and Michoacán but (here) not for Guanajuato
    load("sesnsp_estatal_excerpt.csv");
    jdbc.sql(
            "delete from crime_figure where series in"
                + " (select id from crime_series where level = 'state' and state = 11)")
        .update();

    long municipal =
        jdbc.sql(
                "select sum(m) from crime_count, unnest(months) m where level = 'municipal'"
                    + " and state = 11 and year = 2021 and subtype_key = 'homicidio doloso'")
            .query(Long.class)
            .single();
    assertThat(
            indicators.year(new Place.State(11), "Homicidio doloso", 2021, Measure.CRIMES).count())
        .isEqualTo(municipal)
        .isPositive();
    List<List<String>> raw = RawCsv.rows(RESOURCES.resolve("sesnsp_estatal_excerpt.csv"), CP1252);
    assertThat(
            indicators.year(new Place.State(16), "Homicidio doloso", 2024, Measure.CRIMES).count())
        .as("Michoacán from its state file")
        .isEqualTo(RawCsv.sum(raw, 5, "Homicidio doloso", "2024", 0, r -> r.get(1).equals("16")));
  }

  @Test
  void aByteOrderMarkIsReadAsUtf8AndNotAsPartOfTheFirstColumn() throws Exception {
    byte[] plain = Files.readAllBytes(RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"));
    byte[] withBom = new byte[plain.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, withBom, 3, plain.length);

    ImportSummary done = imports.load(new ByteArrayInputStream(withBom), "bom.csv", null);

    assertThat(done.encoding()).isEqualTo("UTF-8");
    assertThat(done.rowsLoaded()).isEqualTo(54);
  }

  @Test
  void loadsTheRnidCatalogueWithZeroPaddedStateCodes() throws Exception {
    ImportSummary done = load("sesnsp_rnid_estatal_excerpt.csv");

    assertThat(done.catalogues()).containsExactly("rnid2026");
    assertThat(done.rowsLoaded()).isEqualTo(4);
    List<List<String>> raw =
        RawCsv.rows(RESOURCES.resolve("sesnsp_rnid_estatal_excerpt.csv"), CP1252);
    long march = RawCsv.sum(raw, 5, "Homicidio doloso", "2026", 3, r -> true);
    assertThat(
            indicators
                .month(
                    Place.State.parse("16"),
                    "Homicidio doloso",
                    YearMonth.of(2026, 3),
                    Measure.CRIMES)
                .count())
        .isEqualTo(march);
    Indicator year = indicators.year(new Place.State(16), "Homicidio doloso", 2026, Measure.CRIMES);
    assertThat(year.monthsReported()).isEqualTo(3);
  }

  @Test
  void loadsMunicipalVictimsWithSexAndAgeRange() throws Exception {
    ImportSummary done = load("sesnsp_rnid_victimas_municipal_2026_feb_excerpt.csv");

    assertThat(done.kind()).isEqualTo("SESNSP municipal victims");
    assertThat(done.rowsLoaded()).isEqualTo(80);
    Indicator tijuana =
        indicators.year(new Place.Municipality("02004"), "Homicidio doloso", 2026, Measure.VICTIMS);
    assertThat(tijuana.count()).as("159 victims in January and February").isEqualTo(159);
    assertThat(tijuana.monthsReported()).isEqualTo(2);
    assertThat(
            jdbc.sql("select count(*) from crime_count where municipality = '01001'")
                .query(Long.class)
                .single())
        .as("'1001' padded to five digits")
        .isPositive();
  }

  @Test
  void refusesAFileWithUnknownColumnsNamingThem() {
    String derived =
        "\"Entidad\",\"Municipio\",\"Feminicidio\",\"Homicidio doloso\",\"Año\",\"Mes\"\n"
            + "\"Baja California\",\"Tijuana\",\"0.0\",\"141.0\",\"2024\",\"Enero\"\n";

    assertThatThrownBy(
            () ->
                imports.load(
                    new ByteArrayInputStream(derived.getBytes(StandardCharsets.UTF_8)),
                    "derived.csv",
                    null))
        .isInstanceOf(ImportRefused.class)
        .hasMessageContaining("unknown column(s) 'Feminicidio', 'Homicidio doloso', 'Mes'");
  }

  @Test
  void refusesACountThatIsNotAWholeNumberSayingWhere() throws Exception {
    String file =
        Files.readString(RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"))
            .replaceFirst(",0\\.0\n", ",0.5\n");

    assertThatThrownBy(
            () ->
                imports.load(
                    new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "x.csv", null))
        .isInstanceOf(ImportRefused.class)
        .hasMessageContaining("'0.5' is not a whole number");
  }

  @Test
  void aLoadReplacesWhatItCoversAndKeepsTheBookOfSeriesExact() throws Exception {
    // Other tests here load other files, and some delete figures behind the import's back.
    jdbc.sql("truncate crime_figure, crime_series").update();
    load("sesnsp_municipal_guanajuato_excerpt.csv");
    String whole = fingerprint();
    assertThat(indicators.latestReportedMonth()).contains(YearMonth.of(2025, 11));
    assertThat(seriesBook()).isEqualTo("9 series, 54 figures, none orphaned");

    // The same file republished for 2025 alone, November not yet out (December never was).
    List<String> lines =
        Files.readAllLines(RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"));
    StringBuilder only2025 = new StringBuilder(lines.get(0)).append('\n');
    lines.stream()
        .filter(l -> l.startsWith("2025,"))
        .map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1)) + ",,")
        .forEach(l -> only2025.append(l).append('\n'));
    imports.load(
        new ByteArrayInputStream(only2025.toString().getBytes(StandardCharsets.UTF_8)),
        "2025.csv",
        null);
    // 2020–2024 keep their series; 2025 is the new file's, nine more series
    assertThat(seriesBook()).isEqualTo("18 series, 54 figures, none orphaned");
    assertThat(indicators.latestReportedMonth()).contains(YearMonth.of(2025, 10));
    assertThat(
            jdbc.sql("select count(*) from crime_count where year = 2025 and months[11] is null")
                .query(Long.class)
                .single())
        .isEqualTo(9);

    // The whole history again: every earlier series goes, and the figures are the first load's.
    load("sesnsp_municipal_guanajuato_excerpt.csv");
    assertThat(seriesBook()).isEqualTo("9 series, 54 figures, none orphaned");
    assertThat(fingerprint()).isEqualTo(whole);
    assertThat(indicators.latestReportedMonth()).contains(YearMonth.of(2025, 11));
  }

  /** How many series and figures there are, and whether the series count their figures right. */
  private String seriesBook() {
    return jdbc.sql(
            """
            select (select count(*) from crime_series) || ' series, '
                || (select count(*) from crime_figure) || ' figures, '
                || case when exists (
                     select 1 from crime_series s
                      where s.figures <> (select count(*) from crime_figure f
                                           where f.series = s.id)
                         or s.figures = 0)
                   then 'some orphaned or miscounted' else 'none orphaned' end
            """)
        .query(String.class)
        .single();
  }

  @Test
  void aLoadThatFailsPartWayLeavesThePreviousFiguresAndNoPartialRows() throws Exception {
    load("sesnsp_estatal_excerpt.csv");
    String before = fingerprint();
    long rows = jdbc.sql("select count(*) from crime_count").query(Long.class).single();
    // The same rows with every count changed (replacing the series just loaded), then repeated for
    // 1995–2013 (about 200 KB, so that the failure comes while COPY is streaming, well after the
    // encoding was sniffed), breaking at 90 %.
    String excerpt = Files.readString(RESOURCES.resolve("sesnsp_estatal_excerpt.csv"), CP1252);
    String header = excerpt.substring(0, excerpt.indexOf("\r\n") + 2);
    String body = excerpt.substring(header.length()).replace(",0,", ",7,");
    StringBuilder big = new StringBuilder(header).append(body);
    for (int year = 1995; year <= 2013; year++) {
      big.append(body.replaceAll("(?m)^20\\d\\d,", year + ","));
    }
    byte[] changed = big.toString().getBytes(CP1252);
    assertThat(changed.length).isGreaterThan(180_000);
    InputStream failing =
        new FailingAfter(new ByteArrayInputStream(changed), changed.length * 9L / 10);

    assertThatThrownBy(() -> imports.load(failing, "changed.csv", null))
        .hasRootCauseInstanceOf(IOException.class)
        .hasRootCauseMessage("injected failure");
    assertThat(fingerprint()).isEqualTo(before);
    assertThat(jdbc.sql("select count(*) from crime_count").query(Long.class).single())
        .isEqualTo(rows);
    assertThat(
            jdbc.sql(
                    "select count(*) from crime_count where year between 1995 and 2013"
                        + " and level = 'state'")
                .query(Long.class)
                .single())
        .as("no row of the failed load")
        .isZero();

    // The same stream whole loads: the failure, not the content, stopped it.
    assertThat(imports.load(new ByteArrayInputStream(changed), "whole.csv", null).rowsLoaded())
        .isEqualTo(20 * 80);
    assertThat(fingerprint()).isNotEqualTo(before);
    jdbc.sql(
            "delete from crime_figure where year between 1995 and 2013 and series in"
                + " (select id from crime_series where level = 'state')")
        .update();
    load("sesnsp_estatal_excerpt.csv");
    assertThat(fingerprint()).as("a load replaces the series it holds").isEqualTo(before);

    // A bad row near the end fails the same way.
    String badEnd =
        Files.readString(RESOURCES.resolve("sesnsp_estatal_excerpt.csv"), CP1252)
                .replace(",0,", ",7,")
            + "2024,16,Michoacán de Ocampo,La vida y la Integridad corporal,Homicidio,"
            + "Homicidio doloso,Con arma blanca,1,2,x,,,,,,,,,\r\n";
    assertThatThrownBy(
            () -> imports.load(new ByteArrayInputStream(badEnd.getBytes(CP1252)), "bad.csv", null))
        .isInstanceOf(ImportRefused.class)
        .hasMessageContaining("Line 82");
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void noEspecificadoBucketsCountInTheStateButAreNotMunicipalities() throws Exception {
    load("synthetic_municipal_buckets.csv");

    assertThat(
            jdbc.sql(
                    "select municipality from crime_count where not_a_municipality"
                        + " and year = 2014 order by 1")
                .query(String.class)
                .list())
        .containsExactly("16998", "16999");
    // 3 + 2 + 1 in Apatzingán, the unspecified buckets and the other bucket, January 2014
    assertThat(
            indicators
                .month(
                    new Place.State(16), "Homicidio doloso", YearMonth.of(2014, 1), Measure.CRIMES)
                .count())
        .isEqualTo(6);
    Indicator bucket =
        indicators.year(new Place.Municipality("16999"), "Homicidio doloso", 2014, Measure.CRIMES);
    assertThat(bucket.count()).isEqualTo(2);
    assertThat(bucket.ratePer100k()).as("a bucket has no population").isNull();
  }

  @Test
  void populationsFromConapoAndTheCensusGiveRatesWithWomenForFemicide() throws Exception {
    assertThat(load("conapo_total_excerpt.csv").rowsRead()).isEqualTo(166);
    ImportSummary women = load("conapo_mujeres_excerpt.csv");
    assertThat(women.kind()).contains("women");
    assertThat(women.rowsLoaded()).isEqualTo(166 * 51);
    ImportSummary census = load("inegi_censo2020_excerpt.csv");
    assertThat(census.encoding()).isEqualTo("windows-1252");
    assertThat(census.rowsRead()).as("Baja California's municipalities").isEqualTo(6);
    assertThat(census.rowsLoaded()).isEqualTo(12);
    assertThat(
            jdbc.sql(
                    "select sum(people) from population where source = 'census2020'"
                        + " and sex = 'total' and state = 2")
                .query(Long.class)
                .single())
        .as("the census's own state row, skipped, equals the sum of its municipalities")
        .isEqualTo(3_769_020);
    assertThat(
            jdbc.sql(
                    "select people from population where source = 'census2020' and sex = ?"
                        + " and municipality = '02004'")
                .param("women")
                .query(Long.class)
                .single())
        .isEqualTo(953_783);
    load("sesnsp_estatal_excerpt.csv");

    List<List<String>> conapo =
        RawCsv.rows(RESOURCES.resolve("conapo_mujeres_excerpt.csv"), StandardCharsets.UTF_8);
    int column2024 = 3 + (2024 - 1990);
    long bajaWomen =
        conapo.stream()
            .filter(r -> r.get(0).startsWith("02"))
            .mapToLong(r -> Long.parseLong(r.get(column2024)))
            .sum();
    List<List<String>> raw = RawCsv.rows(RESOURCES.resolve("sesnsp_estatal_excerpt.csv"), CP1252);
    long femicides = RawCsv.sum(raw, 5, "Feminicidio", "2024", 0, r -> r.get(1).equals("2"));

    Indicator rate = indicators.year(new Place.State(2), "feminicidio", 2024, Measure.CRIMES);

    assertThat(rate.count()).isEqualTo(femicides);
    assertThat(rate.population()).isEqualTo(bajaWomen);
    assertThat(rate.ratePer100k())
        .isEqualByComparingTo(MonthlyCounts.ratePer100k(femicides, bajaWomen));
    assertThat(rate.denominator()).contains("CONAPO").contains("2024").contains("women");
  }

  @Test
  void readsConapoLongTableSummingTheSexesForTheTotal() throws Exception {
    ImportSummary done = load("synthetic_conapo_long.csv");

    assertThat(done.kind()).isEqualTo("CONAPO municipal projections (long table)");
    assertThat(done.encoding()).isEqualTo("windows-1252");
    assertThat(done.rowsRead()).isEqualTo(6);
    assertThat(done.rowsLoaded()).as("total and women for 3 municipality-years").isEqualTo(6);
    assertThat(
            jdbc.sql(
                    "select sex || ':' || people from population where source = 'conapo'"
                        + " and municipality = '02004' and year = 2024 order by sex")
                .query(String.class)
                .list())
        .containsExactly("total:2130", "women:1120");
    // the excerpts used by the other tests stay as they were for the years this file lacks
    load("conapo_total_excerpt.csv");
    load("conapo_mujeres_excerpt.csv");
  }

  @Test
  void anUnknownSubtypeListsTheCloseOnes() throws Exception {
    load("sesnsp_estatal_excerpt.csv");

    assertThatThrownBy(
            () -> indicators.year(new Place.National(), "Homicidio dolso", 2024, Measure.CRIMES))
        .isInstanceOf(UnknownSubtype.class)
        .hasMessageContaining("Closest: Homicidio doloso");
    assertThat(indicators.year(new Place.State(16), "FEMINICÍDIO", 2024, Measure.CRIMES).subtype())
        .isEqualTo("Feminicidio");
  }

  @Test
  void theCommandLinePrintsRowsReadAndLoadedAndAnswersQueries() {
    assertThat(
            run(
                0,
                "indicators",
                "import",
                RESOURCES.resolve("sesnsp_estatal_excerpt.csv").toString()))
        .contains(
            "SESNSP state crimes (windows-1252, catalogue idm2015): 80 rows read, 80 rows loaded.");
    String padded =
        run(
            0,
            "indicators",
            "query",
            "--state",
            "016",
            "--subtype",
            "homicidio doloso",
            "--month",
            "2023-03");
    assertThat(padded)
        .contains("Homicidio doloso, state 16, 2023-03")
        .containsPattern("count: [1-9][0-9]* crimes \\(1 of 1 months reported\\)");
    assertThat(
            run(
                0,
                "indicators",
                "query",
                "--state",
                "16",
                "--subtype",
                "Homicidio doloso",
                "--month",
                "2023-03"))
        .isEqualTo(padded);
    assertThat(
            run(1, "indicators", "query", "--national", "--subtype", "homicidio", "--year", "2023"))
        .contains("No crime subtype 'homicidio'")
        .contains("Homicidio doloso");
    assertThat(
            run(
                2,
                "indicators",
                "query",
                "--municipality",
                "2004",
                "--subtype",
                "Feminicidio",
                "--year",
                "2023"))
        .contains("five digits");
  }

  /** Runs a command, expecting the exit code, and returns what it printed (out and err). */
  private String run(int exit, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    try {
      PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
      System.setOut(both);
      System.setErr(both);
      assertThat(commandLine.execute(args)).as(String.join(" ", args)).isEqualTo(exit);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private String fingerprint() {
    return jdbc.sql(
            "select count(*) || ':' || coalesce(sum(hashtext(c::text)), 0) from crime_count c")
        .query(String.class)
        .single();
  }

  /** A stream that breaks after so many bytes, as a disk or a network would. */
  private static final class FailingAfter extends FilterInputStream {
    private long left;

    FailingAfter(InputStream in, long bytes) {
      super(in);
      this.left = bytes;
    }

    @Override
    public int read() throws IOException {
      if (left-- <= 0) {
        throw new IOException("injected failure");
      }
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        throw new IOException("injected failure");
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
