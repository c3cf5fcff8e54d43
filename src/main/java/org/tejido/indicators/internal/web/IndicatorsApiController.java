package org.tejido.indicators.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.indicators.CatalogueBreak;
import org.tejido.indicators.ComparableSeries;
import org.tejido.indicators.CrimeIndicators;
import org.tejido.indicators.CrimeIndicators.Denominator;
import org.tejido.indicators.CrimeIndicators.Measure;
import org.tejido.indicators.MonthlyCounts;
import org.tejido.indicators.Place;
import org.tejido.indicators.Regrouping;
import org.tejido.indicators.UnknownSubtype;
import org.tejido.shared.BadRequest;
import org.tejido.shared.LocalizedText;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.Languages;
import org.tejido.shared.web.OpenDataResponses;
import org.tejido.shared.web.PublicReads;
import org.tejido.shared.web.TextJson;

/**
 * Official crime indicators by month, as JSON or CSV: public figures, published by the government,
 * with nothing of Tejido's own protected data. A public read like the agendas: a strong ETag (the
 * figures change only on import), cached for a minute, 304 to conditional requests.
 */
@RestController
@Tag(name = "Indicators", description = "Official crime figures (SESNSP) and rates")
class IndicatorsApiController {

  /** The longest period one request may ask for. */
  static final int MAX_MONTHS = 12 * 25;

  private static final String CSV = "text/csv";
  private static final String MONTH_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$";

  private final CrimeIndicators indicators;
  private final Regrouping regrouping;
  private final OpenDataResponses responses;
  private final OpenDataProperties.License license;
  private final MessageSource messages;

  IndicatorsApiController(
      CrimeIndicators indicators,
      Regrouping regrouping,
      OpenDataResponses responses,
      OpenDataProperties openData,
      MessageSource messages) {
    this.indicators = indicators;
    this.regrouping = regrouping;
    this.responses = responses;
    this.license = openData.license();
    this.messages = messages;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "IndicatorMonth",
      requiredProperties = {"month", "count"})
  record MonthJson(
      @Schema(description = "YYYY-MM", pattern = MONTH_PATTERN) String month,
      // a month not yet published is shown as null: missing, not zero
      @Schema(nullable = true, minimum = "0", description = "null when not published yet")
          @JsonInclude(JsonInclude.Include.ALWAYS)
          Long count,
      @Schema(description = "Per 100,000 inhabitants; absent without a population figure")
          BigDecimal ratePer100k,
      @Schema(description = "The 12 months ending with this one; absent if any is missing")
          Long rolling12,
      @Schema(description = "Change on the same month a year before, in percent")
          BigDecimal yearOverYearPercent,
      @Schema(allowableValues = {"green", "yellow", "red"}) String semaforo) {}

  @Schema(
      name = "IndicatorPlace",
      requiredProperties = {"level", "code"})
  record PlaceJson(
      @Schema(allowableValues = {"municipality", "state", "national"}) String level,
      @Schema(description = "INEGI code: 5 digits, 2 for a state, 00 for the nation")
          String code) {}

  @Schema(
      name = "Denominator",
      requiredProperties = {"source", "year", "sex", "people", "label"})
  record DenominatorJson(
      @Schema(allowableValues = {"conapo", "census2020"}) String source,
      int year,
      @Schema(allowableValues = {"total", "women"}) String sex,
      @Schema(minimum = "1") long people,
      TextJson label) {}

