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
import org.tejido.audit.AuditLog;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
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
  private final AuditLog audit;

  Agendas(AgendaStore store, SilencedTexts silenced, Team team, AuditLog audit) {
    this.store = store;
    this.silenced = silenced;
    this.team = team;
    this.audit = audit;
  }

  /**
   * The latest published version, as the public sees it; none while the site is suspended for
   * safety.
   */
  public Optional<Agenda> latestPublished(Site site) {
    if (site.suspendedForSafety()) {
      return Optional.empty();
    }
    return store.latestPublished(site.id().value()).map(v -> publicAgenda(site, v));
  }

  /**
   * A published version by number, as the public sees it.
   *
   * @throws NotFound {@code site.suspended} while the site is suspended for safety, {@code
   *     agenda.version.not-found} for a number never published
   */
  public Agenda published(Site site, int number) {
    if (number < 1) {
      // Versions are numbered from 1: a lower number is a malformed request, not a missing version.
      throw new BadRequest("request.invalid");
    }
    requireNotSuspended(site);
    return store
        .published(site.id().value(), number)
        .map(v -> publicAgenda(site, v))
        .orElseThrow(() -> new NotFound("agenda.version.not-found", number));
  }

  /** Published versions, newest first, as the public sees them: none while suspended. */
  public List<AgendaVersion> publishedVersions(Site site) {
    if (site.suspendedForSafety()) {
      return List.of();
    }
    return store.publishedVersions(site.id().value());
  }

  /**
   * @throws NotFound {@code site.suspended} when the site is suspended for safety: its agenda is
   *     not public while it is (its team still reads it)
   */
  public void requireNotSuspended(Site site) {
    if (site.suspendedForSafety()) {
      throw new NotFound("site.suspended", site.key());
    }
  }

  /** The draft, if the site has one (visible only to its team). */
  public Optional<Agenda> draftForTeam(Site site) {
    team.require(site.id());
    return store.draft(site.id().value()).map(v -> teamAgenda(site, v));
  }

  /**
   * The draft as it would be published (spoken issues only, numbered as the public would see them),
   * for the site's coordinator to preview it.
   */
  public Optional<Agenda> draftAsPublished(Site site) {
    team.require(site.id(), org.tejido.identity.SiteRole.COORDINATOR);
    return store.draft(site.id().value()).map(v -> publicAgenda(site, v));
  }

  /**
   * The draft as residents may see it: its spoken issues only, so nothing is decrypted (visible
   * only to the site's team, who put it before residents, for example to prioritise it).
   */
  public Optional<Agenda> draftWithoutSilencedForTeam(Site site) {
    team.require(site.id());
    return store.draft(site.id().value()).map(v -> publicAgenda(site, v));
  }

  /** The latest published version with its silenced issues (visible only to the site's team). */
  public Optional<Agenda> latestPublishedForTeam(Site site) {
    team.require(site.id());
    return store.latestPublished(site.id().value()).map(v -> teamAgenda(site, v));
  }

  /**
   * The latest published version as the public sees it (no silenced issue, no link from a proposal
   * to one), for the site's team even while the site is suspended: the observatory tracks what was
   * published, and must never expose what was silenced.
   */
  public Optional<Agenda> latestPublishedAsPublicForTeam(Site site) {
    team.require(site.id());
    return store.latestPublished(site.id().value()).map(v -> publicAgenda(site, v));
  }

  /**
   * Public positions are counted here, 1..n over the spoken issues alone: stored positions count
   * silenced issues too, so a gap in them would say that one sits there. Counting them when reading
   * (rather than storing a public position at publication) covers every version already published,
   * whose rows the database keeps immutable, with no migration; it costs a loop over a few dozen
   * rows. Proposals are numbered the same way, so no deletion shows either.
   */
  Agenda publicAgenda(Site site, AgendaVersion version) {
    List<AgendaIssue> issues = new ArrayList<>();
    Set<UUID> visible = new HashSet<>();
    for (AgendaIssue i : store.spokenIssues(version.id())) {
      visible.add(i.id());
      issues.add(
          new AgendaIssue(
              i.id(), i.ref(), issues.size() + 1, i.domains(), i.title(), i.description(), false));
    }
    List<Proposal> proposals = new ArrayList<>();
    for (Proposal p : store.proposals(version.id(), visible)) {
      proposals.add(
          new Proposal(
              p.id(), p.ref(), proposals.size() + 1, p.addressee(), p.text(), p.issueIds()));
    }
    return new Agenda(site, version, issues, proposals);
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
    long opened = issues.stream().filter(AgendaIssue::silenced).count();
    if (opened > 0) {
      // Decrypting silenced issues is a read of protected data, like opening the vault.
      audit.record(
          site.id().value(),
          "agenda.silenced.read",
          "version:" + version.number(),
          (version.published() ? "published" : "draft") + ", " + opened);
    }
    return new Agenda(site, version, issues, store.proposals(version.id(), all));
  }
}
