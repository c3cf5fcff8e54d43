package org.tejido.observatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.tejido.observatory.ObservatoryData.Tracked;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.UpdateInput;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/**
 * Correcting the observatory's records as a browser does it: the links to the forms, what comes
 * back on a mistake or a stale form, and what the public tracker then says.
 */
@TejidoTest
class ObservatoryEditingPagesTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired ApplicationContext context;
  @Autowired ObservatoryTracker tracker;
  @Autowired Observatory observatory;
  ObservatoryData data;

  @BeforeEach
  void data() {
    data = ObservatoryData.of(context);
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private MockHttpServletResponse send(
      MockHttpSession session, AbstractMockHttpServletRequestBuilder<?> r) throws Exception {
    return mvc.perform(r.session(session).with(csrf()).accept("text/html"))
        .andReturn()
        .getResponse();
  }

  private String text(MockHttpServletResponse r) throws Exception {
    return r.getContentAsString(StandardCharsets.UTF_8);
  }

  private static String base(Tracked t) {
    return "/manage/sites/" + t.site().key() + "/observatory";
  }

  private static AbstractMockHttpServletRequestBuilder<?> edit(
      String url, String revision, String textEs, Tracked t, InstitutionId i) {
    return post(url)
        .param("revision", revision)
        .param("proposals", t.proposals().get(0).toString())
        .param("textEs", textEs)
        .param("addressee", "authorities")
        .param("institutions", i.toString())
        .param("domains", "personal")
        .param("specificity", "4")
        .param("startsOn", "2026-01-01")
        .param("dueOn", "2026-12-31");
  }

  @Test
  void aRecommendationIsEditedFromItsPageAndAStaleFormComesBackWithWhatWasTyped() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Seguridad Pública");
    RecommendationId r = data.recommendation(t, i);
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    String page = base(t) + "/recommendations/" + r;

    assertThat(text(send(member, get(page)))).contains(page + "/edit");
    String form = text(send(member, get(page + "/edit")));
    assertThat(form)
        .contains("Editar R-1")
        .contains("Instalar alumbrado en la colonia")
        .contains("name=\"revision\" value=\"1\"")
        .contains(page + "/withdraw");

    MockHttpServletResponse bad =
        send(member, edit(page + "?lang=en", "1", "", t, i).header("Accept-Language", "en"));
    assertThat(bad.getStatus()).isEqualTo(422);
    assertThat(text(bad)).contains("Fill this in.");

    assertThat(send(member, edit(page, "1", "Alumbrado y poda", t, i)).getStatus()).isEqualTo(302);
    MockHttpServletResponse stale = send(member, edit(page, "1", "Mi versión vieja", t, i));
    assertThat(stale.getStatus()).isEqualTo(409);
    assertThat(text(stale))
        .contains("Mi versión vieja")
        .contains("Alguien guardó un cambio en este registro")
        .contains("name=\"revision\" value=\"2\"");
    assertThat(tracker.recommendation(t.site(), r).orElseThrow().text().es())
        .isEqualTo("Alumbrado y poda");
  }

  @Test
  void withdrawingARecommendationWithHistoryIsRefusedWithAClearMessage() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Seguridad Pública");
    RecommendationId r = data.recommendation(t, i);
    RecommendationId mistake = data.recommendation(t, i);
    fixtures.actAs(t.member());
    observatory.addUpdate(
        t.site(),
        r,
        new UpdateInput("community", "in_progress", "", "10", "", "", "2026-01-10", null, null));
    fixtures.actAsNobody();
    MockHttpSession member = fixtures.signIn(mvc, t.member());

    MockHttpServletResponse refused =
        send(
            member,
            post(base(t) + "/recommendations/" + r + "/withdraw?lang=en")
                .header("Accept-Language", "en"));
    assertThat(refused.getStatus()).isEqualTo(409);
    assertThat(text(refused)).contains("cannot be withdrawn");
    assertThat(tracker.recommendation(t.site(), r)).isPresent();

    MockHttpServletResponse forged =
        mvc.perform(
                post(base(t) + "/recommendations/" + mistake + "/withdraw")
                    .session(member)
                    .accept("text/html"))
            .andReturn()
            .getResponse();
    assertThat(forged.getStatus()).isEqualTo(403);
    assertThat(tracker.recommendation(t.site(), mistake)).isPresent();

    MockHttpServletResponse done =
        send(member, post(base(t) + "/recommendations/" + mistake + "/withdraw"));
    assertThat(done.getStatus()).isEqualTo(302);
    assertThat(tracker.recommendation(t.site(), mistake)).isEmpty();
    assertThat(send(member, get(base(t) + "/recommendations/" + mistake)).getStatus())
        .isEqualTo(404);
    assertThat(
            mvc.perform(get("/sites/" + t.site().key() + "/tracker/" + mistake))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);
  }

  @Test
  void aCorrectedUpdateShowsItsNewValuesAndSaysWhenAndWhyOnThePublicTracker() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "DIF"));
    fixtures.actAs(t.member());
    UpdateId u =
        observatory.addUpdate(
            t.site(),
            r,
            new UpdateInput(
                "official", "implemented", "", "100", "Informe", "", "2026-01-10", null, null));
    fixtures.actAsNobody();
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    String page = base(t) + "/recommendations/" + r;
    String publicPage = "/sites/" + t.site().key() + "/tracker/" + r;
    // The public page is cached once read: the correction must empty that cache.
    assertThat(text(mvc.perform(get(publicPage)).andReturn().getResponse()))
        .contains("Implementada · 100 %");

    String correctLink = page + "/updates/" + u + "/correct";
    assertThat(text(send(member, get(page)))).contains(correctLink);
    assertThat(text(send(member, get(correctLink)))).contains("Implementada · 100 %");
    MockHttpServletResponse missingReason =
        send(
            member,
            post(page + "/updates/" + u + "/correction")
                .param("source", "official")
                .param("status", "partly_implemented")
                .param("progress", "60")
                .param("reportedOn", "2026-01-10"));
    assertThat(missingReason.getStatus()).isEqualTo(422);
    assertThat(text(missingReason)).contains("Diga por qué se corrige.");

    MockHttpServletResponse corrected =
        send(
            member,
            post(page + "/updates/" + u + "/correction")
                .param("correction", "El informe oficial decía 60 %")
                .param("source", "official")
                .param("status", "partly_implemented")
                .param("progress", "60")
                .param("evidence", "Informe")
                .param("reportedOn", "2026-01-10"));
    assertThat(corrected.getStatus()).isEqualTo(302);

    String shown = text(mvc.perform(get(publicPage)).andReturn().getResponse());
    assertThat(shown)
        .contains("Implementada en parte · 60 %")
        .contains("Corregido el " + observatory.today())
        .contains("El informe oficial decía 60 %")
        .doesNotContain("Implementada · 100 %");
    String json =
        text(
            mvc.perform(get("/api/v1/sites/" + t.site().key() + "/recommendations/" + r))
                .andReturn()
                .getResponse());
    assertThat(json)
        .contains("\"correctedOn\":\"" + observatory.today() + "\"")
        .contains("\"correction\":\"El informe oficial decía 60 %\"");

    MockHttpServletResponse again =
        send(
            member,
            post(page + "/updates/" + u + "/correction")
                .param("correction", "otra")
                .param("source", "official")
                .param("status", "implemented")
                .param("progress", "100")
                .param("reportedOn", "2026-01-10"));
    assertThat(again.getStatus()).isEqualTo(409);
  }

  @Test
  void aCommitmentFormNamingAnotherSitesRecommendationComesBackWithTheError() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    Tracked other = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Seguridad Pública");
    RecommendationId r = data.recommendation(t, i);
    RecommendationId theirs = data.recommendation(other, data.institution(other, "Ajena"));
    SessionId session = data.sessionWithCommitment(t, i, r, "2026-03-01");
    CommitmentId c = tracker.session(t.site(), session).orElseThrow().commitments().get(0).id();
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    String sessionPage = base(t) + "/sessions/" + session;
    String commitment = sessionPage + "/commitments/" + c;

    String shown = text(send(member, get(sessionPage)));
    assertThat(shown).contains(sessionPage + "/edit").contains(commitment + "/edit");
    assertThat(text(send(member, get(sessionPage + "/edit")))).contains("Acuerdos de la Mesa");
    assertThat(text(send(member, get(commitment + "/edit")))).contains("Reparar 20 luminarias");

    MockHttpServletResponse refused =
        send(
            member,
            post(commitment + "?lang=en")
                .header("Accept-Language", "en")
                .param("revision", "1")
                .param("institution", i.toString())
                .param("what", "Reparar")
                .param("dueOn", "2026-04-01")
                .param("recommendations", theirs.toString()));
    assertThat(refused.getStatus()).isEqualTo(422);
    assertThat(text(refused)).contains("Choose only recommendations of this site.");

    assertThat(
            send(member, post(commitment + "/withdrawn").param("withdrawnReason", "Sin efecto"))
                .getStatus())
        .isEqualTo(302);
    String afterwards = text(send(member, get(sessionPage)));
    assertThat(afterwards).contains("Retirado el").contains("Sin efecto");
    assertThat(afterwards).doesNotContain(commitment + "/edit");
    assertThat(
            text(
                mvc.perform(get("/sites/" + t.site().key() + "/tracker/" + r))
                    .andReturn()
                    .getResponse()))
        .contains("Retirado el")
        .contains("Sin efecto");
  }

  @Test
  void aFileDroppedByACorrectionIsNoLongerServedToThePublic() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "DIF"));
    fixtures.actAs(t.member());
    UpdateId u =
        observatory.addUpdate(
            t.site(),
            r,
            // An official report's evidence is public on entry (a community one waits for review).
            new UpdateInput(
                "official",
                "in_progress",
                "",
                "30",
                "",
                "",
                "2026-01-10",
                "lista.pdf",
                "%PDF-1.4 lista con nombres".getBytes(StandardCharsets.US_ASCII)));
    String file = "/sites/" + t.site().key() + "/tracker/" + r + "/updates/" + u + "/file";
    fixtures.actAsNobody();
    assertThat(mvc.perform(get(file)).andReturn().getResponse().getStatus()).isEqualTo(200);

    fixtures.actAs(t.member());
    UpdateId correction =
        observatory.correctUpdate(
            t.site(),
            r,
            u,
            new UpdateInput("official", "in_progress", "", "30", "", "", "2026-01-10", null, null),
            "El archivo se subió por error",
            false);
    fixtures.actAsNobody();

    assertThat(mvc.perform(get(file)).andReturn().getResponse().getStatus()).isEqualTo(404);
    assertThat(tracker.recommendation(t.site(), r).orElseThrow().official())
        .singleElement()
        .satisfies(
            shown -> {
              assertThat(shown.id()).isEqualTo(correction);
              assertThat(shown.hasFile()).isFalse();
            });
  }
}
