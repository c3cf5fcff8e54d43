package org.tejido.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.agenda.ProposalInput;
import org.tejido.identity.SiteRole;
import org.tejido.participation.internal.VoteCodes;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.LogicalDump;
import org.tejido.support.TejidoTest;

/** Validation rounds, their codes, comments and answers, against the real database and pages. */
@TejidoTest
class ValidationRoundsTest {

  @Autowired Fixtures fixtures;
  @Autowired ValidationRounds rounds;
  @Autowired ResidentValidation residents;
  @Autowired ParticipationProperties properties;
  @Autowired AgendaEditing editing;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  @Autowired DataSource dataSource;
  @Autowired org.tejido.agenda.AgendaValidation agendaValidation;

  private Site site;
  private Person coordinator;

  @BeforeEach
  void draftWithTwoSpokenIssuesASilencedOneAndAProposal() {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    UUID lighting =
        editing.addIssue(
            site, new IssueInput("Alumbrado", "Lighting", null, null, List.of("personal"), false));
    editing.addIssue(
        site, new IssueInput("Robos", "Robberies", null, null, List.of("personal"), false));
    editing.addIssue(
        site, new IssueInput("Extorsión", "Extortion", null, null, List.of("personal"), true));
    editing.addProposal(
        site,
        new ProposalInput(
            "authorities", "Lámparas en la calle", "Street lamps", List.of(lighting)));
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private ValidationResponse.Comment comment(ValidationRound.Item item, Verdict v, String text) {
    return new ValidationResponse.Comment(item.kind(), item.ref(), v, text);
  }

  @Test
  void aRoundShowsTheDraftsSpokenIssuesAndProposalsAndNeverASilencedOne() {
    UUID id = rounds.create(site, "Taller de validación");
    ValidationRound round = rounds.get(site, id);
    assertThat(round.issues()).extracting(i -> i.text().es()).containsExactly("Alumbrado", "Robos");
    assertThat(round.proposals()).extracting(i -> i.text().en()).containsExactly("Street lamps");
    assertThat(round.agendaVersion()).isEqualTo(1);
    assertThat(
            jdbc.sql("select count(*) from validation_item where text_es like 'Extorsi%'")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aCodeCommentsOnceAndAUsedCodeGetsTheSameAnswerAsAWrongOne() {
    UUID id = rounds.create(site, "Ronda");
    String code = rounds.generateCodes(site, id, 1).get(0);
    ValidationRound round = rounds.get(site, id);
    ValidationResponse response =
        new ValidationResponse(
            VoterGroup.YOUTH, List.of(comment(round.issues().get(0), Verdict.AGREE, null)));
    fixtures.actAsNobody();

    residents.submit(code.toLowerCase(), response, "198.51.100.4");

    BadRequest used = badRequest(() -> residents.submit(code, response, "198.51.100.4"));
    BadRequest wrong =
        badRequest(() -> residents.submit("AAAA-AAAA-AAAA-AAAA", response, "198.51.100.4"));
    assertThat(used.code()).isEqualTo("rounds.code.invalid").isEqualTo(wrong.code());
    assertThat(VoteCodes.BITS).isGreaterThanOrEqualTo(64);
    fixtures.actAs(coordinator);
    assertThat(rounds.review(site, id).participants()).isEqualTo(1);
    assertThat(rounds.codeCounts(site, id)).isEqualTo(new PrioritisationSessions.CodeCounts(1, 1));
  }

  @Test
  void wrongCodesFromOneAddressAreHeldBackAndAnInvalidResponseLeavesTheCodeUnspent() {
    UUID id = rounds.create(site, "Ronda");
    String code = rounds.generateCodes(site, id, 1).get(0);
    ValidationRound round = rounds.get(site, id);
    fixtures.actAsNobody();
    String guesser = "203.0.113." + (int) (Math.random() * 200);
    for (int i = 0; i < properties.codeFailures(); i++) {
      assertThat(badRequest(() -> residents.roundFor(VoteCodes.generate(), guesser)).code())
          .isEqualTo("rounds.code.invalid");
    }
    assertThatThrownBy(() -> residents.roundFor(code, guesser))
        .isInstanceOf(ResidentVoting.Wait.class);

    // A verdict missing on a commented item: refused, and the code can still be used.
    BadRequest refused =
        badRequest(
            () ->
                residents.submit(
                    code,
                    new ValidationResponse(
                        VoterGroup.WOMEN,
                        List.of(comment(round.issues().get(0), null, "Sin decir qué"))),
                    "192.0.2.9"));
    assertThat(refused.fieldErrors())
        .containsEntry("t." + round.issues().get(0).field(), "rounds.comment.verdict");
    residents.submit(
        code,
        new ValidationResponse(
            VoterGroup.WOMEN, List.of(comment(round.issues().get(0), Verdict.REMOVE, null))),
        "192.0.2.9");
  }

  @Test
  void commentTextsAreSealedAndTheCoordinatorReadsThemItemByItemWithCountsAndAnswersThem() {
    UUID id = rounds.create(site, "Ronda");
    ValidationRound round = rounds.get(site, id);
    ValidationRound.Item lighting = round.issues().get(0);
    ValidationRound.Item lamps = round.proposals().get(0);
    rounds.enterSheet(
        site,
        id,
        new ValidationResponse(
            VoterGroup.WOMEN,
            List.of(
                comment(lighting, Verdict.CHANGE, "Falta la calle Jacarandas junto al canal"),
                comment(lamps, Verdict.AGREE, null))));
    rounds.enterSheet(
        site,
        id,
        new ValidationResponse(
            VoterGroup.ELDERLY, List.of(comment(lighting, Verdict.CHANGE, null))));
    rounds.enterSheet(
        site,
        id,
        new ValidationResponse(VoterGroup.WOMEN, List.of(comment(lighting, Verdict.REMOVE, null))));

    assertThat(LogicalDump.of(dataSource).contains("Jacarandas")).isFalse();

    ValidationRounds.Review review = rounds.review(site, id);
    assertThat(review.participants()).isEqualTo(3);
    ValidationRounds.ItemReview first = review.items().get(0);
    assertThat(first.item().ref()).isEqualTo(lighting.ref());
    assertThat(first.count(Verdict.CHANGE)).isEqualTo(2);
    assertThat(first.count(Verdict.REMOVE)).isEqualTo(1);
    assertThat(first.count(Verdict.AGREE)).isZero();
    assertThat(first.count(VoterGroup.WOMEN)).isEqualTo(2);
    assertThat(first.count(VoterGroup.ELDERLY)).isEqualTo(1);
    assertThat(first.comments())
        .extracting(ValidationRounds.Comment::text)
        .contains("Falta la calle Jacarandas junto al canal");
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_entry where site_id = ? and action ="
                        + " 'participation.round.comments.read'")
                .param(site.id().value())
                .query(Integer.class)
                .single())
        .isEqualTo(1);

    UUID commented =
        first.comments().stream().filter(c -> c.text() != null).findFirst().orElseThrow().id();
    rounds.answer(site, id, commented, CommentAnswer.PARTLY, "Se añadió la calle", null);
    var answered =
        rounds.review(site, id).items().get(0).comments().stream()
            .filter(c -> c.id().equals(commented))
            .findFirst()
            .orElseThrow();
    assertThat(answered.answer()).isEqualTo(CommentAnswer.PARTLY);
    assertThat(answered.answerEs()).isEqualTo("Se añadió la calle");
    assertThat(answered.answerEn()).isNull();

    // A researcher reads the comments but does not answer them; nobody answers without a decision.
    Person researcher = fixtures.withRole(site.key(), SiteRole.RESEARCHER);
    fixtures.actAs(researcher);
    assertThat(rounds.review(site, id).participants()).isEqualTo(3);
    assertThatThrownBy(() -> rounds.answer(site, id, commented, CommentAnswer.ACCEPTED, "Sí", null))
        .isInstanceOf(Forbidden.class);
    fixtures.actAs(coordinator);
    assertThat(badRequest(() -> rounds.answer(site, id, commented, null, "x", null)).fieldErrors())
        .containsKey("answer");
    assertThatThrownBy(
            () -> rounds.answer(site, id, UUID.randomUUID(), CommentAnswer.ACCEPTED, null, null))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void thePublishedVersionCountsTheRoundsOfItsDraftAndTheResidentsWhoResponded() {
    // A discarded draft's round must not count toward the next draft, which has the same number.
    UUID discarded = rounds.create(site, "Ronda de un borrador descartado");
    rounds.enterSheet(
        site,
        discarded,
        new ValidationResponse(
            VoterGroup.ADULT_MEN,
            List.of(comment(rounds.get(site, discarded).issues().get(0), Verdict.AGREE, null))));
    editing.discardDraft(site);
    editing.startDraft(site);
    editing.addIssue(
        site, new IssueInput("Alumbrado", "Lighting", null, null, List.of("personal"), false));

    UUID first = rounds.create(site, "Primera ronda");
    UUID second = rounds.create(site, "Segunda ronda");
    List<String> codes = rounds.generateCodes(site, first, 3);
    ValidationRound.Item item = rounds.get(site, first).issues().get(0);
    fixtures.actAsNobody();
    for (String code : codes) {
      residents.submit(
          code,
          new ValidationResponse(
              VoterGroup.NOT_STATED, List.of(comment(item, Verdict.AGREE, null))),
          "192.0.2.10");
    }
    fixtures.actAs(coordinator);
    rounds.close(site, first);
    for (VoterGroup group : List.of(VoterGroup.WOMEN, VoterGroup.YOUTH)) {
      rounds.enterSheet(
          site,
          second,
          new ValidationResponse(group, List.of(comment(item, Verdict.CHANGE, "Más luz"))));
    }
    assertThat(rounds.summary(site, 1)).isEqualTo(ValidationSummary.NONE);

    editing.publish(site);

    assertThat(rounds.summary(site, 1)).isEqualTo(new ValidationSummary(2, 5));
    // Publishing ended the round still open: residents commented on a draft that is now public.
    assertThat(rounds.get(site, second).open()).isFalse();
    assertThat(rounds.summary(site, 2)).isEqualTo(ValidationSummary.NONE);
    // What the agenda's page asks for.
    assertThat(agendaValidation.of(site, 1))
        .contains(new org.tejido.agenda.AgendaValidation.Validated(2, 5));
    assertThat(agendaValidation.of(site, 2)).isEmpty();
    fixtures.actAsNobody();
    // Public: anyone may ask.
    assertThat(rounds.summary(site, 1).participants()).isEqualTo(5);
  }

  @Test
  void aClosedRoundTakesNoMoreCommentsAndWithoutADraftThereIsNoRound() {
    UUID id = rounds.create(site, "Ronda");
    String code = rounds.generateCodes(site, id, 1).get(0);
    ValidationRound.Item item = rounds.get(site, id).issues().get(0);
    rounds.close(site, id);
    fixtures.actAsNobody();
    assertThatThrownBy(
            () ->
                residents.submit(
                    code,
                    new ValidationResponse(
                        VoterGroup.WOMEN, List.of(comment(item, Verdict.AGREE, null))),
                    "192.0.2.11"))
        .isInstanceOf(Conflict.class)
        .hasMessage("rounds.round.closed");
    fixtures.actAs(coordinator);
    editing.publish(site);
    assertThatThrownBy(() -> rounds.create(site, "Otra"))
        .isInstanceOf(Conflict.class)
        .hasMessage("rounds.no-draft");
  }

  @Test
  void anotherSitesRoundIsNotFound() throws Exception {
    UUID id = rounds.create(site, "Ronda");
    Site other = fixtures.freshSite();
    Person otherCoordinator = fixtures.withRole(other.key(), SiteRole.COORDINATOR);
    fixtures.actAsNobody();
    var session = fixtures.signIn(mvc, otherCoordinator);
    for (String path : List.of("", "/sheet")) {
      assertThat(
              mvc.perform(
                      get("/manage/sites/" + other.key() + "/validation/" + id + path)
                          .session(session))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .as(path)
          .isEqualTo(404);
    }
    assertThat(
            mvc.perform(
                    post("/manage/sites/" + other.key() + "/validation/" + id + "/close")
                        .session(session)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);
  }

  @Test
  void aResidentCommentsOnHerPhoneInHerLanguageAndNothingAboutHerIsKept() throws Exception {
    UUID id = rounds.create(site, "Taller del barrio");
    String code = rounds.generateCodes(site, id, 1).get(0);
    ValidationRound.Item lighting = rounds.get(site, id).issues().get(0);
    fixtures.actAsNobody();

    MockHttpServletResponse form =
        mvc.perform(
                post("/validate")
                    .with(csrf())
                    .param("code", code)
                    .header("Accept-Language", "en")
                    .with(
                        r -> {
                          r.setRemoteAddr("198.51.100.77");
                          return r;
                        }))
            .andReturn()
            .getResponse();
    assertThat(form.getStatus()).isEqualTo(200);
    assertThat(form.getContentAsString())
        .contains("Lighting", "Robberies", "Street lamps", "Remove it")
        .doesNotContain("Extortion", "Extorsión");

    MockHttpServletResponse sent =
        mvc.perform(
                post("/validate/comments")
                    .with(csrf())
                    .param("code", code)
                    .param("group", "elderly")
                    .param("v." + lighting.field(), "change")
                    .param("t." + lighting.field(), "Que pongan luz junto al frontón Xochiquetzal")
                    .header("Accept-Language", "en")
                    .header("User-Agent", "PhoneBrowser/9.9 (resident)")
                    .with(
                        r -> {
                          r.setRemoteAddr("198.51.100.77");
                          return r;
                        }))
            .andReturn()
            .getResponse();
    assertThat(sent.getStatus()).isEqualTo(200);
    assertThat(sent.getContentAsString()).contains("Thank you");

    LogicalDump dump = LogicalDump.of(dataSource);
    assertThat(dump.contains("198.51.100.77")).isFalse();
    assertThat(dump.contains("PhoneBrowser")).isFalse();
    assertThat(dump.contains("Xochiquetzal")).isFalse();
    assertThat(dump.contains(code)).isFalse();
    fixtures.actAs(coordinator);
    assertThat(rounds.review(site, id).items().get(0).comments())
        .extracting(ValidationRounds.Comment::text, ValidationRounds.Comment::group)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Que pongan luz junto al frontón Xochiquetzal", VoterGroup.ELDERLY));
    fixtures.actAsNobody();

    // The same code again: refused, as a wrong one would be.
    assertThat(
            mvc.perform(post("/validate").with(csrf()).param("code", code))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(422);
  }

  private static BadRequest badRequest(Runnable action) {
    try {
      action.run();
    } catch (BadRequest e) {
      return e;
    }
    throw new AssertionError("expected a BadRequest");
  }
}
