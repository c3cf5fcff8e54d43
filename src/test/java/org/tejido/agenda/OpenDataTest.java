package org.tejido.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.support.TejidoTest;

/** The published agendas as open data: JSON API, CSV and the OpenAPI document. */
@TejidoTest
class OpenDataTest {

  @Autowired MockMvc mvc;

  @Test
  void theApiGivesBothLanguagesByDefaultAndOneOnRequest() throws Exception {
    mvc.perform(get("/api/v1/sites/tijuana/agenda"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.site").value("tijuana"))
        .andExpect(jsonPath("$.version").value(1))
        .andExpect(jsonPath("$.participants").value(61))
        .andExpect(jsonPath("$.issues.length()").value(9))
        .andExpect(jsonPath("$.issues[8].id").value("tij-9"))
        .andExpect(jsonPath("$.issues[8].domains.length()").value(5))
        .andExpect(
            jsonPath("$.issues[0].title.es")
                .value("La policía es un actor que nos hace sentir inseguros"))
        .andExpect(
            jsonPath("$.issues[0].title.en")
                .value("The police are an actor that makes us feel unsafe"));
    mvc.perform(get("/api/v1/sites/tijuana/agenda?lang=en"))
        .andExpect(jsonPath("$.issues[0].title.en").exists())
        .andExpect(jsonPath("$.issues[0].title.es").doesNotExist())
        .andExpect(jsonPath("$.proposals[0].issues[0]").value("tij-4"));
  }

  @Test
  void theSitesApiListsAllFourWithTheSuspensionReason() throws Exception {
    mvc.perform(get("/api/v1/sites"))
        .andExpect(jsonPath("$[0].key").value("apatzingan"))
        .andExpect(jsonPath("$[0].inegiCode").value("16006"))
        .andExpect(jsonPath("$[3].status").value("suspended_for_safety"))
        .andExpect(jsonPath("$[3].statusReason.es").isNotEmpty())
        .andExpect(jsonPath("$[3].agenda").doesNotExist());
    mvc.perform(get("/api/v1/sites/guadalupe"))
        .andExpect(jsonPath("$.neighbourhood").value("Nuevo Almaguer"));
  }

  @Test
  void theCsvHasEveryIssueAndProposalWithTheirLinks() throws Exception {
    var response = mvc.perform(get("/sites/apatzingan/agenda.csv")).andReturn().getResponse();
    assertThat(response.getContentType()).startsWith("text/csv");
    assertThat(response.getHeader("Content-Disposition"))
        .contains("tejido-apatzingan-agenda-v1.csv");
    String body = response.getContentAsString(StandardCharsets.UTF_8);
    assertThat(body).startsWith("\uFEFF");
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(body.substring(1)))
            .getRecords();
    assertThat(rows.stream().filter(r -> r.get("kind").equals("issue"))).hasSize(13);
    assertThat(rows.stream().filter(r -> r.get("kind").equals("proposal"))).hasSize(18);
    CSVRecord first =
        rows.stream().filter(r -> r.get("kind").equals("proposal")).findFirst().orElseThrow();
    assertThat(first.get("addressee")).isEqualTo("authorities");
    assertThat(first.get("answers_issues")).isEqualTo("apa-1;apa-4");
    assertThat(rows.get(0).get("text_es")).isEqualTo("Agresiones, asaltos y robos");
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() throws Exception {
    mvc.perform(get("/api/v1/openapi.json"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.openapi").exists())
        .andExpect(jsonPath("$.paths['/api/v1/sites']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/sites/{key}']").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/sites/{key}/agenda'].get.parameters[?(@.name == 'version')]")
                .exists());
  }

  @Test
  void earlierVersionsStayReachable() throws Exception {
    mvc.perform(get("/api/v1/sites/guadalupe/agenda"))
        .andExpect(
            jsonPath("$.versions[0].href").value("/api/v1/sites/guadalupe/agenda?version=1"));
    // A published version is immutable: it leaves out the list of versions, which grows.
    mvc.perform(get("/api/v1/sites/guadalupe/agenda?version=1"))
        .andExpect(jsonPath("$.version").value(1))
        .andExpect(jsonPath("$.versions").doesNotExist());
  }
}
