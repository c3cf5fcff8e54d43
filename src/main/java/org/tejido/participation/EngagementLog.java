package org.tejido.participation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.Agendas;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.participation.internal.ParticipationStore;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;

/**
 * A site's record of dialogues with authorities and dissemination events: who attended (as
 * institutions and roles, never residents' names), what was presented, what was agreed. Public: the
 * site's page lists it. Coordinators, researchers and the observatory write it; the whole team
 * reads it. Every change is in the site's audit log and empties the public page cache ({@link
 * EngagementLogged}).
 */
@Service
@Transactional
public class EngagementLog {

  /** Who writes the log; the whole team reads it. */
  public static final SiteRole[] WRITERS = {
    SiteRole.COORDINATOR, SiteRole.RESEARCHER, SiteRole.OBSERVATORY
  };

  public static final int ATTENDEES_MAX = 1000;
  public static final int TEXT_MAX = 2000;
  public static final int LINK_MAX = 500;

  private final ParticipationStore store;
  private final Team team;
  private final AuditLog audit;
  private final Agendas agendas;
  private final ApplicationEventPublisher events;

  EngagementLog(
      ParticipationStore store,
      Team team,
      AuditLog audit,
      Agendas agendas,
      ApplicationEventPublisher events) {
    this.store = store;
    this.team = team;
    this.audit = audit;
    this.agendas = agendas;
    this.events = events;
  }

  /** What the form sends. */
  public record Entry(
      LocalDate heldOn,
      EngagementKind kind,
      String attendees,
      String presented,
      String agreed,
      String link) {}

  /**
   * @throws BadRequest {@code validation.failed} with the fields at fault
   */
  public UUID add(Site site, Entry entry) {
    StaffMember me = team.require(site.id(), WRITERS);
    LocalDate today = LocalDate.now(org.tejido.agenda.AgendaVersion.ZONE);
    String link = blankToNull(entry.link());
    new org.tejido.shared.Validation()
        .require(entry.heldOn() != null, "heldOn", "engagement.date.required")
        .require(
            entry.heldOn() == null || !entry.heldOn().isAfter(today.plusDays(1)),
            "heldOn",
            "engagement.date.future")
        .require(entry.kind() != null, "kind", "engagement.kind.required")
        .text(entry.attendees(), "attendees", ATTENDEES_MAX)
        .text(entry.presented(), "presented", TEXT_MAX)
        .optionalText(entry.agreed(), "agreed", TEXT_MAX)
        .require(
            link == null || (link.length() <= LINK_MAX && validLink(link)),
            "link",
            "engagement.link.invalid")
        .orThrow();
    UUID id = UUID.randomUUID();
    store.insertEvent(
        site.id().value(),
        new EngagementEvent(
            id,
            entry.heldOn(),
            entry.kind(),
            entry.attendees().strip(),
            entry.presented().strip(),
            blankToNull(entry.agreed()),
            link),
        me.id().value());
    audit.record(site.id().value(), "engagement.event.added", "engagement:" + id, null);
    events.publishEvent(new EngagementLogged(site.id()));
    return id;
  }

  /**
   * @throws NotFound {@code engagement.not-found} for an id of no event of this site
   */
  public void remove(Site site, UUID id) {
    team.require(site.id(), WRITERS);
    if (!store.deleteEvent(site.id().value(), id)) {
      throw new NotFound("engagement.not-found");
    }
    audit.record(site.id().value(), "engagement.event.removed", "engagement:" + id, null);
    events.publishEvent(new EngagementLogged(site.id()));
  }

  /** The log for the site's team, newest first. */
  @Transactional(readOnly = true)
  public List<EngagementEvent> forTeam(Site site) {
    team.require(site.id());
    return store.events(site.id().value());
  }

  /**
   * The log as the public reads it, newest first.
   *
   * @throws NotFound {@code site.suspended} while the site is suspended for safety
   */
  @Transactional(readOnly = true)
  public List<EngagementEvent> published(Site site) {
    agendas.requireNotSuspended(site);
    return store.events(site.id().value());
  }

  static boolean validLink(String link) {
    if (!(link.startsWith("https://") || link.startsWith("http://"))) {
      return false;
    }
    try {
      java.net.URI uri = new java.net.URI(link);
      return uri.getHost() != null && !link.chars().anyMatch(Character::isWhitespace);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
