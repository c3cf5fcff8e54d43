package org.tejido.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.agenda.AgendaChanges.IssueChange;
import org.tejido.agenda.AgendaChanges.Kind;
import org.tejido.agenda.AgendaChanges.ProposalChange;
import org.tejido.agenda.AgendaChanges.Segment;
import org.tejido.identity.SiteRole;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What changed between two versions of an agenda, on one site whose version 2 adds, removes,
 * rewords, moves, reorders and relinks issues and proposals, and speaks one silenced issue while
 * silencing another.
 */
@TejidoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgendaChangesTest {

  /** Words that exist only sealed: they must never reach a comparison. */
  private static final String SILENCED_V1 = "Extorsion del grupo armado";

  private static final String SILENCED_V2 = "Violencia familiar callada";

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired Agendas agendas;
  @Autowired AgendaVersionChanges changes;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  private final HttpClient client = HttpClient.newHttpClient();
  private Site site;
  private Fixtures.Person coordinator;
  private Fixtures.Person community;

  @BeforeAll
  void twoPublishedVersions() {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    community = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    UUID robos =
        editing.addIssue(
            site,
            new IssueInput(
                "Robos en la calle",
                "Robberies in the street",
                null,
                null,
                List.of("personal"),
                false));
    editing.addIssue(site, spoken("Falta de agua potable", "Lack of drinking water", "health"));
    UUID luz = editing.addIssue(site, spoken("Calles sin luz", "Unlit streets", "community"));
    UUID escuela =
        editing.addIssue(site, spoken("Jovenes sin escuela", "Youths out of school", "youth"));
    editing.addIssue(
        site, new IssueInput(SILENCED_V1, "Armed group extortion", null, null, List.of(), true));
    editing.addIssue(site, spoken("Violencia en casa", "Violence at home", "women"));
    editing.addProposal(
        site,
        new ProposalInput(
            "authorities", "Mas patrullas de noche", "More night patrols", List.of(robos)));
    editing.addProposal(
        site,
        new ProposalInput("community", "Jornadas de limpieza", "Clean-up days", List.of(luz)));
    editing.addProposal(
        site,
        new ProposalInput(
            "civil_society", "Talleres de oficios", "Trade workshops", List.of(escuela)));
    editing.publish(site);

    editing.startDraft(site);
    Agenda draft = agendas.draftForTeam(site).orElseThrow();
    editing.updateIssue(
        site,
        id(draft, "Robos en la calle"),
        new IssueInput(
            "Robos frecuentes en la calle principal",
            "Frequent robberies in the main street",
            null,
            null,
            List.of("personal"),
            false));
    editing.updateIssue(
        site,
        id(draft, "Falta de agua potable"),
        spoken("Falta de agua potable", "Lack of drinking water", "health", "environmental"));
    editing.moveIssue(site, id(draft, "Calles sin luz"), -1);
    editing.moveIssue(site, id(draft, "Calles sin luz"), -1);
    editing.deleteIssue(site, id(draft, "Jovenes sin escuela"));
    editing.updateIssue(
        site,
        id(draft, SILENCED_V1),
        spoken("Cobro de piso a comercios", "Protection money from shops", "economic"));
    editing.updateIssue(
        site,
        id(draft, "Violencia en casa"),
        new IssueInput(SILENCED_V2, "Silenced family violence", null, null, List.of(), true));
    UUID drogas = editing.addIssue(site, spoken("Venta de drogas", "Drug dealing", "personal"));
    Proposal patrols = proposal(draft, "Mas patrullas de noche");
    editing.updateProposal(
        site,
        patrols.id(),
        new ProposalInput(
            "community",
            "Mas patrullas de noche",
            "More night patrols",
            List.of(id(draft, "Robos en la calle"), id(draft, "Falta de agua potable"))));
    editing.updateProposal(
        site,
        proposal(draft, "Jornadas de limpieza").id(),
        new ProposalInput(
            "community",
            "Jornadas de limpieza cada mes",
            "Monthly clean-up days",
            List.of(id(draft, "Calles sin luz"))));
    editing.deleteProposal(site, proposal(draft, "Talleres de oficios").id());
    editing.addProposal(
        site,
        new ProposalInput(
            "authorities", "Cerrar puntos de venta", "Close dealing spots", List.of(drogas)));
    editing.setNote(
        site,
        new org.tejido.shared.LocalizedText(
            "Lo pidieron los vecinos en el taller", "Residents asked for it in the workshop"));
    editing.publish(site);
    fixtures.actAsNobody();
  }

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  private static IssueInput spoken(String es, String en, String... domains) {
    return new IssueInput(es, en, null, null, List.of(domains), false);
  }

  private static UUID id(Agenda draft, String titleEs) {
    return draft.issues().stream()
        .filter(i -> titleEs.equals(i.title().es()))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static Proposal proposal(Agenda draft, String textEs) {
    return draft.proposals().stream()
        .filter(p -> textEs.equals(p.text().es()))
        .findFirst()
        .orElseThrow();
  }

  private static IssueChange issue(AgendaChanges c, String titleEs) {
    return c.issues().stream()
        .filter(i -> titleEs.equals(i.current().title().es()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change for " + titleEs));
  }

  private static ProposalChange proposal(AgendaChanges c, String textEs) {
    return c.proposals().stream()
        .filter(p -> textEs.equals(p.current().text().es()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change for " + textEs));
  }

  private static List<String> words(List<Segment> segments, AgendaChanges.Op op) {
    return segments.stream().filter(s -> s.op() == op).map(s -> s.text().strip()).toList();
  }

  @Test
  void rewordingIsShownWordByWordInBothLanguages() {
    AgendaChanges c = changes.between(site, 1, 2);
    IssueChange robos = issue(c, "Robos frecuentes en la calle principal");

    assertThat(robos.kind()).isEqualTo(Kind.CHANGED);
    assertThat(words(robos.title().es(), AgendaChanges.Op.INSERTED))
        .containsExactly("frecuentes", "principal");
    assertThat(words(robos.title().es(), AgendaChanges.Op.DELETED)).isEmpty();
    assertThat(String.join("|", words(robos.title().en(), AgendaChanges.Op.INSERTED)))
        .contains("Frequent robberies")
        .contains("main");
    // A word changed in part (here its capital) is shown whole, deleted and inserted.
    assertThat(words(robos.title().en(), AgendaChanges.Op.DELETED)).containsExactly("Robberies");
  }

  @Test
  void addedRemovedMovedAndReorderedIssuesAreEachSaid() {
    AgendaChanges c = changes.between(site, 1, 2);

    assertThat(issue(c, "Venta de drogas").kind()).isEqualTo(Kind.ADDED);
    assertThat(issue(c, "Jovenes sin escuela").kind()).isEqualTo(Kind.REMOVED);
    IssueChange agua = issue(c, "Falta de agua potable");
    assertThat(agua.kind()).isEqualTo(Kind.CHANGED);
    assertThat(agua.domainsAdded()).containsExactly("environmental");
    assertThat(agua.title().changed()).isFalse();
    assertThat(agua.reordered()).isFalse();
    IssueChange luz = issue(c, "Calles sin luz");
    assertThat(luz.reordered()).isTrue();
    assertThat(luz.before().position()).isEqualTo(3);
    assertThat(luz.after().position()).isEqualTo(1);
    assertThat(c.unchangedIssues()).isZero();
  }

  @Test
  void aSilencedIssueSpokenAgainIsNewAndOneSilencedSinceIsRemovedWithoutSilencedWords() {
    AgendaChanges c = changes.between(site, 1, 2);

    assertThat(issue(c, "Cobro de piso a comercios").kind()).isEqualTo(Kind.ADDED);
    assertThat(issue(c, "Violencia en casa").kind()).isEqualTo(Kind.REMOVED);
    assertThat(c.toString()).doesNotContain(SILENCED_V1, SILENCED_V2, "Armed group", "Silenced");
  }

  @Test
  void proposalsMovedToAnotherAddresseeRewordedRelinkedAddedAndRemoved() {
    AgendaChanges c = changes.between(site, 1, 2);

    ProposalChange patrols = proposal(c, "Mas patrullas de noche");
    assertThat(patrols.addresseeChanged()).isTrue();
    assertThat(patrols.before().addressee()).isEqualTo("authorities");
    assertThat(patrols.text().changed()).isFalse();
    assertThat(patrols.issuesAdded()).hasSize(1);
    assertThat(c.issueTitles().get(patrols.issuesAdded().get(0)).es())
        .isEqualTo("Falta de agua potable");
    assertThat(patrols.issuesRemoved()).isEmpty();

    ProposalChange cleanUp = proposal(c, "Jornadas de limpieza cada mes");
    assertThat(words(cleanUp.text().es(), AgendaChanges.Op.INSERTED)).containsExactly("cada mes");
    assertThat(cleanUp.text().in(Locale.ENGLISH)).isEqualTo(cleanUp.text().en());

    assertThat(proposal(c, "Talleres de oficios").kind()).isEqualTo(Kind.REMOVED);
    assertThat(proposal(c, "Cerrar puntos de venta").kind()).isEqualTo(Kind.ADDED);
    assertThat(c.note().en()).isEqualTo("Residents asked for it in the workshop");
  }

  @Test
  void versionsMustBeInOrderAndPublished() {
    assertThatThrownBy(() -> changes.between(site, 2, 1))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.code()).isEqualTo("agenda.changes.order"));
    assertThatThrownBy(() -> changes.between(site, 2, 2)).isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> changes.between(site, 1, 9))
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("agenda.version.not-found"));
  }

  private HttpResponse<String> http(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept-Language", "en")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePublicPageMarksInsertedAndDeletedWordsForEveryReaderAndNeverASilencedWord()
      throws Exception {
    var page = http("/sites/" + site.key() + "/agenda/changes");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("From version 1")
        .contains("<ins><span class=\"visually-hidden\">[added text:]</span>Frequent")
        .contains("Residents asked for it in the workshop")
        .contains("Changed place: it was number 3, now it is 1.")
        .contains("Now also in</span>: <ins>Environmental security</ins>")
        .contains("Now also answers</span>: <ins>Lack of drinking water</ins>")
        .contains("Addressed before to:")
        .doesNotContain(SILENCED_V1, SILENCED_V2, "Armed group", "Silenced family");
    assertThat(page.headers().firstValue("ETag")).isPresent();

    var agenda = http("/sites/" + site.key() + "/agenda");
    assertThat(agenda.body()).contains("/sites/" + site.key() + "/agenda/changes?from=1&amp;to=2");
  }

  @Test
  void theJsonListsTheChangesInOneLanguageAndAnExplicitPairIsImmutable() throws Exception {
    var answer = http("/api/v1/sites/" + site.key() + "/agenda/changes?from=1&to=2&lang=es");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
    JsonNode body = json.readTree(answer.body());
    assertThat(body.get("from").asInt()).isEqualTo(1);
    assertThat(body.get("note").get("es").asString())
        .isEqualTo("Lo pidieron los vecinos en el taller");
    assertThat(body.get("issues").toString())
        .contains("\"op\":\"inserted\",\"text\":\"frecuentes ")
        .doesNotContain("\"en\"");
    assertThat(answer.body()).doesNotContain(SILENCED_V1, SILENCED_V2, "Armed group");

    var latest = http("/api/v1/sites/" + site.key() + "/agenda/changes");
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(latest.headers().firstValue("Cache-Control").orElseThrow())
        .doesNotContain("immutable");
  }

  @Test
  void malformedOrReversedNumbersAre400AndUnknownVersionsOrSites404() throws Exception {
    String base = "/sites/" + site.key() + "/agenda/changes";
    String api = "/api/v1/sites/" + site.key() + "/agenda/changes";
    assertThat(http(base + "?from=2&to=1").statusCode()).isEqualTo(400);
    assertThat(http(base + "?from=2&to=1").body()).contains("must be earlier than the second");
    assertThat(http(base + "?from=abc&to=2").statusCode()).isEqualTo(400);
    assertThat(http(api + "?from=1&to=1").statusCode()).isEqualTo(400);
    JsonNode problem = json.readTree(http(api + "?from=x").body());
    assertThat(problem.get("code").asString()).isEqualTo("agenda.changes.number");
    assertThat(http(base + "?from=1&to=7").statusCode()).isEqualTo(404);
    assertThat(http(api + "?from=1&to=7").statusCode()).isEqualTo(404);
    assertThat(http("/sites/atlantis/agenda/changes").statusCode()).isEqualTo(404);
    assertThat(http("/api/v1/sites/atlantis/agenda/changes").statusCode()).isEqualTo(404);
  }

  @Test
  void theCoordinatorSeesWhatPublishingTheDraftWouldChangeAndNoOneElseDoes() throws Exception {
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    Agenda draft = agendas.draftForTeam(site).orElseThrow();
    editing.deleteIssue(site, id(draft, "Venta de drogas"));
    fixtures.actAsNobody();
    try {
      MockHttpSession session = fixtures.signIn(mvc, coordinator);
      String page =
          mvc.perform(
                  get("/manage/sites/" + site.key() + "/agenda/draft/changes")
                      .session(session)
                      .header("Accept-Language", "en"))
              .andReturn()
              .getResponse()
              .getContentAsString();
      assertThat(page).contains("Changes since version 2", "Drug dealing", "Removed");
      assertThat(page).doesNotContain(SILENCED_V2, "Silenced family");

      mvc.perform(
              post("/manage/sites/" + site.key() + "/agenda/draft/note")
                  .session(session)
                  .with(csrf())
                  .param("noteEs", "Se retiro un tema repetido")
                  .param("noteEn", "A repeated issue was removed"))
          .andReturn();
      fixtures.actAs(coordinator);
      assertThat(changes.draftSinceLatest(site).orElseThrow().note().es())
          .isEqualTo("Se retiro un tema repetido");
      fixtures.actAsNobody();

      MockHttpSession researcher = fixtures.signIn(mvc, community);
      assertThat(
              mvc.perform(
                      get("/manage/sites/" + site.key() + "/agenda/draft/changes")
                          .session(researcher))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .isEqualTo(403);
      // The public comparison never shows the draft.
      assertThat(http("/sites/" + site.key() + "/agenda/changes").body())
          .contains("Drug dealing")
          .doesNotContain("A repeated issue was removed");
    } finally {
      fixtures.actAs(coordinator);
      editing.discardDraft(site);
      fixtures.actAsNobody();
    }
  }
}
