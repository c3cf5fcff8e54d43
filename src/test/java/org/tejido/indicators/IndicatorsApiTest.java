package org.tejido.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.support.TejidoTest;

/** {@code GET /api/v1/indicators} as a client sees it, anonymous, in JSON and CSV. */
@TejidoTest
class IndicatorsApiTest {

  private static final Path RESOURCES = Path.of("src/test/resources/indicators");

  @Autowired MockMvc mvc;
  @Autowired IndicatorImports imports;

  @BeforeEach
  void load() throws Exception {
    imports.load(RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"), null);
    imports.load(RESOURCES.resolve("conapo_total_excerpt.csv"), null);
  }

  @Test
  void givesAMunicipalitysMonthsWithRatesAndMissingMonthsAsNull() throws Exception {
    List<List<String>> raw =
        RawCsv.rows(
            RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"), StandardCharsets.UTF_8);
    long jan2021 = RawCsv.sum(raw, 7, "Homicidio doloso", "2021", 1, r -> true);
    List<List<String>> conapo =
        RawCsv.rows(RESOURCES.resolve("conapo_total_excerpt.csv"), StandardCharsets.UTF_8);
    long leon2021 =
        conapo.stream()
            .filter(r -> r.get(0).equals("11020"))
            .mapToLong(r -> Long.parseLong(r.get(3 + 2021 - 1990)))
            .sum();

    mvc.perform(
            get(
                "/api/v1/indicators?municipality=11020&crime=homicidio DOLOSO"
                    + "&from=2021-01&to=2025-12"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.place.level").value("municipality"))
        .andExpect(jsonPath("$.place.code").value("11020"))
        .andExpect(jsonPath("$.crime").value("Homicidio doloso"))
        .andExpect(jsonPath("$.months.length()").value(60))
        .andExpect(jsonPath("$.months[0].month").value("2021-01"))
        .andExpect(jsonPath("$.months[0].count").value(jan2021))
        .andExpect(
            jsonPath("$.months[0].ratePer100k")
                .value(MonthlyCounts.ratePer100k(jan2021, leon2021).doubleValue()))
        .andExpect(jsonPath("$.months[12].rolling12").isNumber())
        .andExpect(jsonPath("$.months[59].month").value("2025-12"))
        .andExpect(jsonPath("$.months[59].count").isEmpty())
        .andExpect(jsonPath("$.months[59].rolling12").doesNotExist())
        .andExpect(jsonPath("$.denominators[0].source").value("conapo"))
        .andExpect(jsonPath("$.denominators[0].year").value(2021));
  }

  @Test
  void givesCsvWhenAskedForItEitherWay() throws Exception {
    String byParameter =
        mvc.perform(
                get(
                    "/api/v1/indicators?municipality=11020&crime=Homicidio doloso"
                        + "&from=2025-11&to=2025-12&format=csv"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("text/csv"))
            .andExpect(header().exists("ETag"))
            .andExpect(header().string("Cache-Control", "max-age=60, public"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(byParameter.lines().toList())
        .hasSize(3)
        .first()
        // A byte-order mark first, so that spreadsheet programs read the accents as UTF-8.
        .isEqualTo(
            "\uFEFFplace,crime,measure,month,count,rate_per_100k,rolling_12_months,"
                + "year_over_year_percent,semaforo");
    assertThat(byParameter.lines().toList().get(2))
        .startsWith("11020,Homicidio doloso,crimes,2025-12,,");
    String byAccept =
        mvc.perform(
                get("/api/v1/indicators?municipality=11020&crime=Homicidio doloso"
                        + "&from=2025-11&to=2025-12")
                    .accept("text/csv"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(byAccept).isEqualTo(byParameter);
  }

  @Test
  void refusesAnUnknownCrimeNamingTheCloseOnesAndBadPlacesOrPeriods() throws Exception {
    mvc.perform(
            get(
                "/api/v1/indicators?municipality=11020&crime=homicidio dolso"
                    + "&from=2021-01&to=2021-12"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("indicators.unknown-crime"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Homicidio doloso")));
    mvc.perform(get("/api/v1/indicators?municipality=1102&crime=x&from=2021-01&to=2021-12"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("indicators.place"));
    mvc.perform(get("/api/v1/indicators?municipality=11020&crime=x&from=2021-12&to=2021-01"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("indicators.period"));
    mvc.perform(get("/api/v1/indicators?crime=x&from=1900-01&to=2024-12"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("indicators.period"));
  }

  @Test
  void isCacheableUntilTheNextImportAndCarriesTheLicenceAndTheAskedLanguage() throws Exception {
    String path =
        "/api/v1/indicators?municipality=11020&crime=Homicidio doloso&from=2021-01&to=2021-03";
    var first =
        mvc.perform(get(path + "&lang=en"))
            .andExpect(status().isOk())
            .andExpect(content().contentType("application/json"))
            .andExpect(header().string("Cache-Control", "max-age=60, public"))
            .andExpect(header().exists("Last-Modified"))
            .andExpect(header().string("Content-Language", "en"))
            .andExpect(header().string("Link", org.hamcrest.Matchers.containsString("license")))
            .andExpect(jsonPath("$.license.id").value("CC-BY-4.0"))
            .andExpect(
                jsonPath("$.denominators[0].label.en")
                    .value("CONAPO population projections (2023 round), 2021"))
            .andExpect(jsonPath("$.denominators[0].label.es").doesNotExist())
            .andReturn()
            .getResponse();
    mvc.perform(get(path + "&lang=en").header("If-None-Match", first.getHeader("ETag")))
        .andExpect(status().isNotModified());
    mvc.perform(get(path))
        .andExpect(header().string("Content-Language", "es, en"))
        .andExpect(
            jsonPath("$.denominators[0].label.es")
                .value("Proyecciones de población de CONAPO (ronda 2023), 2021"));
  }
}
