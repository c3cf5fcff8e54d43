package org.tejido.observatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.identity.SiteRole;
import org.tejido.observatory.ObservatoryData.Tracked;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.InstitutionInput;
import org.tejido.observatory.internal.Observatory.RecommendationInput;
import org.tejido.observatory.internal.Observatory.UpdateInput;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/**
 * The observatory's rules, below the web layer: validation, site boundaries, roles, the tracker.
 */
@TejidoTest
@org.springframework.test.context.event.RecordApplicationEvents
class ObservatoryTest {

  @Autowired org.springframework.context.ApplicationContext context;
  ObservatoryData data;

  @org.junit.jupiter.api.BeforeEach
  void data() {
    data = ObservatoryData.of(context);
  }

  @Autowired Observatory observatory;
  @Autowired ObservatoryTracker tracker;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired org.springframework.test.context.event.ApplicationEvents events;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void aRecommendationFromAPublishedProposalIsTrackedWithBothTimelinesSideBySide() {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId police = data.institution(t, "Seguridad Pública Municipal");
    RecommendationId r = data.recommendation(t, police);
    fixtures.actAs(t.member());
    observatory.addUpdate(
        t.site(),
        r,
        new UpdateInput(
            "official",
            "in_progress",
            "",
            "40",
            "Informe",
            "https://example.org/i",
            "2026-02-01",
            null,
            null));
    observatory.addUpdate(
        t.site(),
        r,
        new UpdateInput(
            "community",
            "stalled",
            "No hay luminarias nuevas",
            "10",
            "",
            "",
            "2026-02-03",
            null,
            null));

    TrackedRecommendation tracked = tracker.recommendation(t.site(), r).orElseThrow();
    assertThat(tracked.number()).isEqualTo(1);
    assertThat(tracked.targets()).containsExactly(Sdg16Target.T16_1, Sdg16Target.T16_6);
    assertThat(tracked.institutions())
        .extracting(Institution::name)
        .containsExactly("Seguridad Pública Municipal");
    assertThat(tracked.proposals())
        .extracting(LinkedProposal::proposalId)
        .containsExactly(t.proposals().get(0));
    assertThat(tracked.latestOfficial().orElseThrow().status())
        .isEqualTo(ImplementationStatus.IN_PROGRESS);
    assertThat(tracked.latestCommunity().orElseThrow().status())
        .isEqualTo(ImplementationStatus.STALLED);
    assertThat(tracked.latestCommunity().orElseThrow().reason())
        .isEqualTo("No hay luminarias nuevas");
  }

