package org.tejido.safety.internal.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One trip into the field and its state machine. Time comes from the {@link Clock} given to each
 * step, so the rules are tested without waiting. Immutable: every transition returns a new trip.
 */
public record Trip(TripState state, Instant startsAt, Instant returnsAt, Duration grace) {

  public Trip {
    Objects.requireNonNull(state);
    Objects.requireNonNull(startsAt);
    Objects.requireNonNull(returnsAt);
    if (!returnsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("A trip returns after it starts");
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("Grace cannot be negative");
    }
  }

  /** A trip declared now, or later when {@code startsAt} is in the future. */
  public static Trip declare(Instant startsAt, Instant returnsAt, Duration grace, Clock clock) {
    TripState state = startsAt.isAfter(clock.instant()) ? TripState.PLANNED : TripState.IN_FIELD;
    return new Trip(state, startsAt, returnsAt, grace);
  }

  /** When the first alert goes out if she has not checked out: the return time plus grace. */
  public Instant alertAt() {
    return returnsAt.plus(grace);
  }

  /**
   * The state time alone leads to: planned becomes in field at its start, in field becomes overdue
   * at the return time, overdue becomes escalating at return time plus grace. What people do
   * (acknowledge, resolve, check out) is never decided by the clock.
   */
  public Trip at(Clock clock) {
    Instant now = clock.instant();
    TripState next = state;
    if (next == TripState.PLANNED && !now.isBefore(startsAt)) {
      next = TripState.IN_FIELD;
    }
    if (next == TripState.IN_FIELD && !now.isBefore(returnsAt)) {
      next = TripState.OVERDUE;
    }
    if (next == TripState.OVERDUE && !now.isBefore(alertAt())) {
      next = TripState.ESCALATING;
    }
    return next == state ? this : new Trip(next, startsAt, returnsAt, grace);
  }

  /** A later return time; refused once the chain is being alerted (the alert needs a person). */
  public Trip extendTo(Instant newReturn, Clock clock) {
    Trip now = at(clock);
    if (now.state == TripState.ESCALATING
        || now.state == TripState.ACKNOWLEDGED
        || now.state == TripState.RESOLVED) {
      throw new IllegalStateException("Cannot extend a trip in state " + now.state);
    }
    if (!newReturn.isAfter(clock.instant()) || !newReturn.isAfter(returnsAt)) {
      throw new IllegalArgumentException("An extension moves the return time later");
    }
    return new Trip(TripState.IN_FIELD, startsAt, newReturn, grace).at(clock);
  }

  /**
   * She is safe. Before the chain was alerted the trip simply ends; once it was, the open alert
   * stays for a coordinator to resolve, but the trip stops escalating.
   */
  public Trip checkOut(Clock clock) {
    Trip now = at(clock);
    return switch (now.state) {
      case PLANNED, IN_FIELD, OVERDUE -> new Trip(TripState.RESOLVED, startsAt, returnsAt, grace);
      case ESCALATING, ACKNOWLEDGED -> now;
      case RESOLVED -> throw new IllegalStateException("Already checked out");
    };
  }

  /** A panic alert or a duress check-out: escalating at once, whatever the clock says. */
  public Trip raiseAlert() {
    if (state == TripState.RESOLVED) {
      return this;
    }
    return new Trip(TripState.ESCALATING, startsAt, returnsAt, grace);
  }

  /** A coordinator takes responsibility; only an escalating trip can be acknowledged. */
  public Trip acknowledge(Clock clock) {
    if (at(clock).state != TripState.ESCALATING) {
      throw new IllegalStateException("Nothing to acknowledge in state " + state);
    }
    return new Trip(TripState.ACKNOWLEDGED, startsAt, returnsAt, grace);
  }

  /** A coordinator closes the matter (with a note kept elsewhere), after acknowledging it. */
  public Trip resolve() {
    if (state != TripState.ACKNOWLEDGED) {
      throw new IllegalStateException("Acknowledge before resolving");
    }
    return new Trip(TripState.RESOLVED, startsAt, returnsAt, grace);
  }
}
