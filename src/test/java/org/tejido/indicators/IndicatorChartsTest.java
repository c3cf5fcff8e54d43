package org.tejido.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.indicators.CrimeIndicators.Measure;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.support.SqlStatements;
import org.tejido.support.TejidoTest;

/**
 * Comparable series across the catalogue change, neighbouring municipalities and the site page's
 * charts, as a client and a visitor see them.
 */
@TejidoTest
class IndicatorChartsTest {

  private static final Path RESOURCES = Path.of("src/test/resources/indicators");

  @Autowired MockMvc mvc;
  @Autowired IndicatorImports imports;
  @Autowired CrimeIndicators indicators;
  @Autowired Regrouping regrouping;
  @Autowired Sites sites;
  @Autowired JdbcClient jdbc;
  @Autowired org.springframework.context.ApplicationContext context;

  private Site leon;

  @BeforeEach
  void load() throws Exception {
    imports.load(RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"), null);
    imports.load(RESOURCES.resolve("synthetic_municipal_neighbours.csv"), null);
    imports.load(RESOURCES.resolve("synthetic_catalogue_change.csv"), null);
    imports.load(RESOURCES.resolve("conapo_total_excerpt.csv"), null);
    imports.load(RESOURCES.resolve("neighbours_leon_excerpt.csv"), null);
    leon =
        sites.register(
            new NewSite(
                "leon-" + UUID.randomUUID().toString().substring(0, 8),
                "León",
                "Guanajuato",
                "11020",
                "Centro",
                SiteStatus.ACTIVE,
                null,
                new LocalizedText(null, null)));
  }

  @Test
  void aComparableSeriesAddsUpTheSubtypesOfBothCatalogues() {
    Place place = new Place.Municipality("11020");
    MonthlyCounts kidnapping =
        indicators.monthly(place, regrouping.series("secuestro").orElseThrow(), Measure.CRIMES);
    // 2015 methodology: one "Secuestro" subtype, two modalities; RNID: extorsivo + exprés.
    assertThat(kidnapping.month(YearMonth.of(2025, 12)).getAsLong()).isEqualTo(2);
    assertThat(kidnapping.month(YearMonth.of(2026, 1)).getAsLong()).isEqualTo(4);
    assertThat(kidnapping.month(YearMonth.of(2026, 2)).getAsLong()).isEqualTo(5);
    assertThat(kidnapping.month(YearMonth.of(2026, 3))).isEmpty();

    MonthlyCounts violent =
        indicators.monthly(
            place, regrouping.series("robo-con-violencia").orElseThrow(), Measure.CRIMES);
    // Robo a negocio con violencia + motorbike "Con violencia", whichever way the modality reads.
    assertThat(violent.month(YearMonth.of(2025, 1)).getAsLong()).isEqualTo(5 + 2);
    assertThat(violent.month(YearMonth.of(2026, 1)).getAsLong()).isEqualTo(6 + 4);
    MonthlyCounts business =
        indicators.monthly(
            place, regrouping.series("robo-a-negocio").orElseThrow(), Measure.CRIMES);
    assertThat(business.month(YearMonth.of(2025, 1)).getAsLong()).isEqualTo(5 + 7);
  }

  @Test
  void theApiFollowsASeriesAcrossTheCatalogueChangeAndSaysWhereItBreaks() throws Exception {
    mvc.perform(
            get("/api/v1/indicators?municipality=11020&series=secuestro&from=2025-12&to=2026-03"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.series.id").value("secuestro"))
        .andExpect(jsonPath("$.series.name.en").value("Kidnapping"))
        .andExpect(jsonPath("$.months[0].count").value(2))
        .andExpect(jsonPath("$.months[1].count").value(4))
        .andExpect(jsonPath("$.months[3].count").isEmpty())
        .andExpect(jsonPath("$.breaks[0].month").value("2026-01"))
        .andExpect(jsonPath("$.breaks[0].reason").value("definition-changed"));
    // By its 2015 name the subtype stops in 2026: the answer names the series that goes on.
    mvc.perform(
            get(
                "/api/v1/indicators?municipality=11020&crime=secuestro&from=2025-12&to=2026-01"
                    + "&lang=en"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.months[1].count").isEmpty())
        .andExpect(jsonPath("$.breaks[0].reason").value("no-comparable-series"))
        .andExpect(jsonPath("$.breaks[0].series[0]").value("secuestro"))
        .andExpect(
            jsonPath("$.breaks[0].note.en")
                .value(org.hamcrest.Matchers.containsString("comparable series: secuestro")));
    // Within one catalogue nothing breaks.
    mvc.perform(
            get("/api/v1/indicators?municipality=11020&series=secuestro&from=2025-01&to=2025-12"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.breaks").doesNotExist());
    mvc.perform(get("/api/v1/indicators?municipality=11020&series=nada&from=2025-01&to=2025-12"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("indicators.unknown-series"));
    mvc.perform(
            get(
                "/api/v1/indicators?municipality=11020&series=secuestro&crime=secuestro"
                    + "&from=2025-01&to=2025-12"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("request.invalid"));
  }

  @Test
  void anAdjacencyListImportsByItsHeaderAndComparesAMunicipalityWithItsNeighbours()
      throws Exception {
    assertThat(indicators.neighbours(new Place.Municipality("11020")))
        // 11015 lists León as its neighbour: adjacency goes both ways.
        .containsExactly("11015", "11031", "11037");
    long silao2025 =
        RawCsv.rows(RESOURCES.resolve("conapo_total_excerpt.csv"), StandardCharsets.UTF_8).stream()
            .filter(r -> r.get(0).equals("11037"))
            .mapToLong(r -> Long.parseLong(r.get(3 + 2025 - 1990)))
            .sum();
    mvc.perform(
            get(
                "/api/v1/indicators/neighbours?municipality=11020&series=homicidio-doloso"
                    + "&year=2025"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.year").value(2025))
        .andExpect(jsonPath("$.municipalities[0].code").value("11020"))
        .andExpect(jsonPath("$.municipalities[0].neighbour").value(false))
        .andExpect(jsonPath("$.municipalities[0].monthsReported").value(11))
        .andExpect(jsonPath("$.municipalities[1].code").value("11015"))
        .andExpect(jsonPath("$.municipalities[1].count").doesNotExist())
        .andExpect(jsonPath("$.municipalities[3].code").value("11037"))
        .andExpect(jsonPath("$.municipalities[3].name").value("Silao de la Victoria"))
        .andExpect(jsonPath("$.municipalities[3].count").value(22))
        .andExpect(
            jsonPath("$.municipalities[3].ratePer100k")
                .value(MonthlyCounts.ratePer100k(22, silao2025).doubleValue()));
    mvc.perform(get("/api/v1/indicators/neighbours?municipality=11999&series=homicidio-doloso"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("indicators.place"));
  }

  @Test
  void aBadAdjacencyListIsRefusedAndTheFormerOneKept() throws Exception {
    var bad =
        new java.io.ByteArrayInputStream(
            "municipality,neighbour\n11020,11037\n11020,11999\n".getBytes(StandardCharsets.UTF_8));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> imports.load(bad, "bad.csv", null))
        .isInstanceOf(ImportRefused.class)
        .hasMessageContaining("Line 3")
        .hasMessageContaining("no especificado");
    assertThat(indicators.neighbours(new Place.Municipality("11020"))).hasSize(3);
  }

  @Test
  void theLastImportIsStoredWithTheMonthTheFiguresReach() {
    LastImport last = indicators.lastCrimeImport();
    assertThat(last.importedAt()).isPresent();
    assertThat(last.reportedThrough()).contains(YearMonth.of(2026, 2));
    assertThat(last.figuresAsOf()).contains(java.time.LocalDate.of(2026, 2, 28));
    assertThat(
            jdbc.sql("select count(*) from indicator_import where file_name = ?")
                .param("neighbours_leon_excerpt.csv")
                .query(Long.class)
                .single())
        .isPositive();
  }

  @Test
  void theSitePageChartsTheHighImpactCrimesWithTheirTablesInSpanish() throws Exception {
    Document page = page("es");
    Element chart = page.getElementById("indicator-homicidio-doloso");
    assertThat(chart).isNotNull();
    Element canvas = chart.selectFirst("[data-indicator-chart]");
    assertThat(canvas.attr("data-table")).isEqualTo("indicator-homicidio-doloso-table");
    assertThat(canvas.attr("role")).isEqualTo("img");
    Element table = page.getElementById("indicator-homicidio-doloso-table");
    assertThat(table.selectFirst("caption").text())
        .isEqualTo(
            "Homicidio doloso en León, por mes: delitos denunciados y tasa por 100 mil"
                + " habitantes");
    assertThat(table.select("tbody tr")).hasSize(IndicatorCharts.MONTHS);
    // December 2025 is not published yet: missing, not zero, and no value for the chart.
    Element december = table.selectFirst("tr[data-month=2025-12]");
    assertThat(december.hasAttr("data-count")).isFalse();
    assertThat(december.select("td").first().text()).isEqualTo("sin dato");
    assertThat(table.selectFirst("tr[data-month=2025-11]").attr("data-count")).isNotEmpty();
    assertThat(chart.selectFirst(".rate-label").text())
        .isEqualTo(
            "Tasa por 100 mil habitantes, población: Proyecciones de población de CONAPO (ronda"
                + " 2023), 2025");
    assertThat(chart.selectFirst(".formula").text())
        .startsWith("Fórmula: el mes frente al promedio del mismo mes en los tres años anteriores");
    assertThat(chart.selectFirst(".semaforo").text()).startsWith("Semáforo de noviembre 2025:");
    // The chart reaches the latest month of any figure: homicide's last months are missing.
    assertThat(table.selectFirst("tbody tr:last-child").attr("data-month")).isEqualTo("2026-02");
    // Kidnapping crosses the catalogue change: the page says so next to the chart.
    Element kidnapping = page.getElementById("indicator-secuestro");
    assertThat(kidnapping.selectFirst(".catalogue-break").text())
        .startsWith("Cambio de catálogo en enero 2026: El RNID divide el secuestro");
    assertThat(kidnapping.selectFirst("[data-indicator-chart]").attr("data-break"))
        .isEqualTo("2026-01");
    assertThat(page.selectFirst(".indicators-as-of").text())
        .startsWith("Cifras SESNSP al 28 de febrero de 2026, importadas el ");
    // Beside the neighbours, León first.
    Element neighbours = page.selectFirst("table.indicator-neighbours");
    assertThat(neighbours.select("tbody tr th").eachText())
        .containsExactly(
            "León (este municipio)", "11015", "San Francisco del Rincón", "Silao de la Victoria");
    // ECharts from the application itself, and the module that draws from the table.
    assertThat(page.select("script[src]").eachAttr("src"))
        .contains("/webjars/echarts/5.3.1/dist/echarts.min.js", "/js/indicator-chart.js");
    assertThat(page.select("script:not([src])")).isEmpty();
    assertThat(page.select("[style]")).isEmpty();
    mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.min.js")).andExpect(status().isOk());
    mvc.perform(get("/js/indicator-chart.js")).andExpect(status().isOk());
  }

  @Test
  void theSitePageChartsInEnglishWithTheSameTable() throws Exception {
    Document page = page("en");
    Element table = page.getElementById("indicator-homicidio-doloso-table");
    assertThat(table.selectFirst("caption").text())
        .isEqualTo(
            "Intentional homicide in León, by month: reported crimes and rate per 100,000"
                + " inhabitants");
    assertThat(table.select("thead th").eachText())
        .containsExactly("Month", "Crimes", "Rate per 100,000");
    assertThat(table.selectFirst("tr[data-month=2025-12] td").text()).isEqualTo("no data");
    assertThat(page.getElementById("indicator-homicidio-doloso").selectFirst(".formula").text())
        .contains("Green when at least 25 % below");
    assertThat(page.selectFirst(".indicators-as-of").text())
        .startsWith("SESNSP figures up to 28 February 2026, imported on ");
  }

  @Test
  void withNothingImportedThePageSaysSoInsteadOfEmptyCharts() throws Exception {
    // The cached page with figures must go when the figures change.
    assertThat(page("es").select("[data-indicator-chart]")).isNotEmpty();
    jdbc.sql("delete from crime_figure").update();
    jdbc.sql("delete from crime_series").update();
    // An import that empties nothing still tells the cache to drop what it kept.
    imports.load(RESOURCES.resolve("neighbours_leon_excerpt.csv"), null);
    Document page = page("es");
    assertThat(page.select("[data-indicator-chart]")).isEmpty();
    assertThat(page.getElementById("indicators-heading").parent().text())
        .contains("Todavía no se han importado cifras oficiales de delitos");
  }

  @Test
  void thePanelShowsWhatEachChartAndCellReadAloneShowsFromAFewQueries() throws Exception {
    IndicatorCharts charts = context.getBean(IndicatorCharts.class);
    SqlStatements.Recorded<IndicatorCharts.Panel> read =
        SqlStatements.during(() -> charts.forMunicipality("11020"));
    IndicatorCharts.Panel panel = read.value();

    // The same panel, chart by chart and cell by cell, each read on its own.
    SqlStatements.Recorded<IndicatorCharts.Panel> alone =
        SqlStatements.during(() -> panelReadAlone(charts, new Place.Municipality("11020")));
    assertThat(panel.charts()).isNotEmpty().isEqualTo(alone.value().charts());
    assertThat(panel.withoutFigures()).isEqualTo(alone.value().withoutFigures());
    assertThat(panel.comparison()).isNotNull().isEqualTo(alone.value().comparison());
    assertThat(panel.lastImport()).isEqualTo(alone.value().lastImport());
    assertThat(panel).isEqualTo(alone.value());
    assertThat(panel.charts().stream().filter(c -> c.denominator() != null)).isNotEmpty();
    assertThat(alone.statements()).hasSizeGreaterThan(100);

    // Every series at León and its three neighbours in one query, the latest month once, each
    // population year once: not one query per chart, per month's year and per neighbour's cell.
    assertThat(read.containing("generate_series(1, 12)")).isEqualTo(1);
    assertThat(read.containing("latest_month")).isEqualTo(1);
    assertThat(read.statements()).hasSize(EXPECTED_PANEL_STATEMENTS);

    // The latest month is read again only after an import.
    SqlStatements.Recorded<IndicatorCharts.Panel> again =
        SqlStatements.during(() -> charts.forMunicipality("11020"));
    assertThat(again.value()).isEqualTo(panel);
    assertThat(again.containing("latest_month")).isZero();
    assertThat(again.statements()).hasSize(EXPECTED_PANEL_STATEMENTS - 1);
    imports.load(RESOURCES.resolve("neighbours_leon_excerpt.csv"), null);
    assertThat(
            SqlStatements.during(() -> charts.forMunicipality("11020")).containing("latest_month"))
        .isEqualTo(1);
  }

  private IndicatorCharts.Panel panelReadAlone(IndicatorCharts charts, Place.Municipality place) {
    List<IndicatorCharts.Chart> alone = new ArrayList<>();
    List<ComparableSeries> without = new ArrayList<>();
    for (ComparableSeries s : charts.highImpact()) {
      charts.chart(place, s).ifPresentOrElse(alone::add, () -> without.add(s));
    }
    int year = alone.get(0).latest().getYear();
    List<String> codes = new ArrayList<>(List.of(place.code()));
    codes.addAll(indicators.neighbours(place));
    Map<String, String> names = indicators.municipalityNames(codes);
    List<IndicatorCharts.Compared> rows = new ArrayList<>();
    for (String code : codes) {
      rows.add(
          new IndicatorCharts.Compared(
              code,
              names.get(code),
              code.equals(place.code()),
              alone.stream()
                  .map(c -> charts.cell(new Place.Municipality(code), c.series(), year))
                  .toList()));
    }
    return new IndicatorCharts.Panel(
        true,
        indicators.lastCrimeImport(),
        alone,
        without,
        new IndicatorCharts.Comparison(
            year, alone.stream().map(IndicatorCharts.Chart::series).toList(), rows));
  }

  /**
   * Whether there are figures, which imports there have been, the latest month, the neighbours, the
   * series, the names, the last import; and for each year the charts' 36 months touch (2023 to
   * 2026; no femicide figures, so no women's denominator) the nearest population year and the four
   * municipalities' populations. Read chart by chart and cell by cell, the same panel takes over a
   * hundred.
   */
  private static final int EXPECTED_PANEL_STATEMENTS = 15;

  private Document page(String language) throws Exception {
    String html =
        mvc.perform(get("/sites/" + leon.key()).header("Accept-Language", language))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return Jsoup.parse(html);
  }
}
