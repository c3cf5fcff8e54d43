package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.EvidenceQuotes;
import org.tejido.agenda.IssueEvidence;
import org.tejido.agenda.IssueInput;
import org.tejido.fieldwork.Consent;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.fieldwork.Withdrawals;
import org.tejido.identity.SiteRole;
import org.tejido.shared.Forbidden;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * Coded segments as evidence for agenda issues: the team sees every quote and the counts by
 * population group; the public sees only chosen quotes of spoken issues whose speaker consents to
 * be quoted in published agendas, on the page, never in the JSON or CSV, and a withdrawal or a
 * narrower consent takes them off at once, also from the page served from memory.
 */
@TejidoTest
class AgendaEvidenceTest {

  private static final String CONSENTING = "Hay robos cada noche";
  private static final String NOT_FOR_PUBLICATION = "Nos extorsionan en el mercado";
  private static final String NEVER_CONSENTED = "Nadie viene cuando llamamos";
  private static final String ON_SILENCED = "Cobran cuota a los tenderos";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Participants participants;
  @Autowired Withdrawals withdrawals;
  @Autowired Deidentification deidentification;
  @Autowired Codebook codebook;
  @Autowired Codings codings;
  @Autowired AgendaEditing editing;
  @Autowired Agendas agendas;
  @Autowired IssueEvidence evidence;

  private Site site;
  private Person coordinator;
  private Participant ana;
  private Participant bea;
  private Participant cruz;
  private UUID spoken;
  private UUID silenced;
  private UUID[] coding = new UUID[4];

  @BeforeEach
  void aPublishedAgendaWithEvidence() {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, AnalysisFixtures.PASSPHRASE);
    vaults.unlock(site, AnalysisFixtures.PASSPHRASE);
    ana = participant("women", true, true);
    bea = participant("youth", true, false);
    cruz = participant("women", false, false);
    UUID source =
        sources.add(
            site,
            new NewSource(
                null,
                "transcript",
                "Taller de evidencia",
                ana.code()
                    + ": "
                    + CONSENTING
                    + ".\n"
                    + bea.code()
                    + ": "
                    + NOT_FOR_PUBLICATION
                    + ".\n"
                    + cruz.code()
                    + ": "
                    + NEVER_CONSENTED
                    + ".\n"
                    + ana.code()
                    + ": "
                    + ON_SILENCED
                    + ".",
                "typed"));
    deidentification.acceptAll(site, source);
    UUID robo = AnalysisFixtures.codeNamed(codebook, site, "Robo");
    String[] words = {CONSENTING, NOT_FOR_PUBLICATION, NEVER_CONSENTED, ON_SILENCED};
    for (int i = 0; i < 4; i++) {
      coding[i] = codings.apply(site, source, i + 1, 0, words[i].length(), List.of(robo)).get(0);
    }
    editing.startDraft(site);
    spoken =
        editing.addIssue(
            site, new IssueInput("Robos", "Robberies", null, null, List.of("personal"), false));
    silenced =
        editing.addIssue(
            site, new IssueInput("Cuotas", "Levies", null, null, List.of("personal"), true));
    for (int i = 0; i < 3; i++) {
      evidence.link(site, spoken, coding[i]);
      evidence.choose(site, spoken, coding[i], true);
    }
    evidence.link(site, silenced, coding[3]);
    evidence.choose(site, silenced, coding[3], true);
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private Participant participant(String group, boolean quoted, boolean published) {
    Participant p =
        participants.register(
            site, new NewParticipant(group, "woman", "30_44", "mestizo", "Centro", null));
    if (quoted) {
      participants.recordConsent(
          site,
          p.id(),
          new Consent(null, LocalDate.now().minusDays(3), "verbal", true, true, published, "v1"));
    }
    return p;
  }

  private void publish() {
    fixtures.actAs(coordinator);
    editing.publish(site);
    fixtures.actAsNobody();
  }

  private List<String> publicQuotes() {
    Agenda published = agendas.latestPublished(site).orElseThrow();
    return evidence.forPublic(site, published).values().stream()
        .flatMap(List::stream)
        .map(EvidenceQuotes.Quote::text)
        .toList();
  }

