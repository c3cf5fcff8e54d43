package org.tejido.observatory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.Proposal;
import org.tejido.observatory.internal.ObservatoryStore;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.Site;

/**
 * Loads a monitoring history recorded elsewhere (the demo's, later other sources) into a site's
 * observatory, in one transaction, as {@code agenda.AgendaImport} loads agendas: institutions,
 * recommendations from the proposals of the site's latest published agenda (by position), Mesa
 * sessions with their commitments, and progress updates. It checks no role: only the application
 * itself calls it, at start, never a request.
 */
@Service
public class MonitoringHistoryImport {

  public record ImportedInstitution(String name, InstitutionLevel level, InstitutionType type) {}

  /**
   * @param evidencePublic whether its evidence is published; null for the source's rule ({@link
   *     EvidenceSource#evidencePublicOnEntry()})
   */
  public record ImportedUpdate(
      EvidenceSource source,
      ImplementationStatus status,
      String reason,
      int progress,
      String evidence,
      String link,
      LocalDate reportedOn,
      Boolean evidencePublic) {

    public ImportedUpdate(
        EvidenceSource source,
        ImplementationStatus status,
        String reason,
        int progress,
        String evidence,
        String link,
        LocalDate reportedOn) {
      this(source, status, reason, progress, evidence, link, reportedOn, null);
    }
  }

  /**
   * @param proposals positions of proposals in the latest published agenda
   * @param institutions names of institutions of this history
   */
  public record ImportedRecommendation(
      LocalizedText text,
      String addressee,
      List<String> institutions,
      List<String> domains,
      List<Sdg16Target> targets,
      int specificity,
      LocalDate startsOn,
      LocalDate dueOn,
      List<Integer> proposals,
      List<ImportedUpdate> updates) {}

  /**
   * @param recommendations indexes (from 0) into the history's recommendations
   */
  public record ImportedCommitment(
      String institution,
      String what,
      LocalDate dueOn,
      LocalDate fulfilledOn,
      List<Integer> recommendations) {}

  public record ImportedSession(
      LocalDate heldOn,
      String minutes,
      List<String> attendees,
      List<ImportedCommitment> commitments) {}

  public record ImportedHistory(
      List<ImportedInstitution> institutions,
      List<ImportedRecommendation> recommendations,
      List<ImportedSession> sessions) {}

  private final ObservatoryStore store;
  private final Agendas agendas;
  private final ApplicationEventPublisher events;

  MonitoringHistoryImport(
      ObservatoryStore store, Agendas agendas, ApplicationEventPublisher events) {
    this.store = store;
    this.agendas = agendas;
    this.events = events;
  }

  /**
   * @throws IllegalArgumentException when the site has no published agenda, or the history names a
   *     proposal, institution or recommendation it does not have
   */
  @Transactional
  public void importHistory(Site site, ImportedHistory history) {
    UUID s = site.id().value();
    Agenda agenda =
        agendas
            .latestPublished(site)
            .orElseThrow(
                () -> new IllegalArgumentException("No published agenda at " + site.key()));
    Map<String, UUID> institutions = new HashMap<>();
    for (ImportedInstitution i : history.institutions()) {
      UUID id = UUID.randomUUID();
      store.insertInstitution(s, id, i.name(), i.level(), i.type(), "");
      institutions.put(i.name(), id);
    }
    List<UUID> recommendations = new ArrayList<>();
    for (ImportedRecommendation r : history.recommendations()) {
      List<LinkedProposal> proposals = new ArrayList<>();
      for (int position : r.proposals()) {
        Proposal p =
            agenda.proposals().stream()
                .filter(x -> x.position() == position)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No proposal " + position));
        proposals.add(new LinkedProposal(p.id(), agenda.version().number()));
      }
      UUID id = UUID.randomUUID();
      store.insertRecommendation(
          s,
          id,
          r.text(),
          r.addressee(),
          r.domains(),
          r.targets(),
          r.specificity(),
          r.startsOn(),
          r.dueOn(),
          proposals,
          r.institutions().stream().map(n -> institution(institutions, n)).toList());
      recommendations.add(id);
      for (ImportedUpdate u : r.updates()) {
        UUID update = UUID.randomUUID();
        store.insertUpdate(
            s,
            update,
            id,
            u.source(),
            u.status(),
            u.reason() == null ? "" : u.reason(),
            u.progress(),
            u.evidence() == null ? "" : u.evidence(),
            u.link(),
            null,
            null,
            null,
            u.reportedOn());
        if (u.evidencePublic() != null) {
          store.publishEvidence(s, id, update, u.evidencePublic());
        }
      }
    }
    for (ImportedSession session : history.sessions()) {
      UUID id = UUID.randomUUID();
      store.insertSession(
          s,
          id,
          session.heldOn(),
          session.minutes(),
          session.attendees().stream().map(n -> institution(institutions, n)).toList());
      for (ImportedCommitment c : session.commitments()) {
        UUID commitment = UUID.randomUUID();
        store.insertCommitment(
            s,
            commitment,
            id,
            institution(institutions, c.institution()),
            c.what(),
            c.dueOn(),
            c.recommendations().stream().map(recommendations::get).toList());
        if (c.fulfilledOn() != null) {
          store.fulfil(s, id, commitment, c.fulfilledOn());
        }
      }
    }
    events.publishEvent(new ObservatoryChanged(site.id()));
  }

  private static UUID institution(Map<String, UUID> institutions, String name) {
    UUID id = institutions.get(name);
    if (id == null) {
      throw new IllegalArgumentException("No institution " + name + " in the history");
    }
    return id;
  }
}
