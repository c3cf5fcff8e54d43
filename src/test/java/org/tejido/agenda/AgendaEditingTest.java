package org.tejido.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.identity.SiteRole;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

@TejidoTest
class AgendaEditingTest {

  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;
  @Autowired Agendas agendas;
  @Autowired Sites sites;

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  private static IssueInput spoken(String es, String... domains) {
    return new IssueInput(es, es + " (en)", null, null, List.of(domains), false);
  }

  private Site siteWithCoordinator() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    return site;
  }

  @Test
  void firstDraftOfANewSiteIsEmptyAndPublishingMakesVersionOne() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    UUID issue = editing.addIssue(site, spoken("Robos en la colonia", "personal"));
    editing.addProposal(
        site, new ProposalInput("authorities", "Más alumbrado", "More lighting", List.of(issue)));
    editing.setParticipants(site, 42);

    assertThat(agendas.latestPublished(site)).isEmpty();
    AgendaVersion published = editing.publish(site);

    assertThat(published.number()).isEqualTo(1);
    Agenda agenda = agendas.latestPublished(site).orElseThrow();
    assertThat(agenda.version().participants()).isEqualTo(42);
    assertThat(agenda.issues())
        .extracting(i -> i.title().es())
        .containsExactly("Robos en la colonia");
    assertThat(agenda.proposals())
        .singleElement()
        .satisfies(p -> assertThat(p.issueIds()).hasSize(1));
    assertThat(agendas.draftForTeam(site)).isEmpty();
  }

  @Test
  void theDraftCopiesTheLatestPublishedVersionWhileThePublicStillSeesTheOldOne() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    UUID first = editing.addIssue(site, spoken("Primera", "community"));
    editing.addIssue(site, new IssueInput("Callada", "Silenced", "detalle", null, List.of(), true));
    editing.addProposal(site, new ProposalInput("community", "Hacer", "Do", List.of(first)));
    editing.publish(site);

    editing.startDraft(site);
    Agenda draft = agendas.draftForTeam(site).orElseThrow();
    assertThat(draft.version().number()).isEqualTo(2);
    assertThat(draft.issues())
        .extracting(i -> i.title().es())
        .containsExactly("Primera", "Callada");
    assertThat(draft.silencedIssues())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title().en()).isEqualTo("Silenced");
              assertThat(i.description().es()).isEqualTo("detalle");
            });
    assertThat(draft.proposals().get(0).issueIds())
        .containsExactly(draft.spokenIssues().get(0).id());

    editing.addIssue(site, spoken("Segunda", "economic"));
    assertThat(agendas.latestPublished(site).orElseThrow().issues()).hasSize(1);

    editing.publish(site);
    assertThat(agendas.latestPublished(site).orElseThrow().issues())
        .extracting(i -> i.title().es())
        .containsExactly("Primera", "Segunda");
    assertThat(agendas.published(site, 1).issues()).hasSize(1);
    assertThat(agendas.publishedVersions(site))
        .extracting(AgendaVersion::number)
        .containsExactly(2, 1);
  }

  @Test
  void publicReadsNeverContainSilencedIssuesAndProposalLinksToThemAreDropped() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    UUID spoken = editing.addIssue(site, spoken("Hablada", "personal"));
    UUID silenced =
        editing.addIssue(site, new IssueInput("Secreta", "Secret", null, null, List.of(), true));
    editing.addProposal(
        site, new ProposalInput("authorities", "Texto", "Text", List.of(spoken, silenced)));
    editing.publish(site);

    Agenda publicView = agendas.latestPublished(site).orElseThrow();
    assertThat(publicView.issues()).extracting(AgendaIssue::silenced).containsOnly(false);
    assertThat(publicView.proposals().get(0).issueIds()).hasSize(1);
    assertThat(agendas.latestPublishedForTeam(site).orElseThrow().silencedIssues()).hasSize(1);
  }

  @Test
  void silencingAnIssueGivesItANewReferenceSoThePublicOneDoesNotLeak() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    UUID id = editing.addIssue(site, spoken("Visible", "personal"));
    String before = agendas.draftForTeam(site).orElseThrow().issue(id).orElseThrow().ref();
    editing.updateIssue(
        site, id, new IssueInput("Ahora callada", "Now silenced", null, null, List.of(), true));
    AgendaIssue after = agendas.draftForTeam(site).orElseThrow().issue(id).orElseThrow();

    assertThat(after.silenced()).isTrue();
    assertThat(after.ref()).isNotEqualTo(before).contains("-s");
    assertThat(after.title().es()).isEqualTo("Ahora callada");
  }

  @Test
  void reordersIssuesAndIgnoresMovesPastTheEnds() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    UUID a = editing.addIssue(site, spoken("A", "personal"));
    UUID b = editing.addIssue(site, spoken("B", "personal"));
    UUID c = editing.addIssue(site, spoken("C", "personal"));
    editing.moveIssue(site, c, -1);
    editing.moveIssue(site, a, -1);
    assertThat(agendas.draftForTeam(site).orElseThrow().issues())
        .extracting(AgendaIssue::id)
        .containsExactly(a, c, b);
  }

  @Test
  void rejectsAnIssueWithoutTitlesOrDomainsListingEveryField() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    assertThatThrownBy(
            () ->
                editing.addIssue(
                    site,
                    new IssueInput(" ", null, null, "x".repeat(4001), List.of("nope"), false)))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("titleEs", "validation.required")
                    .containsEntry("titleEn", "validation.required")
                    .containsEntry("descriptionEn", "validation.too-long.4000")
                    .containsEntry("domains", "validation.domains.unknown"));
    assertThat(agendas.draftForTeam(site).orElseThrow().issues()).isEmpty();
  }

  @Test
  void rejectsAProposalLinkedToAnIssueOfAnotherAgenda() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    assertThatThrownBy(
            () ->
                editing.addProposal(
                    site, new ProposalInput("authorities", "a", "b", List.of(UUID.randomUUID()))))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e -> assertThat(e.fieldErrors()).containsEntry("issues", "validation.issues.unknown"));
  }

  @Test
  void refusesToPublishADraftWithNoPublicIssue() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    editing.addIssue(
        site, new IssueInput("Solo callada", "Only silenced", null, null, List.of(), true));
    assertThatThrownBy(() -> editing.publish(site))
        .isInstanceOf(BadRequest.class)
        .hasMessage("agenda.publish.empty");
  }

  @Test
  void onlyOneDraftAtATime() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    assertThatThrownBy(() -> editing.startDraft(site)).isInstanceOf(Conflict.class);
    editing.discardDraft(site);
    assertThatThrownBy(() -> editing.addIssue(site, spoken("x", "personal")))
        .isInstanceOf(Conflict.class)
        .hasMessage("agenda.draft.none");
  }

  @Test
  void aCoordinatorCannotEditAnotherSitesAgenda() {
    Site mine = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(mine.key(), SiteRole.COORDINATOR));
    Site guadalupe = sites.byKey("guadalupe");
    assertThatThrownBy(() -> editing.startDraft(guadalupe)).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> agendas.draftForTeam(guadalupe)).isInstanceOf(Forbidden.class);
  }

  @Test
  void researchersReadTheTeamViewButCannotEdit() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER));
    assertThat(agendas.draftForTeam(site)).isPresent();
    assertThatThrownBy(() -> editing.addIssue(site, spoken("x", "personal")))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void editingAnIssueOutsideTheDraftIsNotFound() {
    Site site = siteWithCoordinator();
    editing.startDraft(site);
    UUID published =
        agendas.latestPublished(sites.byKey("apatzingan")).orElseThrow().issues().get(0).id();
    assertThatThrownBy(() -> editing.deleteIssue(site, published)).isInstanceOf(NotFound.class);
  }

  @Test
  void anUnknownVersionIsNotFound() {
    assertThatThrownBy(() -> agendas.published(sites.byKey("tijuana"), 99))
        .isInstanceOf(NotFound.class)
        .hasMessage("agenda.version.not-found");
  }
}
