package org.tejido.observatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.tejido.identity.SiteRole;
import org.tejido.observatory.ObservatoryData.Tracked;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.CommitmentInput;
import org.tejido.observatory.internal.Observatory.RecommendationInput;
import org.tejido.observatory.internal.Observatory.SessionInput;
import org.tejido.observatory.internal.Observatory.UpdateInput;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/**
 * Correcting the observatory's records below the web layer: edits, stale forms, withdrawals,
 * corrections that supersede without rewriting, and ids of other sites.
 */
@TejidoTest
@RecordApplicationEvents
class ObservatoryEditingTest {

  @Autowired ApplicationContext context;
  @Autowired Observatory observatory;
  @Autowired ObservatoryTracker tracker;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEvents events;
  ObservatoryData data;

  @BeforeEach
  void data() {
    data = ObservatoryData.of(context);
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private static RecommendationInput changed(UUID proposal, InstitutionId institution) {
    return new RecommendationInput(
        "Alumbrado en las calles de la colonia Centro",
        "Street lighting in the Centro neighbourhood",
        "community",
        List.of(institution.toString()),
        List.of("community"),
        List.of("16.3"),
        "3",
        "2026-02-01",
        "2026-12-31",
        List.of(proposal.toString()));
  }

  private UpdateInput update(String status, String progress, String on) {
    return new UpdateInput("official", status, "", progress, "Informe", "", on, null, null);
  }

  @Test
  void everyFieldOfARecommendationCanBeChangedAndItKeepsItsNumber() {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId police = data.institution(t, "Seguridad Pública");
    InstitutionId dif = data.institution(t, "DIF Municipal");
    RecommendationId r = data.recommendation(t, police);
    fixtures.actAs(t.member());
    events.clear();

    observatory.updateRecommendation(t.site(), r, "1", changed(t.proposals().get(1), dif));

    TrackedRecommendation now = tracker.recommendation(t.site(), r).orElseThrow();
    assertThat(now.number()).isEqualTo(1);
    assertThat(now.text().es()).isEqualTo("Alumbrado en las calles de la colonia Centro");
    assertThat(now.text().en()).isEqualTo("Street lighting in the Centro neighbourhood");
    assertThat(now.addressee()).isEqualTo("community");
    assertThat(now.institutions()).extracting(Institution::name).containsExactly("DIF Municipal");
    assertThat(now.domains()).containsExactly("community");
    assertThat(now.targets()).containsExactly(Sdg16Target.T16_3);
    assertThat(now.specificity()).isEqualTo(3);
    assertThat(now.startsOn()).hasToString("2026-02-01");
    assertThat(now.dueOn()).hasToString("2026-12-31");
    assertThat(now.proposals())
        .extracting(LinkedProposal::proposalId)
        .containsExactly(t.proposals().get(1));
    assertThat(events.stream(ObservatoryChanged.class)).hasSize(1);
    assertThat(auditActions(t)).contains("observatory.recommendation.changed");
  }

  @Test
  void aFormOpenedBeforeSomebodyElseSavedIsRefusedAndChangesNothing() {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId police = data.institution(t, "Seguridad Pública");
    RecommendationId r = data.recommendation(t, police);
    fixtures.actAs(t.member());
    assertThat(observatory.recommendationRevision(t.site(), r)).isEqualTo(1);
    observatory.updateRecommendation(t.site(), r, "1", changed(t.proposals().get(1), police));

    RecommendationInput stale = ObservatoryData.recommendation(t.proposals().get(0), police);
    assertThatThrownBy(() -> observatory.updateRecommendation(t.site(), r, "1", stale))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("observatory.stale-form"));
    assertThatThrownBy(() -> observatory.updateRecommendation(t.site(), r, "", stale))
        .isInstanceOf(Conflict.class);
    assertThat(tracker.recommendation(t.site(), r).orElseThrow().text().es())
        .isEqualTo("Alumbrado en las calles de la colonia Centro");
  }

