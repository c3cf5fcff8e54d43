package org.tejido.analysis.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.EvidenceQuotes;
import org.tejido.analysis.Codebook;
import org.tejido.analysis.Coding;
import org.tejido.analysis.Codings;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.SourceSummary;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.Team;
import org.tejido.sites.Site;

/**
 * The agenda's quotes, cut from the de-identified text of the coded turns. The team's read goes
 * through {@link Sources#deidentified} (with its role checks); the public one through {@link
 * Sources#quotableInPublished}, which holds only the turns of speakers whose consent allows it. A
 * coding of a whole source's text is never public: it has no single speaker who consented.
 */
@Component
class AgendaEvidenceQuotes implements EvidenceQuotes {

  private final AnalysisStore store;
  private final Sources sources;
  private final Participants participants;
  private final Team team;

  AgendaEvidenceQuotes(AnalysisStore store, Sources sources, Participants participants, Team team) {
    this.store = store;
    this.sources = sources;
    this.participants = participants;
    this.team = team;
  }

  @Override
  @Transactional(readOnly = true)
  public Map<UUID, Quote> forTeam(Site site, Collection<UUID> codings) {
    team.require(site.id(), Codebook.CODERS);
    Map<UUID, Quote> out = new HashMap<>();
    if (codings.isEmpty()) {
      return out;
    }
    Map<UUID, String> groups = new HashMap<>();
    for (Participant p : participants.list(site)) {
      groups.put(p.id(), p.populationGroup());
    }
    Map<UUID, List<SourceTurn>> texts = new HashMap<>();
    Map<UUID, java.util.Set<Integer>> quotable = new HashMap<>();
    Map<UUID, SourceSummary> summaries = new HashMap<>();
    for (UUID id : codings) {
      Optional<Coding> found = store.coding(site.id().value(), id);
      if (found.isEmpty()) {
        continue;
      }
      Coding c = found.get();
      SourceSummary summary = summaries.computeIfAbsent(c.sourceId(), s -> sources.get(site, s));
      List<SourceTurn> turns =
          texts.computeIfAbsent(c.sourceId(), s -> sources.deidentified(site, s));
      java.util.Set<Integer> publishable =
          quotable.computeIfAbsent(
              c.sourceId(),
              s ->
                  sources.quotableInPublished(site, s).stream()
                      .map(SourceTurn::position)
                      .collect(java.util.stream.Collectors.toSet()));
      Quote q = quote(c, summary.title(), turns, groups);
      boolean may = c.turn() != null && publishable.contains(c.turn());
      out.put(id, new Quote(q.coding(), q.text(), q.source(), q.speaker(), q.group(), may));
    }
    return out;
  }

  @Override
  @Transactional(readOnly = true)
  public Map<UUID, Quote> forPublic(Site site, Collection<UUID> codings) {
    Map<UUID, Quote> out = new HashMap<>();
    Map<UUID, List<SourceTurn>> texts = new HashMap<>();
    for (UUID id : codings) {
      Optional<Coding> found = store.coding(site.id().value(), id);
      if (found.isEmpty() || found.get().turn() == null) {
        continue;
      }
      Coding c = found.get();
      List<SourceTurn> turns =
          texts.computeIfAbsent(c.sourceId(), s -> sources.quotableInPublished(site, s));
      Quote q = quote(c, null, turns, Map.of());
      if (q.text() != null && q.speaker() != null) {
        out.put(id, new Quote(q.coding(), q.text(), null, q.speaker(), null, true));
      }
    }
    return out;
  }

  private static Quote quote(
      Coding c, String title, List<SourceTurn> turns, Map<UUID, String> groups) {
    if (c.turn() == null) {
      String whole =
          turns.isEmpty()
              ? null
              : String.join(
                  Codings.WHOLE_SOURCE_SEPARATOR,
                  turns.stream().map(t -> t.text() == null ? "" : t.text()).toList());
      return new Quote(c.id(), Codings.cut(whole, c.start(), c.end()), title, null, null, false);
    }
    return turns.stream()
        .filter(t -> t.position() == c.turn())
        .findFirst()
        .map(
            t ->
                new Quote(
                    c.id(),
                    Codings.cut(t.text(), c.start(), c.end()),
                    title,
                    t.participantId() == null ? null : t.speaker(),
                    t.participantId() == null ? null : groups.get(t.participantId()),
                    false))
        .orElse(new Quote(c.id(), null, title, null, null, false));
  }
}
