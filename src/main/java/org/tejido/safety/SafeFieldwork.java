package org.tejido.safety;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.identity.StaffMember;
import org.tejido.safety.internal.Escalations;
import org.tejido.safety.internal.SafetyProperties;
import org.tejido.safety.internal.SafetyStore;
import org.tejido.safety.internal.SafetyStore.AlertRow;
import org.tejido.safety.internal.SafetyStore.ChainLevel;
import org.tejido.safety.internal.SafetyStore.Protocol;
import org.tejido.safety.internal.SafetyStore.TripRow;
import org.tejido.safety.internal.escalation.AlertKind;
import org.tejido.safety.internal.escalation.Trip;
import org.tejido.safety.internal.escalation.TripState;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;

/**
 * Safe fieldwork for one site: its protocol and chain (coordinators), check-in, extension,
 * check-out and panic (the member herself), acknowledge and resolve (coordinators). Callers check
 * who may do what; this class audits with ids only — never a place.
 */
@Service
public class SafeFieldwork {

  private final SafetyStore store;
  private final Escalations escalations;
  private final SafetyProperties properties;
  private final PasswordEncoder hashes;

  /**
   * Verified against when she has no PIN or typed none, so every check-out costs one Argon2 check.
   */
  private final String noPin;

  private final AuditLog audit;
  private final Clock clock = Clock.systemUTC();

  SafeFieldwork(
      SafetyStore store,
      Escalations escalations,
      SafetyProperties properties,
      PasswordEncoder hashes,
      AuditLog audit) {
    this.store = store;
    this.escalations = escalations;
    this.properties = properties;
    this.hashes = hashes;
    this.noPin = hashes.encode(java.util.UUID.randomUUID().toString());
    this.audit = audit;
  }

  public Protocol protocol(Site site) {
    return store.protocol(site.id().value());
  }

  public List<ChainLevel> chain(Site site) {
    return store.chain(site.id().value());
  }

  @Transactional
  public void saveProtocol(Site site, Protocol protocol, List<ChainLevel> chain) {
    store.saveProtocol(site.id().value(), protocol);
    store.replaceChain(site.id().value(), chain);
    audit.record(site.id().value(), "safety.protocol.saved", site.key(), "levels=" + chain.size());
  }

  public Optional<TripRow> openTripOf(Site site, StaffMember member) {
    return store.openTripOf(site.id().value(), member.id().value());
  }

  public boolean hasDuressPin(StaffMember member) {
    return store.pinHashes(member.id().value()).isPresent();
  }

  /** Whether every check-out of hers asks for a PIN (she set a check-out PIN and a duress PIN). */
  public boolean checkOutAsksForPin(StaffMember member) {
    return store.pinHashes(member.id().value()).map(p -> p.checkout() != null).orElse(false);
  }

  /**
   * Sets her two PINs: the one she checks out with, and the duress PIN she types instead when
   * forced. Each 4 to 12 digits, and different from each other.
   */
  @Transactional
  public void setPins(Site site, StaffMember member, String checkoutPin, String duressPin) {
    if (checkoutPin == null || !checkoutPin.matches("[0-9]{4,12}")) {
      throw new BadRequest("safety.pin.checkout.invalid");
    }
    if (duressPin == null || !duressPin.matches("[0-9]{4,12}")) {
      throw new BadRequest("safety.pin.invalid");
    }
    if (checkoutPin.equals(duressPin)) {
      throw new BadRequest("safety.pin.same");
    }
    store.savePinHashes(member.id().value(), hashes.encode(checkoutPin), hashes.encode(duressPin));
    audit.record(site.id().value(), "safety.duress-pin.set", member.id().value().toString(), null);
  }

  /** The time zone in which members give their return times. */
  public java.time.ZoneId zone() {
    return properties.getZone();
  }

