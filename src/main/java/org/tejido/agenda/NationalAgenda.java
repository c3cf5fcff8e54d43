package org.tejido.agenda;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One version of the National Agenda: common threads of the local agendas, and the national
 * principles and requirements. Read publicly, it holds only spoken issues of published local
 * versions of sites not suspended for safety.
 */
public record NationalAgenda(
    NationalAgendaVersion version,
    List<NationalThread> threads,
    List<NationalStatement> principles,
    List<NationalStatement> requirements) {

  /** Threads under their domain, in the vocabulary's order. */
  public List<DomainThreads> byDomain(List<Domain> domains) {
    List<DomainThreads> sections = new ArrayList<>();
    for (Domain domain : domains) {
      List<NationalThread> list =
          threads.stream().filter(t -> t.domain().equals(domain.key())).toList();
      if (!list.isEmpty()) {
        sections.add(new DomainThreads(domain, list));
      }
    }
    return sections;
  }

  /** The threads a requirement answers, in thread order. */
  public List<NationalThread> threadsOf(NationalStatement statement) {
    return threads.stream().filter(t -> statement.threadIds().contains(t.id())).toList();
  }

  public java.util.Optional<NationalThread> thread(UUID id) {
    return threads.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public java.util.Optional<NationalStatement> statement(UUID id) {
    return java.util.stream.Stream.concat(principles.stream(), requirements.stream())
        .filter(s -> s.id().equals(id))
        .findFirst();
  }

  /** How many different sites the threads draw on. */
  public long siteCount() {
    return threads.stream()
        .flatMap(t -> t.sites().stream())
        .map(NationalThread.RaisedBy::siteKey)
        .distinct()
        .count();
  }

  public record DomainThreads(Domain domain, List<NationalThread> threads) {}
}
