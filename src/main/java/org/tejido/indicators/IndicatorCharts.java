package org.tejido.indicators;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tejido.indicators.CrimeIndicators.Denominator;
import org.tejido.indicators.CrimeIndicators.Measure;

/**
 * What a public page shows of the official figures of a municipality: one chart (with its data
 * table) per high-impact crime of the deployment, the semáforo of the latest month, where a series
 * breaks between catalogues, and the municipality beside its neighbours. The site pages use it; a
 * recommendation page can use {@link #charts} for the crimes it concerns.
 */
@Service
public class IndicatorCharts {

  /** How many months a chart covers, ending with the latest reported one. */
  public static final int MONTHS = 36;

  private final CrimeIndicators indicators;
  private final Regrouping regrouping;
  private final List<ComparableSeries> highImpact;

  IndicatorCharts(
      CrimeIndicators indicators, Regrouping regrouping, IndicatorsProperties properties) {
    this.indicators = indicators;
    this.regrouping = regrouping;
    List<ComparableSeries> chosen = new ArrayList<>();
    for (String id : properties.highImpact()) {
      chosen.add(
          regrouping
              .series(id)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "tejido.indicators.high-impact: no comparable series '"
                              + id
                              + "'; the ids are in indicators/comparable-series.csv")));
    }
    this.highImpact = List.copyOf(chosen);
  }

  /** The deployment's high-impact series, in the configured order. */
  public List<ComparableSeries> highImpact() {
    return highImpact;
  }

  /** One month of a chart: a missing month has a null count (and no rate). */
  public record Row(YearMonth month, Long count, BigDecimal rate) {}

  /**
   * A chart of one series at one place.
   *
   * @param denominator the population the latest rate divides by; null without one
   * @param latest the latest month of the series with a figure (the chart may go on, missing)
   * @param semaforo of that month; null when the three years before are missing
   */
  public record Chart(
      ComparableSeries series,
      List<Row> rows,
      CatalogueBreak catalogueBreak,
      Denominator denominator,
      YearMonth latest,
      Long latestCount,
      BigDecimal sameMonthAverage,
      Semaforo semaforo) {

    /** A stable, unique element id for the page. */
    public String elementId() {
      return "indicator-" + series.id();
    }
  }

  /** A municipality's yearly figure of one series. */
  public record Cell(Long count, int monthsReported, BigDecimal rate) {}

  /** One municipality of the comparison, its cells in the order of the charts. */
  public record Compared(String code, String name, boolean self, List<Cell> cells) {}

  /** The municipality beside its neighbours, one year, the series of the charts. */
  public record Comparison(int year, List<ComparableSeries> series, List<Compared> rows) {}

  /** Everything a site page shows of the figures. */
  public record Panel(
      boolean anyFigures,
      LastImport lastImport,
      List<Chart> charts,
      List<ComparableSeries> withoutFigures,
      Comparison comparison) {}

  /**
   * The panel of a municipality's page; {@code anyFigures} false when nothing is imported. The
   * series of the municipality and its neighbours are read in one query, the latest reported month
   * once, and each denominator once, rather than once per chart and per cell.
   */
  public Panel forMunicipality(String code) {
    if (!indicators.hasFigures()) {
      return new Panel(false, indicators.lastCrimeImport(), List.of(), List.of(), null);
    }
    Place.Municipality place = new Place.Municipality(code);
    Optional<YearMonth> latestAny = indicators.latestReportedMonth();
    List<String> neighbours = indicators.neighbours(place);
    List<Place.Municipality> places = new ArrayList<>();
    places.add(place);
    neighbours.forEach(n -> places.add(new Place.Municipality(n)));
    Map<String, Map<String, MonthlyCounts>> counts =
        indicators.monthly(places, highImpact, Measure.CRIMES);
    CrimeIndicators.Denominators denominators = indicators.denominators(places);
    List<Chart> charts = new ArrayList<>();
    List<ComparableSeries> without = new ArrayList<>();
    for (ComparableSeries series : highImpact) {
      Optional<Chart> chart =
          chart(place, series, counts.get(code).get(series.id()), latestAny, denominators);
      if (chart.isPresent()) {
        charts.add(chart.get());
      } else {
        without.add(series);
      }
    }
    Comparison comparison =
        charts.isEmpty() ? null : comparison(place, neighbours, charts, counts, denominators);
    return new Panel(true, indicators.lastCrimeImport(latestAny), charts, without, comparison);
  }

  /** The charts of these series at a place, those with figures only. */
  public List<Chart> charts(Place place, List<ComparableSeries> series) {
    if (!(place instanceof Place.Municipality m)) {
      return series.stream().map(s -> chart(place, s)).flatMap(Optional::stream).toList();
    }
    // One query for every series, the latest month and each denominator read once.
    Map<String, MonthlyCounts> counts =
        indicators.monthly(List.of(m), series, Measure.CRIMES).get(m.code());
    Optional<YearMonth> latestAny = indicators.latestReportedMonth();
    CrimeIndicators.Denominators denominators = indicators.denominators(List.of(m));
    return series.stream()
        .map(s -> chart(place, s, counts.get(s.id()), latestAny, denominators))
        .flatMap(Optional::stream)
        .toList();
  }

  /** The chart of one series, ending with its latest reported month; empty without figures. */
  public Optional<Chart> chart(Place place, ComparableSeries series) {
    return chart(
        place,
        series,
        indicators.monthly(place, series, Measure.CRIMES),
        null,
        indicators.denominators(List.of()));
  }

  /**
   * @param latestAny the latest month any figure reaches; null to read it when needed
   */
  private Optional<Chart> chart(
      Place place,
      ComparableSeries series,
      MonthlyCounts counts,
      Optional<YearMonth> latestAny,
      CrimeIndicators.Denominators denominators) {
    if (counts.reported().isEmpty()) {
      return Optional.empty();
    }
    YearMonth latest = new java.util.TreeMap<>(counts.reported()).lastKey();
    // Every chart ends with the latest month any figure reaches: a series that stopped earlier
    // shows its last months as missing rather than hiding them.
    YearMonth last =
        (latestAny == null ? indicators.latestReportedMonth() : latestAny)
            .filter(m -> m.isAfter(latest))
            .orElse(latest);
    YearMonth first = last.minusMonths(MONTHS - 1);
    Map<Integer, Optional<Denominator>> byYear = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      Long count = counts.month(m).isPresent() ? counts.month(m).getAsLong() : null;
      Optional<Denominator> d =
          byYear.computeIfAbsent(m.getYear(), y -> denominators.of(place, series, y));
      rows.add(
          new Row(
              m,
              count,
              count == null || d.isEmpty()
                  ? null
                  : MonthlyCounts.ratePer100k(count, d.get().people())));
    }
    Denominator denominator = byYear.getOrDefault(latest.getYear(), Optional.empty()).orElse(null);
    return Optional.of(
        new Chart(
            series,
            rows,
            regrouping.breakIn(series, first, last).orElse(null),
            denominator,
            latest,
            counts.month(latest).getAsLong(),
            counts.sameMonthAverage(latest).orElse(null),
            counts.semaforo(latest).orElse(null)));
  }

  private Comparison comparison(
      Place.Municipality place,
      List<String> neighbours,
      List<Chart> charts,
      Map<String, Map<String, MonthlyCounts>> counts,
      CrimeIndicators.Denominators denominators) {
    if (neighbours.isEmpty()) {
      return null;
    }
    int year = charts.get(0).latest().getYear();
    List<String> codes = new ArrayList<>();
    codes.add(place.code());
    codes.addAll(neighbours);
    Map<String, String> names = indicators.municipalityNames(codes);
    List<ComparableSeries> series = charts.stream().map(Chart::series).toList();
    List<Compared> rows = new ArrayList<>();
    for (String code : codes) {
      Place.Municipality m = new Place.Municipality(code);
      List<Cell> cells = new ArrayList<>();
      for (ComparableSeries s : series) {
        cells.add(cell(m, s, year, counts.get(code).get(s.id()), denominators));
      }
      rows.add(new Compared(code, names.get(code), code.equals(place.code()), cells));
    }
    return new Comparison(year, series, rows);
  }

  /** A municipality's figure of a series for a year, over the months reported. */
  public Cell cell(Place.Municipality m, ComparableSeries s, int year) {
    return cell(
        m, s, year, indicators.monthly(m, s, Measure.CRIMES), indicators.denominators(List.of()));
  }

  private static Cell cell(
      Place.Municipality m,
      ComparableSeries s,
      int year,
      MonthlyCounts counts,
      CrimeIndicators.Denominators denominators) {
    Long count = counts.year(year).isPresent() ? counts.year(year).getAsLong() : null;
    Optional<Denominator> d = denominators.of(m, s, year);
    return new Cell(
        count,
        counts.monthsReported(year),
        count == null || d.isEmpty() ? null : MonthlyCounts.ratePer100k(count, d.get().people()));
  }
}