  @Test
  void everyInvalidFieldOfARecommendationIsNamedAtOnce() {
    Tracked t = data.siteWithPublishedAgenda();
    fixtures.actAs(t.member());
    RecommendationInput bad =
        new RecommendationInput(
            "",
            "",
            "nobody",
            List.of(),
            List.of("nowhere"),
            List.of("17.1"),
            "6",
            "2026-06-30",
            "2026-01-01",
            List.of(UUID.randomUUID().toString()));
    assertThatThrownBy(() -> observatory.addRecommendation(t.site(), bad))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("proposals", "observatory.error.proposal-not-published")
                    .containsEntry("textEs", "observatory.error.required")
                    .containsEntry("addressee", "observatory.error.choose")
                    .containsEntry("institutions", "observatory.error.choose-institution")
                    .containsEntry("domains", "observatory.error.choose-domain")
                    .containsEntry("targets", "observatory.error.unknown-target")
                    .containsEntry("specificity", "observatory.error.specificity")
                    .containsEntry("dueOn", "observatory.error.due-before-start"));
    assertThat(tracker.recommendations(t.site())).isEmpty();
  }

  @Test
  void aProposalOfAnotherSitesAgendaOrADraftCannotBecomeARecommendation() {
    Tracked t = data.siteWithPublishedAgenda();
    Tracked other = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Fiscalía");
    fixtures.actAs(t.member());
    assertThatThrownBy(
            () ->
                observatory.addRecommendation(
                    t.site(), ObservatoryData.recommendation(other.proposals().get(0), i)))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("proposals", "observatory.error.proposal-not-published"));
  }

  @Test
  void anInstitutionOfAnotherSiteIsRefusedAndItsIdIsNotFoundHere() {
    Tracked t = data.siteWithPublishedAgenda();
    Tracked other = data.siteWithPublishedAgenda();
    InstitutionId theirs = data.institution(other, "Iglesia de allá");
    fixtures.actAs(t.member());
    assertThatThrownBy(
            () ->
                observatory.addRecommendation(
                    t.site(), ObservatoryData.recommendation(t.proposals().get(0), theirs)))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("institutions", "observatory.error.unknown-institution"));
    assertThatThrownBy(() -> observatory.institutionForEditing(t.site(), theirs))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                observatory.updateInstitution(
                    t.site(), theirs, new InstitutionInput("Mía", "none", "church", "")))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void stalledAndRejectedNeedAReasonAndLinksMustBeWebAddresses() {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "DIF"));
    fixtures.actAs(t.member());
    assertThatThrownBy(
            () ->
                observatory.addUpdate(
                    t.site(),
                    r,
                    new UpdateInput(
                        "official",
                        "rejected",
                        " ",
                        "101",
                        "",
                        "javascript:alert(1)",
                        "2090-01-01",
                        "x.html",
                        "<html>".getBytes())))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("reason", "observatory.error.reason-required")
                    .containsEntry("progress", "observatory.error.progress")
                    .containsEntry("link", "observatory.error.link")
                    .containsEntry("reportedOn", "observatory.error.future")
                    .containsEntry("file", "observatory.error.file-type"));
  }

  @Test
  void aSmallPdfIsKeptUnderASafeNameAndTooLargeAFileIsRefused() {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "Ayuntamiento"));
    fixtures.actAs(t.member());
    byte[] pdf = "%PDF-1.4 minimal".getBytes();
    UpdateId u =
        observatory.addUpdate(
            t.site(),
            r,
            new UpdateInput(
                "official",
                "implemented",
                "",
                "100",
                "",
                "",
                "2026-03-01",
                "../../acta final.pdf",
                pdf));
    var file = observatory.evidenceFile(t.site(), r, u);
    assertThat(file.name()).isEqualTo("acta-final.pdf");
    assertThat(file.type()).isEqualTo("application/pdf");
    assertThat(file.content()).isEqualTo(pdf);
    byte[] big = new byte[Observatory.MAX_FILE_BYTES + 1];
    big[0] = (byte) 0xFF;
    big[1] = (byte) 0xD8;
    big[2] = (byte) 0xFF;
    assertThatThrownBy(
            () ->
                observatory.addUpdate(
                    t.site(),
                    r,
                    new UpdateInput(
                        "official",
                        "implemented",
                        "",
                        "100",
                        "",
                        "",
                        "2026-03-01",
                        "foto.jpg",
                        big)))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("file", "observatory.error.file-too-large"));
  }

  @Test
  void aResearcherOrACommunityResearcherCannotEditTheObservatory() {
    Tracked t = data.siteWithPublishedAgenda();
    for (SiteRole role : List.of(SiteRole.RESEARCHER, SiteRole.COMMUNITY_RESEARCHER)) {
      fixtures.actAs(fixtures.withRole(t.site().key(), role));
      assertThatThrownBy(
              () ->
                  observatory.addInstitution(
                      t.site(), new InstitutionInput("X", "none", "other", "")))
          .isInstanceOf(Forbidden.class);
    }
    fixtures.actAs(t.coordinator());
    assertThat(
            observatory.addInstitution(
                t.site(), new InstitutionInput("Por coordinación", "none", "other", "")))
        .isNotNull();
  }

  @Test
  void commitmentsAreLinkedToRecommendationsOfTheSiteAndAreOverdueOnlyWhileOpen() {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Protección Civil");
    RecommendationId r = data.recommendation(t, i);
    SessionId s = data.sessionWithCommitment(t, i, r, "2026-01-31");
    Commitment c = tracker.commitments(t.site()).get(0);
    assertThat(c.recommendations()).containsExactly(r);
    assertThat(c.overdueOn(java.time.LocalDate.parse("2026-02-01"))).isTrue();
    assertThat(tracker.recommendation(t.site(), r).orElseThrow().commitments()).hasSize(1);
    fixtures.actAs(t.member());
    observatory.fulfil(t.site(), s, c.id());
    assertThat(
            tracker.commitments(t.site()).get(0).overdueOn(java.time.LocalDate.parse("2026-02-01")))
        .isFalse();
    Tracked other = data.siteWithPublishedAgenda();
    RecommendationId theirs = data.recommendation(other, data.institution(other, "Otra"));
    fixtures.actAs(t.member());
    assertThatThrownBy(
            () ->
                observatory.addCommitment(
                    t.site(),
                    s,
                    new Observatory.CommitmentInput(
                        i.toString(), "Algo", "2026-05-01", List.of(theirs.toString()))))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("recommendations", "observatory.error.unknown-recommendation"));
  }

  @Test
  void theTrackerNeverCarriesContactsAndEveryChangeAnnouncesItself() {
    Tracked t = data.siteWithPublishedAgenda();
    events.clear();
    InstitutionId i = data.institution(t, "Cruz Roja");
    data.recommendation(t, i);
    assertThat(events.stream(ObservatoryChanged.class).toList())
        .containsOnly(new ObservatoryChanged(t.site().id()))
        .hasSize(2);
    assertThat(tracker.institutions(t.site()).toString()).doesNotContain("555 0101");
    assertThat(tracker.recommendations(t.site()).toString()).doesNotContain("555 0101");
  }

  @Test
  void theDatabaseRefusesToTieARecommendationToAnotherSitesInstitution() {
    Tracked t = data.siteWithPublishedAgenda();
    Tracked other = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "Uno"));
    InstitutionId theirs = data.institution(other, "Dos");
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "insert into observatory_recommendation_institution (site_id,"
                            + " recommendation_id, institution_id) values (?, ?, ?)")
                    .params(t.site().id().value(), r.value(), theirs.value())
                    .update())
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "insert into observatory_update (id, site_id, recommendation_id, source,"
                            + " status, progress, reported_on) values (gen_random_uuid(), ?, ?,"
                            + " 'official', 'stalled', 0, current_date)")
                    .params(t.site().id().value(), r.value())
                    .update())
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
  }
}
