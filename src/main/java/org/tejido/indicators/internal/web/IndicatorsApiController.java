package org.tejido.indicators.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.indicators.CrimeIndicators;
import org.tejido.indicators.CrimeIndicators.Denominator;
import org.tejido.indicators.CrimeIndicators.Measure;
import org.tejido.indicators.MonthlyCounts;
import org.tejido.indicators.Place;
import org.tejido.indicators.UnknownSubtype;
import org.tejido.shared.BadRequest;

/**
 * Official crime indicators by month, as JSON or CSV: public figures, published by the government,
 * with nothing of Tejido's own protected data.
 */
@RestController
@Tag(name = "Indicators", description = "Official crime figures (SESNSP) and rates")
class IndicatorsApiController {

  /** The longest period one request may ask for. */
  static final int MAX_MONTHS = 12 * 25;

  private final CrimeIndicators indicators;

  IndicatorsApiController(CrimeIndicators indicators) {
    this.indicators = indicators;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MonthJson(
      String month,
      // a month not yet published is shown as null: missing, not zero
      @JsonInclude(JsonInclude.Include.ALWAYS) Long count,
      BigDecimal ratePer100k,
      Long rolling12,
      BigDecimal yearOverYearPercent,
      String semaforo) {}

  record PlaceJson(String level, String code) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DenominatorJson(String source, int year, String sex, long people, String label) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SeriesJson(
      PlaceJson place,
      String crime,
      String measure,
      String from,
      String to,
      List<DenominatorJson> denominators,
      List<MonthJson> months) {}

  @GetMapping(
      value = "/api/v1/indicators",
      produces = {"application/json", "text/csv"})
  @Operation(
      summary = "Monthly official figures for one crime subtype at one place",
      description =
          "Counts as SESNSP publishes them (crimes, or victims with measure=victims), with the rate"
              + " per 100,000 inhabitants (women only for feminicidio) where the deployment's"
              + " population series covers the place, the 12-month rolling sum, the change on the"
              + " same month a year before and the semáforo (the month against the average of the"
              + " same month over the three years before: green at least 25 % below, yellow 0–25 %"
              + " below, red above). A month not yet published has no count: missing, not zero."
              + " Give municipality or state, or neither for the whole country. CSV with"
              + " format=csv or Accept: text/csv.",
      responses = {
        @ApiResponse(
            responseCode = "200",
            content = {@Content(mediaType = "application/json"), @Content(mediaType = "text/csv")}),
        @ApiResponse(responseCode = "400", description = "Unknown crime, bad place or period")
      })
  Object series(
      @Parameter(description = "Five-digit INEGI municipality code, e.g. 02004 (Tijuana)")
          @RequestParam(required = false)
          String municipality,
      @Parameter(description = "State code 1–32 (16 or 016)") @RequestParam(required = false)
          String state,
      @Parameter(
              description =
                  "Crime subtype as SESNSP names it; case and accents do not matter, e.g."
                      + " Homicidio doloso",
              required = true)
          @RequestParam
          String crime,
      @Parameter(description = "First month, e.g. 2019-01", required = true) @RequestParam
          String from,
      @Parameter(description = "Last month, e.g. 2024-12", required = true) @RequestParam String to,
      @Parameter(description = "crimes (default) or victims") @RequestParam(defaultValue = "crimes")
          String measure,
      @Parameter(description = "json (default) or csv") @RequestParam(required = false)
          String format,
      @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept,
      HttpServletResponse response)
      throws IOException {
    Place place = place(municipality, state);
    YearMonth first = month(from);
    YearMonth last = month(to);
    if (first.isAfter(last) || first.plusMonths(MAX_MONTHS).isBefore(last)) {
      throw new BadRequest("indicators.period", MAX_MONTHS / 12);
    }
    Measure what;
    if ("crimes".equals(measure)) {
      what = Measure.CRIMES;
    } else if ("victims".equals(measure)) {
      what = Measure.VICTIMS;
    } else {
      throw new BadRequest("request.invalid");
    }
    String subtype;
    try {
      subtype = indicators.subtype(crime, what);
    } catch (UnknownSubtype e) {
      throw new BadRequest("indicators.unknown-crime", crime, String.join("; ", e.closest()));
    }
    MonthlyCounts series = indicators.monthly(place, subtype, what);
    Map<Integer, Optional<Denominator>> denominators = new HashMap<>();
    List<MonthJson> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      Long count = series.month(m).isPresent() ? series.month(m).getAsLong() : null;
      Optional<Denominator> denominator =
          denominators.computeIfAbsent(
              m.getYear(), year -> indicators.denominator(place, subtype, year));
      months.add(
          new MonthJson(
              m.toString(),
              count,
              count == null || denominator.isEmpty()
                  ? null
                  : MonthlyCounts.ratePer100k(count, denominator.get().people()),
              series.rolling12(m).isPresent() ? series.rolling12(m).getAsLong() : null,
              series.yearOverYear(m).orElse(null),
              series
                  .semaforo(m)
                  .map(s -> s.name().toLowerCase(java.util.Locale.ROOT))
                  .orElse(null)));
    }
    List<DenominatorJson> used =
        denominators.values().stream()
            .flatMap(Optional::stream)
            .distinct()
            .sorted(java.util.Comparator.comparingInt(Denominator::year))
            .map(d -> new DenominatorJson(d.source(), d.year(), d.sex(), d.people(), d.label()))
            .toList();
    SeriesJson json =
        new SeriesJson(
            placeJson(place),
            subtype,
            what.name().toLowerCase(java.util.Locale.ROOT),
            first.toString(),
            last.toString(),
            used.isEmpty() ? null : used,
            months);
    if ("csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"))) {
      writeCsv(json, response);
      return null;
    }
    if (format != null && !"json".equals(format)) {
      throw new BadRequest("request.invalid");
    }
    return json;
  }

  private static void writeCsv(SeriesJson json, HttpServletResponse response) throws IOException {
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"indicators-" + json.place().code() + ".csv\"");
    PrintWriter out = response.getWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
      csv.printRecord(
          "place",
          "crime",
          "measure",
          "month",
          "count",
          "rate_per_100k",
          "rolling_12_months",
          "year_over_year_percent",
          "semaforo");
      for (MonthJson m : json.months()) {
        csv.printRecord(
            json.place().code(),
            json.crime(),
            json.measure(),
            m.month(),
            m.count(),
            m.ratePer100k(),
            m.rolling12(),
            m.yearOverYearPercent(),
            m.semaforo());
      }
    }
  }

  private static Place place(String municipality, String state) {
    try {
      if (municipality != null && state != null) {
        throw new BadRequest("indicators.place");
      }
      if (municipality != null) {
        return new Place.Municipality(municipality.strip());
      }
      if (state != null) {
        return Place.State.parse(state);
      }
      return new Place.National();
    } catch (IllegalArgumentException e) {
      throw new BadRequest("indicators.place");
    }
  }

  private static PlaceJson placeJson(Place place) {
    if (place instanceof Place.Municipality m) {
      return new PlaceJson("municipality", m.code());
    }
    if (place instanceof Place.State s) {
      return new PlaceJson("state", String.format("%02d", s.code()));
    }
    return new PlaceJson("national", "00");
  }

  private static YearMonth month(String text) {
    try {
      return YearMonth.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest("indicators.period", MAX_MONTHS / 12);
    }
  }
}
