package org.tejido.observatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.tejido.identity.SiteRole;
import org.tejido.observatory.ObservatoryData.Tracked;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/** The observatory's staff pages as a browser sees them: forms, errors, other sites, roles. */
@TejidoTest
class ObservatoryPagesTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired org.springframework.context.ApplicationContext context;
  ObservatoryData data;

  @org.junit.jupiter.api.BeforeEach
  void data() {
    data = ObservatoryData.of(context);
  }

  @Autowired ObservatoryTracker tracker;

  private MockHttpServletResponse send(
      MockHttpSession session, AbstractMockHttpServletRequestBuilder<?> r) throws Exception {
    return mvc.perform(r.session(session).with(csrf()).accept("text/html"))
        .andReturn()
        .getResponse();
  }

  private static String base(Tracked t) {
    return "/manage/sites/" + t.site().key() + "/observatory";
  }

  @Test
  void aRecommendationFormWithMistakesComesBackWithWhatWasTypedAndWhatToFixInEnglish()
      throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    MockHttpServletResponse r =
        send(
            member,
            post(base(t) + "/recommendations?lang=en")
                .header("Accept-Language", "en")
                .param("textEs", "Más alumbrado en la calle")
                .param("startsOn", "2026-05-01")
                .param("dueOn", "2026-04-01")
                .param("specificity", "9"));
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString())
        .contains("Más alumbrado en la calle")
        .contains("The due date cannot be before the start.")
        .contains("Choose at least one published proposal.")
        .contains("Choose a specificity level from 1 to 5.");
    assertThat(tracker.recommendations(t.site())).isEmpty();
  }

  @Test
  void aMemberRecordsASessionWithACommitmentAndAnUpdateWithEvidence() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Secretaría de Seguridad");
    RecommendationId rec = data.recommendation(t, i);
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    MockHttpServletResponse created =
        send(
            member,
            post(base(t) + "/sessions")
                .param("heldOn", "2026-01-20")
                .param("minutes", "Se acordó reparar el alumbrado")
                .param("attendees", i.toString()));
    assertThat(created.getStatus()).isEqualTo(302);
    String sessionPage = created.getRedirectedUrl();
    assertThat(
            send(
                    member,
                    post(sessionPage + "/commitments")
                        .param("institution", i.toString())
                        .param("what", "Cambiar 30 lámparas")
                        .param("dueOn", "2026-01-25")
                        .param("recommendations", rec.toString()))
                .getStatus())
        .isEqualTo(302);
    String page = send(member, get(sessionPage)).getContentAsString();
    assertThat(page).contains("Cambiar 30 lámparas").contains("Secretaría de Seguridad");
    assertThat(page).contains("Vencido"); // due 2026-01-25, long past

    MockMultipartFile pdf =
        new MockMultipartFile("file", "acta.pdf", "application/pdf", "%PDF-1.4 x".getBytes());
    assertThat(
            send(
                    member,
                    multipart(base(t) + "/recommendations/" + rec + "/updates")
                        .file(pdf)
                        .param("source", "official")
                        .param("status", "partly_implemented")
                        .param("progress", "50")
                        .param("link", "https://municipio.gob.mx/informe")
                        .param("reportedOn", "2026-02-01"))
                .getStatus())
        .isEqualTo(302);
    String recommendation =
        send(member, get(base(t) + "/recommendations/" + rec)).getContentAsString();
    assertThat(recommendation).contains("Implementada en parte · 50 %").contains("acta.pdf");
    String overview = send(member, get(base(t))).getContentAsString();
    assertThat(overview).contains("Implementada en parte · 50 %").contains("Sin informe todavía");
  }

  @Test
  void anotherSitesRecommendationInstitutionAndSessionAreNotFound() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    Tracked other = data.siteWithPublishedAgenda();
    InstitutionId theirs = data.institution(other, "Ajena");
    RecommendationId theirRec = data.recommendation(other, theirs);
    SessionId theirSession = data.sessionWithCommitment(other, theirs, theirRec, "2026-05-01");
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    assertThat(send(member, get(base(t) + "/recommendations/" + theirRec)).getStatus())
        .isEqualTo(404);
    assertThat(send(member, get(base(t) + "/institutions/" + theirs)).getStatus()).isEqualTo(404);
    assertThat(send(member, get(base(t) + "/sessions/" + theirSession)).getStatus()).isEqualTo(404);
    assertThat(
            send(
                    member,
                    post(base(t) + "/recommendations/" + theirRec + "/updates")
                        .param("source", "official")
                        .param("status", "implemented")
                        .param("progress", "100")
                        .param("reportedOn", "2026-02-01"))
                .getStatus())
        .isEqualTo(404);
    assertThat(send(member, get(base(t) + "/recommendations/not-an-id")).getStatus())
        .isEqualTo(404);
    assertThat(tracker.recommendation(other.site(), theirRec).orElseThrow().official()).isEmpty();
  }

  @Test
  void aResearcherOfTheSiteCanNeitherReadNorEditTheObservatory() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    MockHttpSession researcher =
        fixtures.signIn(mvc, fixtures.withRole(t.site().key(), SiteRole.RESEARCHER));
    assertThat(send(researcher, get(base(t))).getStatus()).isEqualTo(403);
    assertThat(
            send(
                    researcher,
                    post(base(t) + "/institutions")
                        .param("name", "Intrusa")
                        .param("level", "none")
                        .param("type", "other"))
                .getStatus())
        .isEqualTo(403);
    assertThat(tracker.institutions(t.site())).isEmpty();
  }

  @Test
  void contactsAppearOnlyOnTheInstitutionsOwnEditPage() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Parroquia");
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    assertThat(send(member, get(base(t) + "/institutions")).getContentAsString())
        .contains("Parroquia")
        .doesNotContain("555 0101");
    assertThat(send(member, get(base(t) + "/institutions/" + i)).getContentAsString())
        .contains("555 0101");
  }
}
