package org.tejido.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tejido.safety.internal.escalation.AlertKind;
import org.tejido.safety.internal.escalation.EscalationPlan;
import org.tejido.safety.internal.escalation.Trip;
import org.tejido.safety.internal.escalation.TripState;
import org.tejido.support.MutableClock;

/** The escalation rules alone, on a clock the test moves. */
class EscalationRulesTest {

  private static final Instant NINE = Instant.parse("2026-03-02T15:00:00Z");
  private static final Duration GRACE = Duration.ofMinutes(15);
  private static final Duration REPEAT = Duration.ofMinutes(10);
  private final MutableClock clock = new MutableClock(NINE);

  private Trip tripReturningAt(Instant returnsAt) {
    return Trip.declare(clock.instant(), returnsAt, GRACE, clock);
  }

  @Test
  void aTripIsInTheFieldThenOverdueThenEscalatingAtReturnPlusGrace() {
    Trip trip = tripReturningAt(NINE.plus(Duration.ofHours(2)));
    assertThat(trip.state()).isEqualTo(TripState.IN_FIELD);

    clock.set(NINE.plus(Duration.ofHours(2)));
    assertThat(trip.at(clock).state()).isEqualTo(TripState.OVERDUE);

    clock.set(NINE.plus(Duration.ofHours(2)).plus(GRACE).minusSeconds(1));
    assertThat(trip.at(clock).state()).isEqualTo(TripState.OVERDUE);

    clock.set(NINE.plus(Duration.ofHours(2)).plus(GRACE));
    assertThat(trip.at(clock).state()).isEqualTo(TripState.ESCALATING);
    assertThat(trip.alertAt()).isEqualTo(NINE.plus(Duration.ofMinutes(135)));
  }

  @Test
  void aTripStartingLaterIsPlannedUntilItStarts() {
    Trip trip =
        Trip.declare(NINE.plus(Duration.ofHours(1)), NINE.plus(Duration.ofHours(3)), GRACE, clock);
    assertThat(trip.state()).isEqualTo(TripState.PLANNED);
    clock.advance(Duration.ofHours(1));
    assertThat(trip.at(clock).state()).isEqualTo(TripState.IN_FIELD);
  }

  @Test
  void checkingOutInTimeEndsTheTripWithoutAlert() {
    Trip trip = tripReturningAt(NINE.plus(Duration.ofHours(2)));
    clock.advance(Duration.ofMinutes(130));
    assertThat(trip.checkOut(clock).state()).isEqualTo(TripState.RESOLVED);
  }

  @Test
  void extendingMovesTheAlertLaterButNotOnceTheChainIsAlerted() {
    Trip trip = tripReturningAt(NINE.plus(Duration.ofHours(2)));
    clock.advance(Duration.ofMinutes(125));
    Trip extended = trip.extendTo(NINE.plus(Duration.ofHours(3)), clock);
    assertThat(extended.state()).isEqualTo(TripState.IN_FIELD);
    assertThat(extended.alertAt()).isEqualTo(NINE.plus(Duration.ofMinutes(195)));

    clock.advance(Duration.ofMinutes(100));
    assertThatThrownBy(() -> extended.extendTo(NINE.plus(Duration.ofHours(5)), clock))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEscalatingTripNeedsAcknowledgingBeforeResolving() {
    Trip trip = tripReturningAt(NINE.plus(Duration.ofHours(1)));
    clock.advance(Duration.ofHours(2));
    Trip escalating = trip.at(clock);
    assertThatThrownBy(escalating::resolve).isInstanceOf(IllegalStateException.class);
    Trip acknowledged = escalating.acknowledge(clock);
    assertThat(acknowledged.state()).isEqualTo(TripState.ACKNOWLEDGED);
    assertThat(acknowledged.resolve().state()).isEqualTo(TripState.RESOLVED);
    // A late check-out does not close an alert a coordinator has taken on.
    assertThat(escalating.checkOut(clock).state()).isEqualTo(TripState.ESCALATING);
  }

  @Test
  void panicEscalatesAtOnce() {
    Trip trip = tripReturningAt(NINE.plus(Duration.ofHours(2)));
    assertThat(trip.raiseAlert().state()).isEqualTo(TripState.ESCALATING);
  }

  @Test
  void aMissedCheckInAlertsLevelOneFirstThenEachLevelAtItsDelayThenStopsOnAcknowledge() {
    Instant raised = NINE.plus(Duration.ofMinutes(135));
    var plan =
        new EscalationPlan(
            AlertKind.MISSED_CHECK_IN,
            raised,
            List.of(Duration.ZERO, Duration.ofMinutes(20), Duration.ofMinutes(30)),
            REPEAT);

    var first = plan.dueAt(raised, 0, false);
    assertThat(first.levels()).containsExactly(0);
    assertThat(first.nextAt()).isEqualTo(raised.plus(Duration.ofMinutes(20)));

    assertThat(plan.dueAt(raised.plus(Duration.ofMinutes(19)), first.stepsSent(), false).nothing())
        .isTrue();
    var second = plan.dueAt(raised.plus(Duration.ofMinutes(20)), first.stepsSent(), false);
    assertThat(second.levels()).containsExactly(1);
    assertThat(second.nextAt()).isEqualTo(raised.plus(Duration.ofMinutes(50)));

    var third = plan.dueAt(raised.plus(Duration.ofMinutes(50)), second.stepsSent(), false);
    assertThat(third.levels()).containsExactly(2);
    // After the last level, everybody again every repeat interval.
    assertThat(third.nextAt()).isEqualTo(raised.plus(Duration.ofMinutes(60)));
    assertThat(plan.dueAt(third.nextAt(), third.stepsSent(), false).levels())
        .containsExactly(0, 1, 2);

    assertThat(plan.dueAt(raised.plus(Duration.ofHours(5)), third.stepsSent(), true).nothing())
        .isTrue();
  }

  @Test
  void aStepAlreadySentIsNotSentAgain() {
    var plan =
        new EscalationPlan(
            AlertKind.MISSED_CHECK_IN, NINE, List.of(Duration.ZERO, Duration.ofMinutes(5)), REPEAT);
    var first = plan.dueAt(NINE, 0, false);
    assertThat(plan.dueAt(NINE, first.stepsSent(), false).nothing()).isTrue();
  }

  @Test
  void aServerThatWasDownSendsWhatItMissedOnceMerged() {
    var plan =
        new EscalationPlan(
            AlertKind.MISSED_CHECK_IN, NINE, List.of(Duration.ZERO, Duration.ofMinutes(5)), REPEAT);
    var late = plan.dueAt(NINE.plus(Duration.ofMinutes(7)), 0, false);
    assertThat(late.levels()).isEqualTo(Set.of(0, 1));
    assertThat(late.stepsSent()).isEqualTo(2);
  }

  @Test
  void panicAndDuressAlertTheWholeChainAtOnceAndRepeat() {
    for (AlertKind kind : List.of(AlertKind.PANIC, AlertKind.DURESS)) {
      var plan =
          new EscalationPlan(kind, NINE, List.of(Duration.ZERO, Duration.ofMinutes(30)), REPEAT);
      var now = plan.dueAt(NINE, 0, false);
      assertThat(now.levels()).containsExactly(0, 1);
      assertThat(now.nextAt()).isEqualTo(NINE.plus(REPEAT));
      assertThat(plan.dueAt(NINE.plus(REPEAT), now.stepsSent(), false).levels())
          .containsExactly(0, 1);
    }
  }
}