  private String anonymous(String url) throws Exception {
    return mvc.perform(get(url).header("Accept-Language", "es"))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void theEditorShowsEveryQuoteAndCountsByPopulationGroup() {
    Agenda draft = agendas.draftForTeam(site).orElseThrow();
    Map<UUID, IssueEvidence.IssueQuotes> team = evidence.forTeam(site, draft);

    assertThat(team.get(spoken).quotes())
        .extracting(s -> s.quote().text())
        .containsExactly(CONSENTING, NOT_FOR_PUBLICATION, NEVER_CONSENTED);
    // In the groups' order (Map.of would have none).
    assertThat(team.get(spoken).byGroup())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("women", 2),
            org.assertj.core.api.Assertions.entry("youth", 1));
    assertThat(team.get(spoken).speakersByGroup())
        .containsEntry("women", 2)
        .containsEntry("youth", 1);
    assertThat(team.get(silenced).quotes())
        .extracting(s -> s.quote().text())
        .containsExactly(ON_SILENCED);
  }

  @Test
  void aPublishedAgendaQuotesOnlyThoseWhoConsentedToPublication() throws Exception {
    publish();

    assertThat(publicQuotes()).containsExactly(CONSENTING);
    String page = anonymous("/sites/" + site.key() + "/agenda");
    assertThat(page).contains(CONSENTING);
    assertThat(page).doesNotContain(NOT_FOR_PUBLICATION, NEVER_CONSENTED, ON_SILENCED);
    for (String api :
        List.of(
            "/api/v1/sites/" + site.key() + "/agenda", "/sites/" + site.key() + "/agenda.csv")) {
      assertThat(anonymous(api))
          .doesNotContain(CONSENTING, NOT_FOR_PUBLICATION, NEVER_CONSENTED, ON_SILENCED);
    }
  }

  @Test
  void aSilencedIssuesQuotesAreNeverPublicEvenWhenChosenAndConsented() {
    publish();

    Agenda published = agendas.latestPublished(site).orElseThrow();
    assertThat(evidence.forPublic(site, published)).doesNotContainKey(silenced);
    assertThat(publicQuotes()).doesNotContain(ON_SILENCED);
  }

  @Test
  void aQuoteNotChosenByTheCoordinatorStaysOffThePublishedAgenda() {
    fixtures.actAs(coordinator);
    evidence.choose(site, spoken, coding[0], false);
    publish();

    assertThat(publicQuotes()).isEmpty();
  }

  @Test
  void aNarrowerConsentTakesTheQuoteOffThePageServedFromMemory() throws Exception {
    publish();
    String url = "/sites/" + site.key() + "/agenda";
    assertThat(anonymous(url)).contains(CONSENTING);
    assertThat(anonymous(url)).contains(CONSENTING); // now kept in memory

    fixtures.actAs(coordinator);
    participants.recordConsent(
        site, ana.id(), new Consent(null, LocalDate.now(), "verbal", true, true, false, "v2"));
    fixtures.actAsNobody();

    assertThat(publicQuotes()).isEmpty();
    assertThat(anonymous(url)).doesNotContain(CONSENTING);
  }