  /** The next moment at the given local time in the site's zone (today, or tomorrow if passed). */
  public Instant nextAt(LocalTime time) {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(properties.getZone()));
    ZonedDateTime at = now.with(time).withSecond(0).withNano(0);
    return at.isAfter(now) ? at.toInstant() : at.plusDays(1).toInstant();
  }

  @Transactional
  public UUID checkIn(
      Site site, StaffMember member, String where, String withWhom, Instant returnsAt) {
    if (store.openTripOf(site.id().value(), member.id().value()).isPresent()) {
      throw new Conflict("safety.trip.open");
    }
    Trip trip;
    try {
      trip = Trip.declare(clock.instant(), returnsAt, properties.getGrace(), clock);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("safety.return.invalid");
    }
    UUID id = UUID.randomUUID();
    store.insertTrip(id, site.id().value(), member.id().value(), where, withWhom, trip);
    escalations.arm(id, trip.alertAt());
    audit.record(site.id().value(), "safety.check-in", id.toString(), null);
    return id;
  }

  @Transactional
  public void extend(Site site, StaffMember member, Instant newReturn) {
    TripRow row = ownOpenTrip(site, member);
    Trip extended;
    try {
      extended = row.trip().extendTo(newReturn, clock);
    } catch (IllegalStateException e) {
      throw new Conflict("safety.trip.escalating");
    } catch (IllegalArgumentException e) {
      throw new BadRequest("safety.return.invalid");
    }
    store.updateTrip(row.id(), extended, null);
    escalations.arm(row.id(), extended.alertAt());
    audit.record(site.id().value(), "safety.extend", row.id().toString(), null);
  }

  /**
   * Checks out. With the duress PIN (when she set one and typed it) everything she sees is the same
   * as a normal check-out, but an alert marked duress goes to the whole chain.
   */
  @Transactional
  public void checkOut(Site site, StaffMember member, String pin) {
    TripRow row = ownOpenTrip(site, member);
    // One Argon2 check on every check-out, PIN or not, set or not: the time the answer takes must
    // not tell someone watching the network which kind of check-out it was.
    // Two Argon2 checks on every check-out, PINs or not, right or not: the time the answer takes
    // must not tell someone watching the network which kind of check-out it was.
    Optional<SafetyStore.PinHashes> pins = store.pinHashes(member.id().value());
    boolean typed = pin != null && !pin.isBlank();
    String candidate = typed ? pin : "";
    boolean duressMatches =
        hashes.matches(candidate, pins.map(SafetyStore.PinHashes::duress).orElse(noPin));
    boolean checkoutMatches =
        hashes.matches(candidate, pins.map(SafetyStore.PinHashes::checkout).orElse(noPin));
    boolean duress = typed && pins.isPresent() && duressMatches;
    boolean asksForPin = pins.map(p -> p.checkout() != null).orElse(false);
    if (asksForPin && !duress && !(typed && checkoutMatches)) {
      throw new BadRequest("safety.pin.wrong");
    }
    Trip trip = row.trip();
    if (duress) {
      UUID alert =
          escalations.raise(
              site.id().value(), row.id(), member.id().value(), AlertKind.DURESS, clock.instant());
      store.updateTrip(row.id(), trip.raiseAlert(), clock.instant());
      escalations.armNow(alert);
    } else {
      store.updateTrip(row.id(), trip.checkOut(clock), clock.instant());
    }
    // The same entry either way: whoever reads the log next to her must not learn of the alert.
    audit.record(site.id().value(), "safety.check-out", row.id().toString(), null);
  }

  @Transactional
  public void panic(Site site, StaffMember member) {
    panic(site, member, Optional.empty());
  }

  /**
   * A panic alert to the whole chain at once, repeated until a coordinator acknowledges it, with
   * her last known location when she chose to send it (sealed; on the dashboard only).
   */
  @Transactional
  public void panic(Site site, StaffMember member, Optional<LastKnownLocation> location) {
    Optional<TripRow> trip = store.openTripOf(site.id().value(), member.id().value());
    UUID alert =
        escalations.raise(
            site.id().value(),
            trip.map(TripRow::id).orElse(null),
            member.id().value(),
            AlertKind.PANIC,
            clock.instant(),
            location.orElse(null));
    trip.ifPresent(t -> store.updateTrip(t.id(), t.trip().raiseAlert(), null));
    escalations.armNow(alert);
    audit.record(site.id().value(), "safety.panic", alert.toString(), null);
  }

  public record Dashboard(
      List<TripRow> inField, List<TripRow> overdue, List<AlertRow> open, List<AlertRow> history) {}

  /** The protocol with its safe words and the chain's contacts, for its editor (audited). */
  public Protocol protocolForEditing(Site site) {
    audit.record(site.id().value(), "safety.protocol.read", site.key(), null);
    return protocol(site);
  }

  /** Everybody's trips with their places, and the alerts: a protected read, audited. */
  @Transactional
  public Dashboard dashboard(Site site) {
    audit.record(site.id().value(), "safety.dashboard.read", site.key(), null);
    List<TripRow> open = store.openTrips(site.id().value());
    Clock now = clock;
    List<TripRow> overdue =
        open.stream()
            .filter(t -> t.trip().at(now).state().ordinal() >= TripState.OVERDUE.ordinal())
            .toList();
    List<TripRow> inField = open.stream().filter(t -> !overdue.contains(t)).toList();
    return new Dashboard(
        inField,
        overdue,
        store.openAlerts(site.id().value()),
        store.resolvedAlerts(site.id().value(), 50));
  }

  @Transactional
  public void acknowledge(Site site, StaffMember coordinator, UUID alertId) {
    AlertRow alert = alertAt(site, alertId);
    if (!store.acknowledge(alertId, coordinator.id().value(), clock.instant())) {
      throw new Conflict("safety.alert.acknowledged");
    }
    if (alert.tripId() != null) {
      store
          .trip(alert.tripId())
          .filter(t -> t.state() == TripState.ESCALATING)
          .ifPresent(
              t ->
                  store.updateTrip(
                      t.id(),
                      new Trip(
                          TripState.ACKNOWLEDGED,
                          t.startsAt(),
                          t.returnsAt(),
                          Duration.ofMinutes(t.graceMinutes())),
                      null));
    }
    audit.record(
        site.id().value(), "safety.alert.acknowledged", alertId.toString(), alert.kind().code());
  }

  @Transactional
  public void resolve(Site site, StaffMember coordinator, UUID alertId, String note) {
    AlertRow alert = alertAt(site, alertId);
    if (note == null || note.isBlank() || note.length() > 2000) {
      throw new BadRequest("safety.resolution.required");
    }
    if (!store.resolve(
        alertId, site.id().value(), coordinator.id().value(), note.strip(), clock.instant())) {
      throw new Conflict("safety.alert.not-acknowledged");
    }
    if (alert.tripId() != null) {
      store
          .trip(alert.tripId())
          .filter(t -> t.state() != TripState.RESOLVED)
          .ifPresent(
              t ->
                  store.updateTrip(
                      t.id(),
                      new Trip(
                          TripState.RESOLVED,
                          t.startsAt(),
                          t.returnsAt(),
                          Duration.ofMinutes(t.graceMinutes())),
                      null));
    }
    audit.record(
        site.id().value(), "safety.alert.resolved", alertId.toString(), alert.kind().code());
  }

  private AlertRow alertAt(Site site, UUID alertId) {
    return store
        .alert(alertId)
        .filter(a -> a.siteId().equals(site.id().value()))
        .orElseThrow(() -> new NotFound("safety.alert.not-found"));
  }

  private TripRow ownOpenTrip(Site site, StaffMember member) {
    return store
        .openTripOf(site.id().value(), member.id().value())
        .orElseThrow(() -> new NotFound("safety.trip.not-found"));
  }
}
