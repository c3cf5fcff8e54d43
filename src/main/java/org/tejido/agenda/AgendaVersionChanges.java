package org.tejido.agenda;

import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.internal.AgendaDiff;
import org.tejido.agenda.internal.AgendaStore;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.LocalizedText;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;

/**
 * What changed from one version of an agenda to another, always as the public sees both versions: a
 * silenced issue is in neither, so one that was spoken again shows as added and one that was
 * silenced as removed, never with its silenced words. Between published versions for anyone; from
 * the latest published version to the draft for the site's coordinator, before publishing it.
 */
@Service
@Transactional(readOnly = true)
public class AgendaVersionChanges {

  private final Agendas agendas;
  private final AgendaStore store;
  private final Team team;
  private final ObjectProvider<AgendaValidation> validations;

  AgendaVersionChanges(
      Agendas agendas, AgendaStore store, Team team, ObjectProvider<AgendaValidation> validations) {
    this.agendas = agendas;
    this.store = store;
    this.team = team;
    this.validations = validations;
  }

  /**
   * Between two published versions, as the public sees them.
   *
   * @throws BadRequest {@code agenda.changes.order} unless {@code from < to}
   * @throws NotFound {@code agenda.version.not-found} for a number never published, {@code
   *     site.suspended} while the site is suspended for safety
   */
  public AgendaChanges between(Site site, int from, int to) {
    if (from < 1 || to < 1) {
      throw new BadRequest("request.invalid");
    }
    if (from >= to) {
      throw new BadRequest("agenda.changes.order", from, to);
    }
    Agenda before = agendas.published(site, from);
    Agenda after = agendas.published(site, to);
    return changes(site, before, after);
  }

  /**
   * Between two published versions, either of which may be left out: {@code to} is then the latest,
   * {@code from} the version before {@code to}.
   */
  public AgendaChanges published(Site site, Integer from, Integer to) {
    agendas.requireNotSuspended(site);
    int t = to != null ? to : latest(site);
    int f = from != null ? from : previousOf(site, t);
    return between(site, f, t);
  }

  /**
   * The published version just before {@code to} (the latest when null), for the default
   * comparison.
   *
   * @throws NotFound {@code agenda.changes.none} when there is no earlier published version
   */
  public int previousOf(Site site, int to) {
    return agendas.publishedVersions(site).stream()
        .mapToInt(AgendaVersion::number)
        .filter(n -> n < to)
        .max()
        .orElseThrow(() -> new NotFound("agenda.changes.none", site.key()));
  }

  /**
   * The latest published version's number.
   *
   * @throws NotFound {@code agenda.not-published} when there is none
   */
  public int latest(Site site) {
    agendas.requireNotSuspended(site);
    List<AgendaVersion> versions = agendas.publishedVersions(site);
    if (versions.isEmpty()) {
      throw new NotFound("agenda.not-published", site.key());
    }
    return versions.get(0).number();
  }

  /**
   * What publishing the draft would change for the public, for the site's coordinator: the latest
   * published version against the draft as it would be published. Empty without a draft or without
   * a published version to compare it with.
   */
  public Optional<AgendaChanges> draftSinceLatest(Site site) {
    team.require(site.id(), SiteRole.COORDINATOR);
    var draft = store.draft(site.id().value());
    var latest = store.latestPublished(site.id().value());
    if (draft.isEmpty() || latest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        changes(
            site,
            agendas.publicAgenda(site, latest.get()),
            agendas.publicAgenda(site, draft.get())));
  }

  /** The coordinator's note on what changed in a version and why; null when none was written. */
  public LocalizedText note(AgendaVersion version) {
    return store.note(version.id()).orElse(null);
  }

  /**
   * How a published version was validated with its participants, when a validation module says so;
   * empty otherwise.
   */
  public Optional<AgendaValidation.Validated> validation(Site site, AgendaVersion version) {
    if (!version.published()) {
      return Optional.empty();
    }
    AgendaValidation validation = validations.getIfAvailable();
    return validation == null ? Optional.empty() : validation.of(site, version.number());
  }

  private AgendaChanges changes(Site site, Agenda from, Agenda to) {
    AgendaDiff.Result diff = AgendaDiff.between(from, to);
    return new AgendaChanges(
        site,
        from.version(),
        to.version(),
        note(to.version()),
        validation(site, to.version()),
        diff.issues(),
        diff.proposals(),
        diff.unchangedIssues(),
        diff.unchangedProposals(),
        diff.issueTitles());
  }
}