  private String booklet(String query) throws Exception {
    byte[] pdf =
        mvc.perform(get("/sites/" + site.key() + "/agenda.pdf" + query))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void theBookletQuotesOnlyThoseWhoConsentedAndDropsAQuoteWhenConsentNarrows() throws Exception {
    publish();
    assertThat(booklet("?version=1&lang=en")).contains(CONSENTING);
    assertThat(booklet("?version=1&lang=en")) // now kept in memory
        .contains(CONSENTING)
        .doesNotContain(NOT_FOR_PUBLICATION, NEVER_CONSENTED, ON_SILENCED);
    // Words that consent may take back are never cached as immutable.
    assertThat(
            mvc.perform(get("/sites/" + site.key() + "/agenda.pdf?version=1"))
                .andReturn()
                .getResponse()
                .getHeader("Cache-Control"))
        .doesNotContain("immutable");

    fixtures.actAs(coordinator);
    participants.recordConsent(
        site, ana.id(), new Consent(null, LocalDate.now(), "verbal", true, true, false, "v2"));
    fixtures.actAsNobody();

    assertThat(booklet("?version=1&lang=en")).doesNotContain(CONSENTING);
  }

  @Test
  void aWithdrawalTakesTheQuoteOffAtOnce() throws Exception {
    publish();
    String url = "/sites/" + site.key() + "/agenda";
    assertThat(anonymous(url)).contains(CONSENTING);

    fixtures.actAs(coordinator);
    withdrawals.withdraw(site, ana.id());
    fixtures.actAsNobody();

    assertThat(publicQuotes()).isEmpty();
    assertThat(anonymous(url)).doesNotContain(CONSENTING);
  }

  @Test
  void evidenceFollowsItsIssueIntoTheNextDraft() {
    publish();
    fixtures.actAs(coordinator);
    editing.startDraft(site);

    Agenda draft = agendas.draftForTeam(site).orElseThrow();
    UUID copied = draft.spokenIssues().get(0).id();
    assertThat(evidence.forTeam(site, draft).get(copied).quotes())
        .extracting(IssueEvidence.Supporting::quoted)
        .containsExactly(true, true, true);
  }

  @Test
  void theObservatorySeesNoQuotesAndCannotLinkEvidence() throws Exception {
    Person observer = fixtures.withRole(site.key(), SiteRole.OBSERVATORY);
    fixtures.actAs(observer);
    Agenda draft = agendas.draftForTeam(site).orElseThrow();
    assertThat(evidence.forTeam(site, draft)).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> evidence.link(site, spoken, coding[0]))
        .isInstanceOf(Forbidden.class);
    fixtures.actAsNobody();

    MockHttpSession session = fixtures.signIn(mvc, observer);
    String editor =
        mvc.perform(get("/manage/sites/" + site.key() + "/agenda").session(session))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(editor).doesNotContain(CONSENTING);
    for (String page : List.of("/analysis", "/analysis/agreement", "/analysis/codes")) {
      assertThat(
              mvc.perform(get("/manage/sites/" + site.key() + page).session(session))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .isEqualTo(403);
    }
  }

  @Test
  void aCoordinatorUsesASegmentAsEvidenceFromItsCodesPage() throws Exception {
    fixtures.actAs(coordinator);
    UUID other =
        editing.addIssue(
            site, new IssueInput("Otra", "Other", null, null, List.of("personal"), false));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    UUID robo = AnalysisFixtures.codeNamed(codebookAs(), site, "Robo");
    String codePage =
        mvc.perform(get("/manage/sites/" + site.key() + "/analysis/codes/" + robo).session(session))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(codePage).contains("Usar como evidencia").contains("value=\"" + other + "\"");

    mvc.perform(
            post("/manage/sites/" + site.key() + "/analysis/codings/" + coding[1] + "/evidence")
                .param("issue", other.toString())
                .param("back", "codes/" + robo)
                .session(session)
                .with(csrf()))
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                "/manage/sites/" + site.key() + "/analysis/codes/" + robo));
    String editor =
        mvc.perform(get("/manage/sites/" + site.key() + "/agenda").session(session))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(editor)
        .contains(NOT_FOR_PUBLICATION)
        .contains("Jóvenes: 1 cita, 1 persona")
        .contains("Sin consentimiento para publicarla");
  }

  @Test
  void anotherSitesCodingCannotBeLinked() {
    AnalysisFixtures elsewhere =
        AnalysisFixtures.readySource(fixtures, vaults, sources, deidentification);
    UUID foreign =
        codings
            .apply(
                elsewhere.site(),
                elsewhere.source(),
                1,
                0,
                3,
                List.of(AnalysisFixtures.codeNamed(codebook, elsewhere.site(), "Robo")))
            .get(0);
    fixtures.actAs(coordinator);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> evidence.link(site, spoken, foreign))
        .isInstanceOf(org.tejido.shared.NotFound.class);
  }

  private Codebook codebookAs() {
    fixtures.actAs(coordinator);
    return codebook;
  }
}
