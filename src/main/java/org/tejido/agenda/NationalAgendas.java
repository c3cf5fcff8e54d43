package org.tejido.agenda;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.internal.national.NationalAgendaStore;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;

/**
 * Reading the National Agenda. Public reads never contain a draft, a silenced local issue, an issue
 * of a local draft, or anything of a site suspended for safety or fictional: the store checks it
 * again on every read, not only when an issue was picked. The draft and the local issues to pick
 * from are for the national coordinator — the platform administrator (decision 0010).
 */
@Service
@Transactional(readOnly = true)
public class NationalAgendas {

  private final NationalAgendaStore store;
  private final Team team;

  NationalAgendas(NationalAgendaStore store, Team team) {
    this.store = store;
    this.team = team;
  }

  public Optional<NationalAgenda> latestPublished() {
    return store.latestPublished().map(this::read);
  }

  /**
   * A published version by number.
   *
   * @throws BadRequest {@code request.invalid} for a number below 1
   * @throws NotFound {@code national-agenda.version.not-found} for a number never published
   */
  public NationalAgenda published(int number) {
    if (number < 1) {
      throw new BadRequest("request.invalid");
    }
    return store
        .published(number)
        .map(this::read)
        .orElseThrow(() -> new NotFound("national-agenda.version.not-found", number));
  }

  /** Published versions, newest first. */
  public List<NationalAgendaVersion> publishedVersions() {
    return store.publishedVersions();
  }

  /** The draft, for the national coordinator. */
  public Optional<NationalAgenda> draft() {
    requireCoordinator(team);
    return store.draft().map(this::read);
  }

  /**
   * The local issues a thread may pick: the spoken issues of the latest published version of every
   * real site not suspended for safety, by site.
   */
  public List<LocalOrigin> candidates() {
    requireCoordinator(team);
    return store.candidates();
  }

  private NationalAgenda read(NationalAgendaVersion version) {
    return new NationalAgenda(
        version,
        store.threads(version.id()),
        store.statements(version.id(), NationalStatement.Kind.PRINCIPLE),
        store.statements(version.id(), NationalStatement.Kind.REQUIREMENT));
  }

  /**
   * The national coordinator is the platform administrator: a role over every site already, with a
   * second factor required.
   *
   * @throws Forbidden {@code access.denied} for anyone else
   */
  static StaffMember requireCoordinator(Team team) {
    return team.current()
        .filter(StaffMember::administrator)
        .orElseThrow(() -> new Forbidden("access.denied"));
  }
}
