package org.tejido.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Holds back repeated guesses of a secret (a password, a second-factor code, a vault passphrase):
 * after {@code allowed} failures for a key, each further attempt must wait, from {@code
 * initialDelay} doubling up to {@code maxDelay} after the last one.
 *
 * <p>An attempt is <em>reserved</em> before the secret is checked: the reservation counts as a
 * failure at once, in one atomic step per key, and is taken back only when the attempt succeeds
 * ({@link #reset}) or turns out not to count ({@link #release}). So fifty guesses sent at the same
 * moment are counted one by one, and only as many as the limit allows reach the slow check.
 */
public final class Throttle {

  private record Failures(int count, Instant last) {}

  private final int allowed;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final Clock clock;
  private final Cache<String, Failures> failures;

  /**
   * @param forgetAfter how long a key's count is kept after its last attempt
   * @param maxKeys how many keys are kept at most (the least recently used go first)
   */
  public Throttle(
      int allowed,
      Duration initialDelay,
      Duration maxDelay,
      Duration forgetAfter,
      long maxKeys,
      Clock clock) {
    this.allowed = allowed;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.clock = clock;
    this.failures =
        Caffeine.newBuilder().expireAfterAccess(forgetAfter).maximumSize(maxKeys).build();
  }

  /**
   * Reserves an attempt for the key.
   *
   * @return zero when the attempt may go ahead (and is now counted), otherwise how long to wait
   */
  public Duration reserve(String key) {
    Instant now = clock.instant();
    Duration[] wait = {Duration.ZERO};
    failures
        .asMap()
        .compute(
            key,
            (k, f) -> {
              Duration left = remaining(f, now);
              if (!left.isZero()) {
                wait[0] = left;
                return f;
              }
              return f == null ? new Failures(1, now) : new Failures(f.count() + 1, now);
            });
    return wait[0];
  }

  /** Gives back a reserved attempt that did not count (the check never happened). */
  public void release(String key) {
    failures
        .asMap()
        .computeIfPresent(
            key, (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.last()));
  }

  /** The secret was right: the key starts afresh. */
  public void reset(String key) {
    failures.invalidate(key);
  }

  /** Attempts counted for the key (failed or reserved). */
  public int counted(String key) {
    Failures f = failures.getIfPresent(key);
    return f == null ? 0 : f.count();
  }

  private Duration remaining(Failures f, Instant now) {
    if (f == null || f.count() < allowed) {
      return Duration.ZERO;
    }
    Duration delay = initialDelay.multipliedBy(1L << Math.min(f.count() - allowed, 20));
    if (delay.compareTo(maxDelay) > 0) {
      delay = maxDelay;
    }
    Duration left = Duration.between(now, f.last().plus(delay));
    return left.isNegative() || left.isZero() ? Duration.ZERO : left;
  }
}
