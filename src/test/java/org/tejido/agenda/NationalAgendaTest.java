package org.tejido.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Forbidden;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * The National Agenda: what a thread may pick (only public issues of published local versions),
 * cross-site threads, published versions that never change, and what the public page, the JSON and
 * the booklet show in both languages — never a silenced issue, a local draft or a national draft.
 */
@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
class NationalAgendaTest {

  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired Agendas agendas;
  @Autowired NationalAgendas national;
  @Autowired NationalAgendaEditing composing;
  @Autowired Sites sites;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;

  private Person admin;
  private Site norte;
  private Site sur;
  private UUID norteRobos;
  private UUID norteExtorsion;
  private UUID norteSilenced;
  private UUID norteDraftIssue;
  private UUID surRobos;

  @BeforeAll
  void setUp() {
    admin = fixtures.administrator();
    norte = fixtures.freshSite();
    sur = fixtures.freshSite();
    Person norteCoordinator = fixtures.withRole(norte.key(), SiteRole.COORDINATOR);
    Person surCoordinator = fixtures.withRole(sur.key(), SiteRole.COORDINATOR);

    fixtures.actAs(norteCoordinator);
    editing.startDraft(norte);
    norteRobos = editing.addIssue(norte, issue("Robos en el norte", "Robberies in the north"));
    norteExtorsion =
        editing.addIssue(norte, issue("Extorsión a comercios", "Extortion of small shops"));
    norteSilenced =
        editing.addIssue(
            norte,
            new IssueInput(
                "Tema callado del norte", "Hushed northern issue", null, null, List.of(), true));
    editing.publish(norte);
    // Version 2 stays a draft: its new issue is not public.
    editing.startDraft(norte);
    norteDraftIssue =
        editing.addIssue(norte, issue("Tema del borrador local", "Local draft issue"));
    norteRobos = publishedIssueId(norte, "Robos en el norte");
    norteExtorsion = publishedIssueId(norte, "Extorsión a comercios");
    norteSilenced =
        jdbc.sql(
                "select i.id from agenda_issue i join agenda_version v on v.id = i.version_id"
                    + " where v.site_id = ? and v.state = 'published' and i.silenced")
            .param(norte.id().value())
            .query(UUID.class)
            .single();

    fixtures.actAs(surCoordinator);
    editing.startDraft(sur);
    editing.addIssue(sur, issue("Robos en el sur", "Robberies in the south"));
    editing.publish(sur);
    surRobos = publishedIssueId(sur, "Robos en el sur");
    fixtures.actAsNobody();
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void aThreadRefusesSilencedIssuesIssuesOfLocalDraftsAndUnknownIssues() {
    fixtures.actAs(admin);
    freshDraft();
    for (UUID refused : List.of(norteSilenced, norteDraftIssue, UUID.randomUUID())) {
      assertThatThrownBy(() -> composing.addThread(thread("Hilo", "Thread", norteRobos, refused)))
          .isInstanceOfSatisfying(
              BadRequest.class,
              e ->
                  assertThat(e.fieldErrors())
                      .containsEntry("issues", "validation.national.issues.not-public"));
    }
    assertThat(national.draft().orElseThrow().threads()).isEmpty();
    // The candidates offered are the public issues of the latest published versions only.
    List<UUID> offered = national.candidates().stream().map(LocalOrigin::issueId).toList();
    assertThat(offered).contains(norteRobos, norteExtorsion, surRobos);
    assertThat(offered).doesNotContain(norteSilenced, norteDraftIssue);
  }

  @Test
  void theCompositionFormShowsWhyASilencedIssueIsRefusedAndKeepsWhatWasTyped() throws Exception {
    fixtures.actAs(admin);
    freshDraft();
    fixtures.actAsNobody();
    var session = fixtures.signIn(mvc, admin);
    for (String lang : List.of("es", "en")) {
      MockHttpServletResponse response =
          mvc.perform(
                  org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                          "/admin/national-agenda/threads")
                      .with(
                          org.springframework.security.test.web.servlet.request
                              .SecurityMockMvcRequestPostProcessors.csrf())
                      .session(session)
                      .header("Accept-Language", lang)
                      .param("titleEs", "Hilo tecleado")
                      .param("titleEn", "Typed thread")
                      .param("domain", "personal")
                      .param("issues", norteRobos.toString(), norteSilenced.toString()))
              .andReturn()
              .getResponse();
      assertThat(response.getStatus()).isEqualTo(422);
      String body = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(body)
          .contains(
              lang.equals("es")
                  ? "Solo se pueden elegir temas públicos de agendas locales publicadas."
                  : "Only public issues of published local agendas can be chosen.",
              "Hilo tecleado",
              "Typed thread")
          .doesNotContain("Tema callado del norte", norteSilenced.toString());
    }
    fixtures.actAs(admin);
    assertThat(national.draft().orElseThrow().threads()).isEmpty();
  }

