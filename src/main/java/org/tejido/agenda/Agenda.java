package org.tejido.agenda;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.tejido.sites.Site;

/**
 * One version of a site's agenda with its issues and proposals. Public reads never contain silenced
 * issues; the team's reads do, marked {@link AgendaIssue#silenced()}.
 */
public record Agenda(
    Site site, AgendaVersion version, List<AgendaIssue> issues, List<Proposal> proposals) {

  public List<AgendaIssue> spokenIssues() {
    return issues.stream().filter(i -> !i.silenced()).toList();
  }

  public List<AgendaIssue> silencedIssues() {
    return issues.stream().filter(AgendaIssue::silenced).toList();
  }

  public Optional<AgendaIssue> issue(UUID id) {
    return issues.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  public Optional<Proposal> proposal(UUID id) {
    return proposals.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The issues a proposal answers, in agenda order. */
  public List<AgendaIssue> issuesOf(Proposal proposal) {
    return issues.stream().filter(i -> proposal.issueIds().contains(i.id())).toList();
  }

  /**
   * Whether a proposal answers a silenced issue: published, it shows without that link (and with no
   * issue at all when it answers only silenced ones). The editor warns about it.
   */
  public boolean answersSilenced(Proposal proposal) {
    return issuesOf(proposal).stream().anyMatch(AgendaIssue::silenced);
  }

  /** The issues a proposal answers that the public sees, in agenda order. */
  public List<AgendaIssue> spokenIssuesOf(Proposal proposal) {
    return issuesOf(proposal).stream().filter(i -> !i.silenced()).toList();
  }

  /**
   * Spoken issues under every domain they touch, in the vocabulary's order; a cross-domain issue
   * appears in each of its domains and is the anchor only where it appears first.
   */
  public List<DomainSection> byDomain(List<Domain> domains) {
    List<DomainSection> sections = new ArrayList<>();
    Set<UUID> anchored = new HashSet<>();
    for (Domain domain : domains) {
      List<Entry> entries = new ArrayList<>();
      for (AgendaIssue issue : spokenIssues()) {
        if (issue.domains().contains(domain.key())) {
          List<Domain> touched =
              domains.stream().filter(d -> issue.domains().contains(d.key())).toList();
          entries.add(new Entry(issue, anchored.add(issue.id()), touched));
        }
      }
      if (!entries.isEmpty()) {
        sections.add(new DomainSection(domain, entries));
      }
    }
    return sections;
  }

  /** Proposals grouped by addressee, in the vocabulary's order. */
  public Map<Addressee, List<Proposal>> byAddressee(List<Addressee> addressees) {
    Map<Addressee, List<Proposal>> grouped = new LinkedHashMap<>();
    for (Addressee addressee : addressees) {
      List<Proposal> list =
          proposals.stream().filter(p -> p.addressee().equals(addressee.key())).toList();
      if (!list.isEmpty()) {
        grouped.put(addressee, list);
      }
    }
    return grouped;
  }

  public record DomainSection(Domain domain, List<Entry> entries) {}

  /**
   * @param anchor true where the issue appears first on the page (it carries the link target)
   * @param domains every domain the issue touches, in the vocabulary's order
   */
  public record Entry(AgendaIssue issue, boolean anchor, List<Domain> domains) {}
}
