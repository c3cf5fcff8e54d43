package org.tejido.observatory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.observatory.internal.ObservatoryStore;
import org.tejido.observatory.internal.ObservatoryStore.CommitmentRow;
import org.tejido.observatory.internal.ObservatoryStore.RecommendationRow;
import org.tejido.sites.Site;

/**
 * What a site's observatory tracks, read-only, as the public may see it: recommendations with their
 * official and community timelines, commitments and linked proposals; sessions with their
 * attendees; institutions without their contacts. It checks no role: the staff pages check theirs,
 * and a public page may show all of it.
 */
@Service
@Transactional(readOnly = true)
public class ObservatoryTracker {

  private final ObservatoryStore store;

  ObservatoryTracker(ObservatoryStore store) {
    this.store = store;
  }

  /** The site's directory, by name, without contacts. */
  public List<Institution> institutions(Site site) {
    return store.institutions(site.id().value());
  }

  /** Every recommendation of the site, by number, with its timelines and commitments. */
  public List<TrackedRecommendation> recommendations(Site site) {
    UUID s = site.id().value();
    Map<InstitutionId, Institution> institutions = byId(s);
    List<ProgressUpdate> updates = store.updates(s);
    List<Commitment> commitments = commitments(s, institutions);
    return store.recommendations(s).stream()
        .map(r -> tracked(r, institutions, updates, commitments))
        .toList();
  }

  /** One recommendation of the site; empty for an id of another site or none. */
  public Optional<TrackedRecommendation> recommendation(Site site, RecommendationId id) {
    return recommendations(site).stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The Mesa de Seguridad sessions, newest first, each with its commitments. */
  public List<MesaSession> sessions(Site site) {
    UUID s = site.id().value();
    Map<InstitutionId, Institution> institutions = byId(s);
    Map<java.util.UUID, List<InstitutionId>> attendees = store.attendees(s);
    List<Commitment> commitments = commitments(s, institutions);
    return store.sessions(s).stream()
        .map(
            row ->
                new MesaSession(
                    row.id(),
                    row.heldOn(),
                    attendees.getOrDefault(row.id().value(), List.of()).stream()
                        .map(institutions::get)
                        .toList(),
                    row.minutes(),
                    commitments.stream().filter(c -> c.session().equals(row.id())).toList()))
        .toList();
  }

  public Optional<MesaSession> session(Site site, SessionId id) {
    return sessions(site).stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** Every commitment of the site, by due date. */
  public List<Commitment> commitments(Site site) {
    UUID s = site.id().value();
    return commitments(s, byId(s));
  }

  private Map<InstitutionId, Institution> byId(UUID site) {
    return store.institutions(site).stream()
        .collect(Collectors.toMap(Institution::id, Function.identity()));
  }

  private List<Commitment> commitments(UUID site, Map<InstitutionId, Institution> institutions) {
    return store.commitments(site).stream().map(c -> commitment(c, institutions)).toList();
  }

  private static Commitment commitment(CommitmentRow c, Map<InstitutionId, Institution> byId) {
    return new Commitment(
        c.id(),
        c.session(),
        c.heldOn(),
        byId.get(c.institution()),
        c.what(),
        c.dueOn(),
        c.fulfilledOn(),
        c.withdrawnOn(),
        c.withdrawnReason(),
        c.recommendations());
  }

  private static TrackedRecommendation tracked(
      RecommendationRow r,
      Map<InstitutionId, Institution> institutions,
      List<ProgressUpdate> updates,
      List<Commitment> commitments) {
    List<ProgressUpdate> mine =
        updates.stream().filter(u -> u.recommendation().equals(r.id())).toList();
    return new TrackedRecommendation(
        r.id(),
        r.number(),
        r.text(),
        r.addressee(),
        r.institutions().stream().map(institutions::get).toList(),
        r.domains(),
        r.targets(),
        r.specificity(),
        r.startsOn(),
        r.dueOn(),
        r.proposals(),
        mine.stream().filter(u -> u.source() == EvidenceSource.OFFICIAL).toList(),
        mine.stream().filter(u -> u.source() == EvidenceSource.COMMUNITY).toList(),
        commitments.stream().filter(c -> c.recommendations().contains(r.id())).toList());
  }
}