  @Test
  void theDatabaseItselfRefusesASilencedIssueInAThread() {
    fixtures.actAs(admin);
    freshDraft();
    UUID thread = composing.addThread(thread("Hilo", "Thread", norteRobos));
    assertThatThrownBy(
            () ->
                jdbc.sql("insert into national_thread_issue (thread_id, issue_id) values (?, ?)")
                    .params(thread, norteSilenced)
                    .update())
        .hasMessageContaining("only public issues");
  }

  @Test
  void aCrossSiteThreadNamesEachSiteOnceAndLinksBackToEveryLocalIssue() {
    fixtures.actAs(admin);
    freshDraft();
    composing.addThread(
        thread(
            "Robos en varios sitios",
            "Robberies in several sites",
            norteRobos,
            norteExtorsion,
            surRobos));
    NationalThread thread = national.draft().orElseThrow().threads().get(0);
    assertThat(thread.sites())
        .extracting(NationalThread.RaisedBy::siteKey)
        .containsExactly(norte.key(), sur.key());
    assertThat(thread.origins())
        .extracting(LocalOrigin::href)
        .allMatch(href -> href.matches("/sites/test-site-\\d+/agenda\\?version=1#issue-.+"))
        .hasSize(3);
  }

  @Test
  void onlyThePlatformAdministratorComposesTheNationalAgenda() {
    fixtures.actAs(fixtures.withRole(norte.key(), SiteRole.COORDINATOR));
    assertThatThrownBy(() -> composing.startDraft()).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> national.draft()).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> national.candidates()).isInstanceOf(Forbidden.class);
  }

  @Test
  void aPublishedVersionNeverChangesAndTheNextDraftStartsFromIt() throws Exception {
    fixtures.actAs(admin);
    freshDraft();
    UUID thread = composing.addThread(thread("Hilo inmutable", "Immutable thread", surRobos));
    NationalAgendaVersion published = composing.publish();
    assertThatThrownBy(
            () ->
                jdbc.sql("update national_thread set title_es = 'cambiado' where id = ?")
                    .param(thread)
                    .update())
        .hasMessageContaining("cannot change");
    assertThatThrownBy(
            () ->
                jdbc.sql("delete from national_agenda_version where id = ?")
                    .param(published.id())
                    .update())
        .hasMessageContaining("cannot change");

    composing.startDraft();
    NationalThread copied = national.draft().orElseThrow().threads().get(0);
    assertThat(copied.title().es()).isEqualTo("Hilo inmutable");
    composing.updateThread(copied.id(), thread("Hilo reescrito", "Rewritten thread", surRobos));
    fixtures.actAsNobody();

    String old = page("/national-agenda?version=" + published.number(), "es");
    assertThat(old).contains("Hilo inmutable").doesNotContain("Hilo reescrito");
    assertThat(national.published(published.number()).threads().get(0).title().es())
        .isEqualTo("Hilo inmutable");
  }

  @Test
  void thePublicPageJsonAndBookletShowThreadsInBothLanguagesAndNothingSilencedOrDraft()
      throws Exception {
    fixtures.actAs(admin);
    freshDraft();
    UUID robos =
        composing.addThread(
            new NationalThreadInput(
                "Robos en la calle",
                "Street robberies",
                "Los robos se repiten en los sitios.",
                "Robberies recur across the sites.",
                "personal",
                List.of(norteRobos, surRobos)));
    composing.addStatement(
        new NationalStatementInput(
            NationalStatement.Kind.REQUIREMENT,
            "Policía de proximidad en cada colonia",
            "Community policing in every neighbourhood",
            List.of(robos)));
    int number = composing.publish().number();
    // A new draft with content of its own: never public.
    composing.startDraft();
    composing.addThread(thread("Hilo aún en borrador", "Thread still in draft", norteExtorsion));
    fixtures.actAsNobody();

    String es = page("/national-agenda", "es");
    assertThat(es)
        .contains(
            "Robos en la calle",
            "Los robos se repiten en los sitios.",
            "Policía de proximidad en cada colonia",
            "Planteado en 2 sitios",
            "Robos en el norte",
            "/sites/" + norte.key() + "/agenda?version=1#issue-");
    String en = page("/national-agenda", "en");
    assertThat(en)
        .contains(
            "Street robberies",
            "Community policing in every neighbourhood",
            "Raised in 2 sites",
            "Robberies in the south");

    String json =
        mvc.perform(get("/api/v1/national-agenda?version=" + number))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(json)
        .contains(
            "\"Street robberies\"",
            "\"Robos en la calle\"",
            "\"sites\":[\"" + norte.key() + "\",\"" + sur.key() + "\"]",
            "\"threads\":[1]");

    String pdfEs = pdfText("/national-agenda.pdf?version=" + number + "&lang=es");
    assertThat(pdfEs).contains("Robos en la calle", "Policía de proximidad en cada colonia");
    String pdfEn = pdfText("/national-agenda.pdf?version=" + number + "&lang=en&format=letter");
    assertThat(pdfEn).contains("Street robberies", "Community policing in every neighbourhood");

    for (String body : List.of(es, en, json, pdfEs, pdfEn)) {
      assertThat(body)
          .doesNotContain(
              "Tema callado del norte",
              "Hushed northern issue",
              "Tema del borrador local",
              "Local draft issue",
              "Hilo aún en borrador",
              "Thread still in draft");
    }
  }

  @Test
  void publishingEmptiesThePublicPageCacheAndASuspendedSiteDropsOut() throws Exception {
    fixtures.actAs(admin);
    freshDraft();
    composing.addThread(thread("Hilo antes de la caché", "Before the cache", norteRobos, surRobos));
    composing.publish();
    fixtures.actAsNobody();
    assertThat(page("/national-agenda", "es")).contains("Hilo antes de la caché");

    fixtures.actAs(admin);
    freshDraft();
    composing.addThread(
        thread("Hilo después de publicar", "After publishing", norteRobos, surRobos));
    composing.publish();
    fixtures.actAsNobody();
    assertThat(page("/national-agenda", "es")).contains("Hilo después de publicar");

    Site suspended = fixtures.freshSite();
    Person coordinator = fixtures.withRole(suspended.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    editing.startDraft(suspended);
    editing.addIssue(suspended, issue("Tema de un sitio en riesgo", "At-risk site issue"));
    editing.publish(suspended);
    UUID atRisk = publishedIssueId(suspended, "Tema de un sitio en riesgo");
    fixtures.actAs(admin);
    freshDraft();
    composing.addThread(
        thread("Hilo con sitio en riesgo", "Thread with an at-risk site", atRisk, surRobos));
    int number = composing.publish().number();
    assertThat(page("/national-agenda", "es")).contains("Tema de un sitio en riesgo");
    sites.suspend(suspended.key(), new LocalizedText("Riesgo", "Risk"));
    fixtures.actAsNobody();
    String after = page("/national-agenda?version=" + number, "es");
    assertThat(after)
        .contains("Hilo con sitio en riesgo")
        .doesNotContain("Tema de un sitio en riesgo");
    assertThat(pdfText("/national-agenda.pdf?version=" + number + "&lang=es"))
        .doesNotContain("Tema de un sitio en riesgo");
  }

  @Test
  void theFirstDraftStartsFromTheNationalPrinciples() {
    fixtures.actAs(admin);
    freshDraft();
    // Whatever earlier tests published, a draft carries principles in both languages.
    assertThat(national.draft().orElseThrow().principles())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.text().en()).isNotBlank());
  }

  // ---- helpers ----

  private void freshDraft() {
    if (national.draft().isPresent()) {
      composing.discardDraft();
    }
    composing.startDraft();
    NationalAgenda draft = national.draft().orElseThrow();
    for (NationalThread t : draft.threads()) {
      composing.deleteThread(t.id());
    }
  }

  private static IssueInput issue(String es, String en) {
    return new IssueInput(es, en, null, null, List.of("personal"), false);
  }

  private static NationalThreadInput thread(String es, String en, UUID... issues) {
    return new NationalThreadInput(es, en, null, null, "personal", List.of(issues));
  }

  private UUID publishedIssueId(Site site, String title) {
    return agendas.latestPublished(site).orElseThrow().issues().stream()
        .filter(i -> i.title().es().equals(title))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private String page(String path, String lang) throws Exception {
    MockHttpServletResponse response =
        mvc.perform(get(path).header("Accept-Language", lang).accept("text/html"))
            .andReturn()
            .getResponse();
    assertThat(response.getStatus()).as(path).isEqualTo(200);
    return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private String pdfText(String path) throws Exception {
    MockHttpServletResponse response = mvc.perform(get(path)).andReturn().getResponse();
    assertThat(response.getStatus()).as(path).isEqualTo(200);
    assertThat(response.getContentType()).isEqualTo("application/pdf");
    try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
      return new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
    }
  }
}
