package org.tejido.observatory;

import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.IssueInput;
import org.tejido.agenda.ProposalInput;
import org.tejido.identity.SiteRole;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.CommitmentInput;
import org.tejido.observatory.internal.Observatory.InstitutionInput;
import org.tejido.observatory.internal.Observatory.RecommendationInput;
import org.tejido.observatory.internal.Observatory.SessionInput;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;

/** A site with a published agenda, an observatory member, and the observatory's records. */
class ObservatoryData {

  final Fixtures fixtures;
  final AgendaEditing editing;
  final Agendas agendas;
  final Observatory observatory;

  /** From the shared test application (no bean of its own: a new bean would start a second one). */
  static ObservatoryData of(ApplicationContext context) {
    return new ObservatoryData(
        context.getBean(Fixtures.class),
        context.getBean(AgendaEditing.class),
        context.getBean(Agendas.class),
        context.getBean(Observatory.class));
  }

  ObservatoryData(
      Fixtures fixtures, AgendaEditing editing, Agendas agendas, Observatory observatory) {
    this.fixtures = fixtures;
    this.editing = editing;
    this.agendas = agendas;
    this.observatory = observatory;
  }

  /** A fresh site with one published issue and two published proposals. */
  record Tracked(Site site, Person coordinator, Person member, List<UUID> proposals) {}

  Tracked siteWithPublishedAgenda() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Person member = fixtures.withRole(site.key(), SiteRole.OBSERVATORY);
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    UUID issue =
        editing.addIssue(
            site, new IssueInput("Robos", "Robberies", null, null, List.of("personal"), false));
    editing.addProposal(
        site, new ProposalInput("authorities", "Más alumbrado", "More lighting", List.of(issue)));
    editing.addProposal(
        site, new ProposalInput("community", "Vecinos vigilantes", "Watch", List.of(issue)));
    editing.publish(site);
    List<UUID> proposals =
        agendas.latestPublished(site).orElseThrow().proposals().stream().map(p -> p.id()).toList();
    fixtures.actAsNobody();
    return new Tracked(site, coordinator, member, proposals);
  }

  InstitutionId institution(Tracked t, String name) {
    fixtures.actAs(t.member());
    try {
      return observatory.addInstitution(
          t.site(), new InstitutionInput(name, "municipal", "government", "tel. 555 0101"));
    } finally {
      fixtures.actAsNobody();
    }
  }

  static RecommendationInput recommendation(UUID proposal, InstitutionId institution) {
    return new RecommendationInput(
        "Instalar alumbrado en la colonia",
        "Install lighting in the neighbourhood",
        "authorities",
        List.of(institution.toString()),
        List.of("personal"),
        List.of("16.1", "16.6"),
        "5",
        "2026-01-01",
        "2026-06-30",
        List.of(proposal.toString()));
  }

  RecommendationId recommendation(Tracked t, InstitutionId institution) {
    fixtures.actAs(t.member());
    try {
      return observatory.addRecommendation(
          t.site(), recommendation(t.proposals().get(0), institution));
    } finally {
      fixtures.actAsNobody();
    }
  }

  /** A session with one commitment due on the given day. */
  SessionId sessionWithCommitment(
      Tracked t, InstitutionId institution, RecommendationId r, String dueOn) {
    fixtures.actAs(t.member());
    try {
      SessionId session =
          observatory.addSession(
              t.site(),
              new SessionInput(
                  "2026-01-15", "Acuerdos de la Mesa", List.of(institution.toString())));
      observatory.addCommitment(
          t.site(),
          session,
          new CommitmentInput(
              institution.toString(), "Reparar 20 luminarias", dueOn, List.of(r.toString())));
      return session;
    } finally {
      fixtures.actAsNobody();
    }
  }
}
