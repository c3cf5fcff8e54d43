package org.tejido.safety.internal.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * When each level of the chain is alerted. A missed check-in alerts level 1 when the alert is
 * raised (its delay is usually zero), then each next level its own delay in minutes after the one
 * before; after the last level, the whole chain again every {@code repeat}. Panic and duress alert
 * the whole chain at once and again every {@code repeat}. Everything stops when a coordinator
 * acknowledges.
 *
 * <p>Progress is a count of steps already sent, stored with the alert, so that a step is sent once
 * even if the timer fires twice, and a server that was down sends what it missed in one go instead
 * of a burst.
 *
 * @param delays each level's delay after the previous one (the first: after the alert is raised)
 */
public record EscalationPlan(
    AlertKind kind, Instant raisedAt, List<Duration> delays, Duration repeat) {

  public EscalationPlan {
    delays = List.copyOf(delays);
    if (repeat.isZero() || repeat.isNegative()) {
      throw new IllegalArgumentException("The repeat interval must be positive");
    }
    for (Duration d : delays) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("A delay cannot be negative");
      }
    }
  }

  /** What is due now: the levels (0-based) to notify, the new step count, the next time. */
  public record Due(Set<Integer> levels, int stepsSent, Instant nextAt) {
    public boolean nothing() {
      return levels.isEmpty();
    }
  }

  /** When step {@code i} (0-based) falls due. */
  public Instant stepAt(int i) {
    if (kind.alertsWholeChainAtOnce() || delays.isEmpty()) {
      return raisedAt.plus(repeat.multipliedBy(i));
    }
    Instant at = raisedAt;
    for (int level = 0; level < Math.min(i + 1, delays.size()); level++) {
      at = at.plus(delays.get(level));
    }
    if (i >= delays.size()) {
      at = at.plus(repeat.multipliedBy(i - delays.size() + 1L));
    }
    return at;
  }

  /** Who step {@code i} alerts: one level while walking the chain, everybody otherwise. */
  public Set<Integer> recipientsOf(int i) {
    Set<Integer> levels = new TreeSet<>();
    if (!kind.alertsWholeChainAtOnce() && i < delays.size()) {
      levels.add(i);
    } else {
      for (int level = 0; level < delays.size(); level++) {
        levels.add(level);
      }
    }
    return levels;
  }

  /** The steps due at {@code now} after {@code stepsSent}, merged into one notification each. */
  public Due dueAt(Instant now, int stepsSent, boolean acknowledged) {
    if (acknowledged || delays.isEmpty()) {
      return new Due(Set.of(), stepsSent, null);
    }
    Set<Integer> levels = new TreeSet<>();
    int step = stepsSent;
    while (!stepAt(step).isAfter(now)) {
      levels.addAll(recipientsOf(step));
      step++;
    }
    return new Due(levels, step, stepAt(step));
  }
}
