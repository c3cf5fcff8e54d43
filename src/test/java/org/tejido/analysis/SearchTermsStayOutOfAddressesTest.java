package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.Sources;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * Words searched for may be names heard in testimony: they travel in a request's body, never in an
 * address (access logs, the browser's history, the next request's {@code Referer}).
 */
@TejidoTest
class SearchTermsStayOutOfAddressesTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired Codebook codebook;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private static String body(MvcResult r) throws Exception {
    return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void aSearchIsPostedAndItsWordsNeverAppearInAnAddress() throws Exception {
    AnalysisFixtures f = AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    String robo = AnalysisFixtures.codeNamed(codebook, f.site(), "Robo").toString();
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, f.coordinator());
    String search = "/manage/sites/" + f.site().key() + "/analysis/queries/search";

    String form = body(mvc.perform(get(search).session(session)).andReturn());
    assertThat(form).contains("method=\"post\" role=\"search\"");

    MvcResult found =
        mvc.perform(post(search).session(session).with(csrf()).param("q", "robos")).andReturn();
    assertThat(found.getResponse().getStatus()).isEqualTo(200);
    assertThat(body(found)).contains("<mark>robos</mark>");
    assertThat(body(found))
        .as("no link or form on the results page carries the words in its address")
        .doesNotContainPattern("(href|action)=\"[^\"]*robos");

    MvcResult byAddress = mvc.perform(get(search + "?q=robos").session(session)).andReturn();
    assertThat(body(byAddress))
        .as("words in an address are not searched for")
        .doesNotContain("<mark>");

    MvcResult coded =
        mvc.perform(
                post(search + "/code")
                    .session(session)
                    .with(csrf())
                    .param("q", "robos")
                    .param("code", robo))
            .andReturn();
    assertThat(coded.getResponse().getRedirectedUrl()).isEqualTo(search);
    MvcResult after =
        mvc.perform(get(search).session(session).flashAttrs(coded.getFlashMap())).andReturn();
    assertThat(body(after)).contains("<mark>robos</mark>");
  }
}
