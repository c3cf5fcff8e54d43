package org.tejido.agenda;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.internal.AgendaStore;
import org.tejido.agenda.internal.SilencedTexts;
import org.tejido.identity.Team;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;

/**
 * Reading agendas. Public reads ({@link #latestPublished}, {@link #published}) never contain
 * silenced issues, whoever asks. Team reads ({@link #forTeam}) contain them, decrypted, and require
 * a role at the site.
 */
@Service
@Transactional(readOnly = true)
public class Agendas {

  private final AgendaStore store;
  private final SilencedTexts silenced;
  private final Team team;

  Agendas(AgendaStore store, SilencedTexts silenced, Team team) {
    this.store = store;
    this.silenced = silenced;
    this.team = team;
  }

  /** The latest published version, as the public sees it. */
  public Optional<Agenda> latestPublished(Site site) {
    return store.latestPublished(site.id().value()).map(v -> publicAgenda(site, v));
  }

  /**
   * A published version by number, as the public sees it.
   *
   * @throws NotFound {@code agenda.version.not-found}
   */
  public Agenda published(Site site, int number) {
    return store
        .published(site.id().value(), number)
        .map(v -> publicAgenda(site, v))
        .orElseThrow(() -> new NotFound("agenda.version.not-found", number));
  }

  /** Published versions, newest first. */
  public List<AgendaVersion> publishedVersions(Site site) {
    return store.publishedVersions(site.id().value());
  }

  /** The draft, if the site has one (visible only to its team). */
  public Optional<Agenda> draftForTeam(Site site) {
    team.require(site.id());
    return store.draft(site.id().value()).map(v -> teamAgenda(site, v));
  }

  /** The latest published version with its silenced issues (visible only to the site's team). */
  public Optional<Agenda> latestPublishedForTeam(Site site) {
    team.require(site.id());
    return store.latestPublished(site.id().value()).map(v -> teamAgenda(site, v));
  }

  private Agenda publicAgenda(Site site, AgendaVersion version) {
    List<AgendaIssue> issues = store.spokenIssues(version.id());
    Set<UUID> visible = new HashSet<>();
    issues.forEach(i -> visible.add(i.id()));
    return new Agenda(site, version, issues, store.proposals(version.id(), visible));
  }

  Agenda teamAgenda(Site site, AgendaVersion version) {
    List<AgendaIssue> issues = new ArrayList<>();
    Set<UUID> all = new HashSet<>();
    for (AgendaStore.StoredIssue stored : store.allIssues(version.id())) {
      all.add(stored.id());
      if (stored.silenced()) {
        SilencedTexts.Texts texts = silenced.open(site.id().value(), stored.id(), stored.sealed());
        issues.add(
            new AgendaIssue(
                stored.id(),
                stored.ref(),
                stored.position(),
                stored.domains(),
                texts.title(),
                texts.description(),
                true));
      } else {
        issues.add(
            new AgendaIssue(
                stored.id(),
                stored.ref(),
                stored.position(),
                stored.domains(),
                stored.title(),
                stored.description(),
                false));
      }
    }
    return new Agenda(site, version, issues, store.proposals(version.id(), all));
  }
}
