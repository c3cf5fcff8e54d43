package org.tejido.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A silenced issue between public ones leaves no trace in what is published: no gap in the
 * positions, no link from a proposal; and the editor says what will be published.
 */
@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
class SilencedSideChannelsTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired Agendas agendas;
  @Autowired AuditLog audit;
  @Autowired ObjectMapper json;

  private Site site;
  private Person coordinator;
  private String silencedRef;

  @BeforeAll
  void publishPublicSilencedPublic() {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    UUID first =
        editing.addIssue(
            site,
            new IssueInput(
                "Primero público", "First public", null, null, List.of("personal"), false));
    UUID silenced =
        editing.addIssue(
            site, new IssueInput("Callado 9c1e", "Quiet 9c1e", null, null, List.of(), true));
    editing.addIssue(
        site,
        new IssueInput("Segundo público", "Second public", null, null, List.of("personal"), false));
    editing.addProposal(
        site,
        new ProposalInput(
            "authorities", "Propuesta mixta", "Mixed proposal", List.of(first, silenced)));
    editing.publish(site);
    silencedRef = agendas.latestPublishedForTeam(site).orElseThrow().silencedIssues().get(0).ref();
    fixtures.actAsNobody();
  }

  private String body(String path) throws Exception {
    return mvc.perform(get(path).accept(path.contains("/api/") ? "application/json" : "*/*"))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void publicPositionsAreContiguous() throws Exception {
    for (String version : List.of("", "?version=1")) {
      JsonNode agenda = json.readTree(body("/api/v1/sites/" + site.key() + "/agenda" + version));
      List<Integer> positions = new ArrayList<>();
      agenda.get("issues").forEach(i -> positions.add(i.get("position").asInt()));
      assertThat(positions).containsExactly(1, 2);
      assertThat(agenda.get("issues").get(1).get("title").get("es").asString())
          .isEqualTo("Segundo público");
      JsonNode proposal = agenda.get("proposals").get(0);
      assertThat(proposal.get("position").asInt()).isEqualTo(1);
      assertThat(proposal.get("issues")).hasSize(1);

      String csv = body("/sites/" + site.key() + "/agenda.csv" + version);
      List<String> issuePositions = new ArrayList<>();
      for (String line : csv.split("\r?\n")) {
        String[] c = line.split(",");
        if (c.length > 5 && c[3].equals("issue")) {
          issuePositions.add(c[5]);
        }
      }
      assertThat(issuePositions).containsExactly("1", "2");
    }
    String page = body("/sites/" + site.key() + "/agenda");
    assertThat(page).contains("Primero público").contains("Segundo público");
  }

  @Test
  void nothingPublicRevealsTheSilencedIssue() throws Exception {
    for (String path :
        List.of(
            "/api/v1/sites/" + site.key() + "/agenda",
            "/sites/" + site.key() + "/agenda.csv",
            "/sites/" + site.key() + "/agenda",
            "/sites/" + site.key())) {
      assertThat(body(path))
          .as(path)
          .doesNotContain("9c1e")
          .doesNotContain(silencedRef)
          .doesNotContain("\"position\":3");
    }
  }

  @Test
  void theEditorWarnsThatALinkToASilencedIssueIsNotPublished() throws Exception {
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    fixtures.actAsNobody();
    for (String lang : List.of("es", "en")) {
      String page =
          mvc.perform(
                  get("/manage/sites/" + site.key() + "/agenda")
                      .session(session)
                      .header("Accept-Language", lang)
                      .accept("text/html"))
              .andReturn()
              .getResponse()
              .getContentAsString(StandardCharsets.UTF_8);
      assertThat(page)
          .contains(
              lang.equals("es")
                  ? "Responde a una problemática silenciada: se publicará sin ese vínculo"
                  : "Answers a silenced issue: it will be published without that link");
    }
    fixtures.actAs(coordinator);
    editing.discardDraft(site);
    fixtures.actAsNobody();
  }

  @Test
  void publishingAndReadingSilencedIssuesAreAudited() throws Exception {
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    mvc.perform(
        get("/manage/sites/" + site.key() + "/agenda").session(session).accept("text/html"));
    List<String> entries =
        audit.forSite(site.id().value(), 100, Long.MAX_VALUE).stream()
            .map(e -> e.action() + " " + e.subject())
            .toList();
    assertThat(entries)
        .contains(
            "agenda.draft.started version:1",
            "agenda.issue.added " + silencedRef,
            "agenda.published version:1",
            "agenda.silenced.read version:1");
    assertThat(entries.stream().filter(e -> e.startsWith("agenda.issue.added"))).hasSize(3);
    assertThat(entries.stream().filter(e -> e.startsWith("agenda.proposal.added"))).hasSize(1);
  }
}