  @Test
  void aLinkedProposalOfAnEarlierAgendaVersionStaysLinkedWhenTheRestIsEdited() {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId police = data.institution(t, "Seguridad Pública");
    RecommendationId r = data.recommendation(t, police);
    fixtures.actAs(t.coordinator());
    data.editing.startDraft(t.site());
    data.editing.publish(t.site());
    fixtures.actAs(t.member());

    RecommendationInput edited = ObservatoryData.recommendation(t.proposals().get(0), police);
    observatory.updateRecommendation(t.site(), r, "1", edited);

    assertThat(tracker.recommendation(t.site(), r).orElseThrow().proposals())
        .containsExactly(new LinkedProposal(t.proposals().get(0), 1));
  }

  @Test
  void anotherSitesIdsAreNotFoundAndAnotherSitesRecordsCannotBeLinked() {
    Tracked t = data.siteWithPublishedAgenda();
    Tracked other = data.siteWithPublishedAgenda();
    InstitutionId mine = data.institution(t, "Fiscalía");
    RecommendationId ours = data.recommendation(t, mine);
    InstitutionId theirInstitution = data.institution(other, "Fiscalía de allá");
    RecommendationId theirs = data.recommendation(other, theirInstitution);
    SessionId theirSession =
        data.sessionWithCommitment(other, theirInstitution, theirs, "2026-03-01");
    SessionId ourSession = data.sessionWithCommitment(t, mine, ours, "2026-03-01");
    CommitmentId ourCommitment =
        tracker.session(t.site(), ourSession).orElseThrow().commitments().get(0).id();
    CommitmentId theirCommitment =
        tracker.session(other.site(), theirSession).orElseThrow().commitments().get(0).id();
    fixtures.actAs(t.member());

    RecommendationInput edit = ObservatoryData.recommendation(t.proposals().get(0), mine);
    assertThatThrownBy(() -> observatory.updateRecommendation(t.site(), theirs, "1", edit))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> observatory.withdrawRecommendation(t.site(), theirs))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                observatory.updateSession(
                    t.site(),
                    theirSession,
                    "1",
                    new SessionInput("2026-01-16", "x", List.of(mine.toString()))))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> observatory.withdrawCommitment(t.site(), theirSession, theirCommitment, "x"))
        .isInstanceOf(NotFound.class);
    // Our session's address with their commitment's id: not found either.
    assertThatThrownBy(
            () -> observatory.withdrawCommitment(t.site(), ourSession, theirCommitment, "x"))
        .isInstanceOf(NotFound.class);
    // A form field naming their recommendation or institution is refused, not linked.
    assertThatThrownBy(
            () ->
                observatory.updateCommitment(
                    t.site(),
                    ourSession,
                    ourCommitment,
                    "1",
                    new CommitmentInput(
                        theirInstitution.toString(),
                        "Reparar",
                        "2026-04-01",
                        List.of(ours.toString(), theirs.toString()))))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("institution", "observatory.error.unknown-institution")
                    .containsEntry("recommendations", "observatory.error.unknown-recommendation"));
    assertThatThrownBy(
            () ->
                observatory.updateSession(
                    t.site(),
                    ourSession,
                    "1",
                    new SessionInput("2026-01-16", "x", List.of(theirInstitution.toString()))))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("attendees", "observatory.error.unknown-institution"));
    assertThat(tracker.session(t.site(), ourSession).orElseThrow().commitments().get(0).what())
        .isEqualTo("Reparar 20 luminarias");
  }

  @Test
  void onlyTheObservatoryAndCoordinatorsMayCorrectRecords() {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "DIF"));
    fixtures.actAs(fixtures.withRole(t.site().key(), SiteRole.RESEARCHER));
    assertThatThrownBy(() -> observatory.withdrawRecommendation(t.site(), r))
        .isInstanceOf(Forbidden.class);
    assertThat(tracker.recommendation(t.site(), r)).isPresent();
  }

  @Test
  void aRecommendationCreatedByMistakeIsWithdrawnWhollyButOneWithHistoryIsNot() {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId police = data.institution(t, "Seguridad Pública");
    RecommendationId mistake = data.recommendation(t, police);
    RecommendationId updated = data.recommendation(t, police);
    RecommendationId committed = data.recommendation(t, police);
    data.sessionWithCommitment(t, police, committed, "2026-03-01");
    fixtures.actAs(t.member());
    observatory.addUpdate(t.site(), updated, update("in_progress", "10", "2026-01-10"));
    events.clear();

    assertThat(observatory.withdrawable(t.site(), mistake)).isTrue();
    observatory.withdrawRecommendation(t.site(), mistake);

    assertThat(tracker.recommendation(t.site(), mistake)).isEmpty();
    assertThat(
            jdbc.sql(
                    "select count(*) from observatory_recommendation_proposal where"
                        + " recommendation_id = ?")
                .param(mistake.value())
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(events.stream(ObservatoryChanged.class)).hasSize(1);
    for (RecommendationId kept : List.of(updated, committed)) {
      assertThat(observatory.withdrawable(t.site(), kept)).isFalse();
      assertThatThrownBy(() -> observatory.withdrawRecommendation(t.site(), kept))
          .isInstanceOfSatisfying(
              Conflict.class,
              e -> assertThat(e.code()).isEqualTo("observatory.recommendation.has-history"));
      TrackedRecommendation still = tracker.recommendation(t.site(), kept).orElseThrow();
      assertThat(still.proposals()).hasSize(1);
      assertThat(still.institutions()).hasSize(1);
    }
    assertThat(tracker.recommendation(t.site(), updated).orElseThrow().official()).hasSize(1);
    assertThat(tracker.recommendation(t.site(), committed).orElseThrow().commitments()).hasSize(1);
  }

  @Test
  void aSessionAndItsCommitmentAreEditedAndAStaleCommitmentFormIsRefused() {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId police = data.institution(t, "Seguridad Pública");
    InstitutionId dif = data.institution(t, "DIF");
    RecommendationId r1 = data.recommendation(t, police);
    RecommendationId r2 = data.recommendation(t, police);
    SessionId session = data.sessionWithCommitment(t, police, r1, "2026-03-01");
    CommitmentId c = tracker.session(t.site(), session).orElseThrow().commitments().get(0).id();
    fixtures.actAs(t.member());

    observatory.updateSession(
        t.site(),
        session,
        "1",
        new SessionInput(
            "2026-01-16", "Minuta corregida", List.of(police.toString(), dif.toString())));
    observatory.updateCommitment(
        t.site(),
        session,
        c,
        "1",
        new CommitmentInput(
            dif.toString(),
            "Reparar 30 luminarias",
            "2026-05-01",
            List.of(r1.toString(), r2.toString())));

    MesaSession now = tracker.session(t.site(), session).orElseThrow();
    assertThat(now.heldOn()).hasToString("2026-01-16");
    assertThat(now.minutes()).isEqualTo("Minuta corregida");
    assertThat(now.attendees())
        .extracting(Institution::name)
        .containsExactly("DIF", "Seguridad Pública");
    Commitment edited = now.commitments().get(0);
    assertThat(edited.institution().name()).isEqualTo("DIF");
    assertThat(edited.what()).isEqualTo("Reparar 30 luminarias");
    assertThat(edited.dueOn()).hasToString("2026-05-01");
    assertThat(edited.recommendations()).containsExactly(r1, r2);
    assertThat(edited.sessionHeldOn()).hasToString("2026-01-16");
    assertThat(tracker.recommendation(t.site(), r2).orElseThrow().commitments()).hasSize(1);

    assertThatThrownBy(
            () ->
                observatory.updateCommitment(
                    t.site(),
                    session,
                    c,
                    "1",
                    new CommitmentInput(
                        police.toString(), "Viejo", "2026-03-01", List.of(r1.toString()))))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("observatory.stale-form"));
    assertThatThrownBy(
            () ->
                observatory.updateSession(
                    t.site(),
                    session,
                    "1",
                    new SessionInput("2026-01-15", "Vieja", List.of(police.toString()))))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void aWithdrawnCommitmentSaysWhyIsNeverOverdueAndCannotBeChangedAnyMore() {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId police = data.institution(t, "Seguridad Pública");
    RecommendationId r = data.recommendation(t, police);
    SessionId session = data.sessionWithCommitment(t, police, r, "2026-01-20");
    CommitmentId c = tracker.session(t.site(), session).orElseThrow().commitments().get(0).id();
    fixtures.actAs(t.member());
    assertThat(tracker.commitments(t.site()).get(0).overdueOn(observatory.today())).isTrue();

    assertThatThrownBy(() -> observatory.withdrawCommitment(t.site(), session, c, " "))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("withdrawnReason", "observatory.error.withdrawal-reason"));
    observatory.withdrawCommitment(t.site(), session, c, "La obra pasó al Estado");

    Commitment withdrawn = tracker.commitments(t.site()).get(0);
    assertThat(withdrawn.withdrawnOn()).isEqualTo(observatory.today());
    assertThat(withdrawn.withdrawnReason()).isEqualTo("La obra pasó al Estado");
    assertThat(withdrawn.overdueOn(observatory.today())).isFalse();
    int revision = observatory.commitmentRevision(t.site(), session, c);
    assertThatThrownBy(
            () ->
                observatory.updateCommitment(
                    t.site(),
                    session,
                    c,
                    Integer.toString(revision),
                    new CommitmentInput(
                        police.toString(), "Otra", "2026-09-01", List.of(r.toString()))))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("observatory.commitment.closed"));
    assertThatThrownBy(() -> observatory.withdrawCommitment(t.site(), session, c, "otra vez"))
        .isInstanceOf(Conflict.class);
    observatory.fulfil(t.site(), session, c);
    assertThat(tracker.commitments(t.site()).get(0).fulfilledOn()).isNull();
  }

  @Test
  void aCorrectionSupersedesAnUpdateKeepsTheOriginalAndSaysWhoWhenAndWhy() {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "DIF"));
    fixtures.actAs(t.member());
    UpdateId first = observatory.addUpdate(t.site(), r, update("in_progress", "80", "2026-01-10"));
    observatory.addUpdate(
        t.site(),
        r,
        new UpdateInput("official", "in_progress", "", "85", "", "", "2026-02-10", null, null));
    events.clear();

    UpdateId correction =
        observatory.correctUpdate(
            t.site(),
            r,
            first,
            update("in_progress", "8", "2026-01-10"),
            "El informe decía 8 %, no 80 %",
            true);

    TrackedRecommendation now = tracker.recommendation(t.site(), r).orElseThrow();
    assertThat(now.official())
        .extracting(ProgressUpdate::id)
        .containsExactly(correction, now.official().get(1).id());
    ProgressUpdate shown = now.official().get(0);
    assertThat(shown.progress()).isEqualTo(8);
    assertThat(shown.corrected()).isTrue();
    assertThat(shown.correctedOn()).isEqualTo(observatory.today());
    assertThat(shown.correctionReason()).isEqualTo("El informe decía 8 %, no 80 %");
    assertThat(now.latestOfficial().orElseThrow().progress()).isEqualTo(85);
    assertThat(events.stream(ObservatoryChanged.class)).hasSize(1);
    // The original is kept as it was, and the correction names who made it.
    assertThat(
            jdbc.sql("select progress from observatory_update where id = ?")
                .param(first.value())
                .query(Integer.class)
                .single())
        .isEqualTo(80);
    assertThat(
            jdbc.sql("select corrected_by from observatory_update where id = ?")
                .param(correction.value())
                .query(UUID.class)
                .single())
        .isEqualTo(t.member().id().value());
    assertThat(observatory.earlierVersions(t.site(), correction))
        .extracting(ProgressUpdate::progress)
        .containsExactly(80);
    assertThat(auditActions(t)).contains("observatory.update.corrected");

    // The original cannot be corrected again (a form opened before this correction).
    assertThatThrownBy(
            () ->
                observatory.correctUpdate(
                    t.site(), r, first, update("in_progress", "9", "2026-01-10"), "otra", true))
        .isInstanceOfSatisfying(
            Conflict.class,
            e -> assertThat(e.code()).isEqualTo("observatory.update.already-corrected"));
    // A correction must say why.
    assertThatThrownBy(
            () ->
                observatory.correctUpdate(
                    t.site(), r, correction, update("in_progress", "9", "2026-01-10"), "", true))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("correction", "observatory.error.correction-reason"));
    // The correction itself may be corrected: the chain keeps every version.
    UpdateId second =
        observatory.correctUpdate(
            t.site(), r, correction, update("in_progress", "9", "2026-01-10"), "Eran 9", true);
    assertThat(observatory.earlierVersions(t.site(), second))
        .extracting(ProgressUpdate::progress)
        .containsExactly(8, 80);
    assertThat(tracker.recommendation(t.site(), r).orElseThrow().official()).hasSize(2);
  }

  @Test
  void theCorrectionFormStartsFromHeldEvidenceTooSoNothingIsDroppedUnseen() {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "DIF"));
    fixtures.actAs(t.member());
    UpdateId held =
        observatory.addUpdate(
            t.site(),
            r,
            new UpdateInput(
                "community",
                "in_progress",
                "",
                "30",
                "Recorrido con vecinas de la calle Naranjos",
                "https://example.org/recorrido",
                "2026-01-10",
                null,
                null));

    ProgressUpdate form = observatory.updateForCorrection(t.site(), r, held);

    assertThat(form.evidencePublic()).isFalse();
    assertThat(form.evidence()).isEqualTo("Recorrido con vecinas de la calle Naranjos");
    assertThat(form.link()).isEqualTo("https://example.org/recorrido");
  }

  @Test
  void anUpdateOfAnotherRecommendationOrSiteCannotBeCorrectedHere() {
    Tracked t = data.siteWithPublishedAgenda();
    Tracked other = data.siteWithPublishedAgenda();
    InstitutionId police = data.institution(t, "Policía");
    RecommendationId r1 = data.recommendation(t, police);
    RecommendationId r2 = data.recommendation(t, police);
    RecommendationId theirs = data.recommendation(other, data.institution(other, "Policía"));
    fixtures.actAs(other.member());
    UpdateId theirUpdate =
        observatory.addUpdate(other.site(), theirs, update("in_progress", "10", "2026-01-10"));
    fixtures.actAs(t.member());
    UpdateId onR1 = observatory.addUpdate(t.site(), r1, update("in_progress", "10", "2026-01-10"));

    UpdateInput in = update("in_progress", "20", "2026-01-10");
    assertThatThrownBy(() -> observatory.correctUpdate(t.site(), r2, onR1, in, "x", true))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> observatory.correctUpdate(t.site(), theirs, theirUpdate, in, "x", true))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> observatory.correctUpdate(t.site(), r1, theirUpdate, in, "x", true))
        .isInstanceOf(NotFound.class);
    fixtures.actAsNobody();
    assertThat(tracker.recommendation(other.site(), theirs).orElseThrow().official())
        .singleElement()
        .satisfies(u -> assertThat(u.corrected()).isFalse());
  }

  private List<String> auditActions(Tracked t) {
    return jdbc.sql("select action from audit_entry where site_id = ?")
        .param(t.site().id().value())
        .query(String.class)
        .list();
  }
}