  @Schema(
      name = "ComparableSeries",
      requiredProperties = {"id", "name"})
  record ComparableJson(
      @Schema(description = "As in ?series=, e.g. homicidio-doloso") String id, TextJson name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "CatalogueBreak",
      requiredProperties = {"month", "reason"})
  record BreakJson(
      @Schema(description = "The first month of the RNID catalogue", pattern = MONTH_PATTERN)
          String month,
      @Schema(allowableValues = {"definition-changed", "no-comparable-series"}) String reason,
      @Schema(description = "How the definition changed, or where to follow the crime")
          TextJson note,
      @Schema(description = "The comparable series that follow this crime across catalogues")
          List<String> series) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "IndicatorSeries",
      requiredProperties = {"place", "crime", "measure", "from", "to", "months", "license"})
  record SeriesJson(
      PlaceJson place,
      @Schema(
              description =
                  "The subtype as SESNSP names it (in Spanish), or the comparable series' Spanish"
                      + " name")
          String crime,
      @Schema(description = "The comparable series, when asked for with ?series=")
          ComparableJson series,
      @Schema(
              description =
                  "Where the figures stop being comparable between the 2015 methodology and the"
                      + " 2026 RNID catalogue within the period; absent when they do not")
          List<BreakJson> breaks,
      @Schema(allowableValues = {"crimes", "victims"}) String measure,
      @Schema(pattern = MONTH_PATTERN) String from,
      @Schema(pattern = MONTH_PATTERN) String to,
      @Schema(description = "The populations the rates divide by; absent when nothing is rated")
          List<DenominatorJson> denominators,
      List<MonthJson> months,
      OpenDataProperties.License license) {}

  @GetMapping(
      value = "/api/v1/indicators",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
  @Operation(
      operationId = "getIndicators",
      summary = "Monthly official figures for one crime subtype at one place",
      description =
          "Counts as SESNSP publishes them (crimes, or victims with measure=victims), with the rate"
              + " per 100,000 inhabitants (women only for feminicidio) where the deployment's"
              + " population series covers the place, the 12-month rolling sum, the change on the"
              + " same month a year before and the semáforo (the month against the average of the"
              + " same month over the three years before: green at least 25 % below, yellow 0–25 %"
              + " below, red above). A month not yet published has no count: missing, not zero."
              + " Give municipality or state, or neither for the whole country; at most 25 years."
              + " Ask for a subtype by name (crime=) or for a comparable series (series=), which"
              + " counts the subtypes of the 2015 methodology and of the 2026 RNID catalogue that"
              + " mean the same crime; breaks says where the figures stop being comparable."
              + " CSV with format=csv or Accept: text/csv. Cacheable for 60 seconds: the figures"
              + " change only when a new official file is imported.")
  @ApiResponse(
      responseCode = "200",
      description = "The monthly series",
      headers =
          @Header(
              name = "Last-Modified",
              description = "When the figures were last imported, when known",
              schema = @Schema(type = "string")),
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = SeriesJson.class)),
        @Content(
            mediaType = CSV,
            schema =
                @Schema(
                    type = "string",
                    description =
                        "Header: place, crime, measure, month, count, rate_per_100k,"
                            + " rolling_12_months, year_over_year_percent, semaforo"))
      })
  ResponseEntity<?> series(
      @Parameter(
              description = "Five-digit INEGI municipality code, e.g. 02004 (Tijuana)",
              schema = @Schema(type = "string", pattern = "^[0-9]{5}$"))
          @RequestParam(required = false)
          String municipality,
      @Parameter(
              description = "State code 1–32 (16 or 016)",
              schema = @Schema(type = "string", pattern = "^[0-9]{1,3}$"))
          @RequestParam(required = false)
          String state,
      @Parameter(
              description =
                  "Crime subtype as SESNSP names it; case and accents do not matter, e.g."
                      + " Homicidio doloso. Give crime or series",
              schema = @Schema(type = "string", minLength = 1))
          @RequestParam(required = false)
          String crime,
      @Parameter(
              description =
                  "A comparable series, counted in both catalogues (2015 methodology and 2026"
                      + " RNID), e.g. secuestro or robo-con-violencia. Give crime or series",
              schema = @Schema(type = "string", pattern = "^[a-z-]+$"))
          @RequestParam(required = false)
          String series,
      @Parameter(
              description = "First month, e.g. 2019-01",
              required = true,
              schema = @Schema(type = "string", pattern = MONTH_PATTERN))
          @RequestParam
          String from,
      @Parameter(
              description = "Last month, e.g. 2024-12",
              required = true,
              schema = @Schema(type = "string", pattern = MONTH_PATTERN))
          @RequestParam
          String to,
      @Parameter(
              description = "crimes (investigations) or victims",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"crimes", "victims"},
                      defaultValue = "crimes"))
          @RequestParam(defaultValue = "crimes")
          String measure,
      @Parameter(
              description = "json (default) or csv",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"json", "csv"}))
          @RequestParam(required = false)
          String format,
      @Parameter(
              description =
                  "es or en: the language of the denominators' labels and of an error; both"
                      + " languages when absent (crime names are SESNSP's own, in Spanish)",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"es", "en"}))
          @RequestParam(required = false)
          String lang,
      @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept)
      throws IOException {
    Locale only = lang == null ? null : Languages.parse(lang).orElseThrow();
    boolean csv =
        "csv".equals(format) || (format == null && accept != null && accept.contains(CSV));
    if (format != null && !"json".equals(format) && !"csv".equals(format)) {
      throw new BadRequest("request.invalid");
    }
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
    Chosen chosen = choose(crime, series, what, first, last);
    String subtype = chosen.subtype();
    MonthlyCounts counts =
        chosen.comparable() == null
            ? indicators.monthly(place, subtype, what)
            : indicators.monthly(place, chosen.comparable(), what);
    Map<Integer, Optional<Denominator>> denominators = new HashMap<>();
    List<MonthJson> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      Long count = counts.month(m).isPresent() ? counts.month(m).getAsLong() : null;
      Optional<Denominator> denominator =
          denominators.computeIfAbsent(m.getYear(), year -> denominator(place, chosen, year));
      months.add(
          new MonthJson(
              m.toString(),
              count,
              count == null || denominator.isEmpty()
                  ? null
                  : MonthlyCounts.ratePer100k(count, denominator.get().people()),
              counts.rolling12(m).isPresent() ? counts.rolling12(m).getAsLong() : null,
              counts.yearOverYear(m).orElse(null),
              counts.semaforo(m).map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null)));
    }
    List<DenominatorJson> used =
        denominators.values().stream()
            .flatMap(Optional::stream)
            .distinct()
            .sorted(Comparator.comparingInt(Denominator::year))
            .map(
                d -> new DenominatorJson(d.source(), d.year(), d.sex(), d.people(), label(d, only)))
            .toList();
    SeriesJson json =
        new SeriesJson(
            placeJson(place),
            subtype,
            chosen.comparable() == null
                ? null
                : new ComparableJson(
                    chosen.comparable().id(), TextJson.of(chosen.comparable().name(), only)),
            chosen.catalogueBreak() == null
                ? null
                : List.of(breakJson(chosen.catalogueBreak(), only)),
            what.name().toLowerCase(Locale.ROOT),
            first.toString(),
            last.toString(),
            used.isEmpty() ? null : used,
            months,
            license);
    Instant imported = indicators.lastImport().orElse(null);
    if (csv) {
      return csv(json, imported);
    }
    return responses.json(json, PublicReads.LATEST, imported, only);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "NeighbourFigure",
      requiredProperties = {"code", "neighbour", "monthsReported"})
  record NeighbourJson(
      @Schema(description = "Five-digit INEGI code", pattern = "^[0-9]{5}$") String code,
      @Schema(description = "As SESNSP's files name it; absent without figures") String name,
      @Schema(description = "false for the municipality asked about, true for its neighbours")
          boolean neighbour,
      @Schema(description = "Over the months reported; absent when none is", minimum = "0")
          Long count,
      @Schema(minimum = "0", maximum = "12") int monthsReported,
      @Schema(description = "Per 100,000 inhabitants; absent without a population figure")
          BigDecimal ratePer100k,
      DenominatorJson denominator) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "NeighbourComparison",
      requiredProperties = {"municipality", "crime", "year", "municipalities", "license"})
  record NeighboursJson(
      @Schema(pattern = "^[0-9]{5}$") String municipality,
      @Schema(description = "The subtype as SESNSP names it, or the comparable series' name")
          String crime,
      ComparableJson series,
      int year,
      @Schema(description = "The municipality first, then its neighbours in code order")
          List<NeighbourJson> municipalities,
      OpenDataProperties.License license) {}

  @GetMapping(value = "/api/v1/indicators/neighbours", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getNeighbourComparison",
      summary = "A municipality's yearly figure beside its neighbouring municipalities'",
      description =
          "The count over the year's reported months and the rate per 100,000 inhabitants of one"
              + " crime subtype (crime=) or comparable series (series=) at a municipality and at"
              + " each municipality that shares a border with it, from the adjacency list the"
              + " deployment imported (empty list of neighbours when none was). The year defaults"
              + " to the latest with figures. Crimes (carpetas de investigación) only.")
  @ApiResponse(
      responseCode = "200",
      description = "The municipality and its neighbours",
      headers =
          @Header(
              name = "Last-Modified",
              description = "When official figures were last imported",
              schema = @Schema(type = "string")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = NeighboursJson.class)))
  ResponseEntity<?> neighbours(
      @Parameter(
              description = "Five-digit INEGI municipality code, e.g. 02004 (Tijuana)",
              required = true,
              schema = @Schema(type = "string", pattern = "^[0-9]{5}$"))
          @RequestParam
          String municipality,
      @Parameter(
              description = "Crime subtype as SESNSP names it. Give crime or series",
              schema = @Schema(type = "string", minLength = 1))
          @RequestParam(required = false)
          String crime,
      @Parameter(
              description = "A comparable series, e.g. homicidio-doloso. Give crime or series",
              schema = @Schema(type = "string", pattern = "^[a-z-]+$"))
          @RequestParam(required = false)
          String series,
      @Parameter(
              description = "The year, e.g. 2024; the latest with figures when absent",
              schema = @Schema(type = "integer", minimum = "1990", maximum = "2100"))
          @RequestParam(required = false)
          String year,
      @Parameter(
              description = "es or en: the language of labels and errors; both when absent",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"es", "en"}))
          @RequestParam(required = false)
          String lang) {
    Locale only = lang == null ? null : Languages.parse(lang).orElseThrow();
    Place place = place(municipality, null);
    if (!(place instanceof Place.Municipality self) || self.isUnspecifiedBucket()) {
      throw new BadRequest("indicators.place");
    }
    int asked;
    if (year == null) {
      asked =
          indicators
              .latestReportedMonth()
              .map(YearMonth::getYear)
              .orElse(YearMonth.now().getYear());
    } else if (year.strip().matches("\\d{4}")) {
      asked = Integer.parseInt(year.strip());
    } else {
      throw new BadRequest("indicators.period", MAX_MONTHS / 12);
    }
    Chosen chosen =
        choose(crime, series, Measure.CRIMES, YearMonth.of(asked, 1), YearMonth.of(asked, 12));
    List<String> codes = new ArrayList<>();
    codes.add(self.code());
    codes.addAll(indicators.neighbours(self));
    Map<String, String> names = indicators.municipalityNames(codes);
    List<NeighbourJson> rows = new ArrayList<>();
    for (String code : codes) {
      Place.Municipality m = new Place.Municipality(code);
      MonthlyCounts counts =
          chosen.comparable() == null
              ? indicators.monthly(m, chosen.subtype(), Measure.CRIMES)
              : indicators.monthly(m, chosen.comparable(), Measure.CRIMES);
      Long count = counts.year(asked).isPresent() ? counts.year(asked).getAsLong() : null;
      Optional<Denominator> d = denominator(m, chosen, asked);
      rows.add(
          new NeighbourJson(
              code,
              names.get(code),
              !code.equals(self.code()),
              count,
              counts.monthsReported(asked),
              count == null || d.isEmpty()
                  ? null
                  : MonthlyCounts.ratePer100k(count, d.get().people()),
              d.map(
                      x ->
                          new DenominatorJson(
                              x.source(), x.year(), x.sex(), x.people(), label(x, only)))
                  .orElse(null)));
    }
    NeighboursJson json =
        new NeighboursJson(
            self.code(),
            chosen.subtype(),
            chosen.comparable() == null
                ? null
                : new ComparableJson(
                    chosen.comparable().id(), TextJson.of(chosen.comparable().name(), only)),
            asked,
            rows,
            license);
    return responses.json(json, PublicReads.LATEST, indicators.lastImport().orElse(null), only);
  }

  /** What was asked for: a subtype by name, or a comparable series (and where it breaks). */
  private record Chosen(
      String subtype, ComparableSeries comparable, CatalogueBreak catalogueBreak) {}

  private Chosen choose(
      String crime, String series, Measure what, YearMonth first, YearMonth last) {
    if ((crime == null) == (series == null)) {
      throw new BadRequest("request.invalid");
    }
    if (series != null) {
      ComparableSeries comparable =
          regrouping
              .series(series)
              .orElseThrow(
                  () ->
                      new BadRequest(
                          "indicators.unknown-series",
                          series,
                          regrouping.all().stream()
                              .map(ComparableSeries::id)
                              .collect(java.util.stream.Collectors.joining(", "))));
      return new Chosen(
          comparable.name().es(),
          comparable,
          regrouping.breakIn(comparable, first, last).orElse(null));
    }
    try {
      String subtype = indicators.subtype(crime, what);
      return new Chosen(subtype, null, regrouping.breakIn(subtype, first, last).orElse(null));
    } catch (UnknownSubtype e) {
      throw new BadRequest(
          "indicators.unknown-crime", crime, String.join("; ", e.closest()), e.closest().size());
    }
  }

  private Optional<Denominator> denominator(Place place, Chosen chosen, int year) {
    return chosen.comparable() == null
        ? indicators.denominator(place, chosen.subtype(), year)
        : indicators.denominator(place, chosen.comparable(), year);
  }

  private BreakJson breakJson(CatalogueBreak b, Locale only) {
    LocalizedText note =
        b.note() != null && !b.note().isEmpty()
            ? b.note()
            : LocalizedText.of(
                messages.getMessage(
                    "indicators.break.no-comparable-series",
                    new Object[] {String.join(", ", b.series()), b.series().size()},
                    LocalizedText.SPANISH),
                messages.getMessage(
                    "indicators.break.no-comparable-series",
                    new Object[] {String.join(", ", b.series()), b.series().size()},
                    LocalizedText.ENGLISH));
    return new BreakJson(
        b.month().toString(),
        b.reason(),
        TextJson.of(note, only),
        b.series().isEmpty() ? null : b.series());
  }

  /** The denominator's name in the asked language, or in both. */
  private TextJson label(Denominator d, Locale only) {
    String key = "indicators.denominator." + d.source() + "." + d.sex();
    String year = Integer.toString(d.year());
    return TextJson.of(
        LocalizedText.of(
            messages.getMessage(key, new Object[] {year}, d.label(), LocalizedText.SPANISH),
            messages.getMessage(key, new Object[] {year}, d.label(), LocalizedText.ENGLISH)),
        only);
  }

  private static ResponseEntity<byte[]> csv(SeriesJson json, Instant imported) throws IOException {
    StringWriter out = new StringWriter();
    // A byte-order mark lets spreadsheet programs recognise UTF-8 (accents in crime names).
    out.write('\uFEFF');
    try (CSVPrinter csv = CSVFormat.RFC4180.print(out)) {
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
    byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    ResponseEntity.BodyBuilder response =
        ResponseEntity.ok()
            .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(
                HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"indicators-" + json.place().code() + ".csv\"")
            // No translated text in it: the crime names are SESNSP's own.
            .header(HttpHeaders.CONTENT_LANGUAGE, PublicReads.contentLanguage(null))
            .cacheControl(PublicReads.LATEST)
            .eTag(PublicReads.strongETag(body));
    if (imported != null) {
      response.lastModified(imported);
    }
    return response.body(body);
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
