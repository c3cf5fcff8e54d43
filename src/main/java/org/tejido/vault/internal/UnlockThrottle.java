package org.tejido.vault.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Counts failed vault unlocks per key and says how long the next attempt must wait. */
public final class UnlockThrottle {

  private record Failures(int count, Instant last) {}

  private final int allowed;
  private final Duration initial;
  private final Duration max;
  private final Clock clock;
  private final Cache<String, Failures> failures =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(2)).maximumSize(10_000).build();

  public UnlockThrottle(int allowed, Duration initial, Duration max) {
    this(allowed, initial, max, Clock.systemUTC());
  }

  UnlockThrottle(int allowed, Duration initial, Duration max, Clock clock) {
    this.allowed = allowed;
    this.initial = initial;
    this.max = max;
    this.clock = clock;
  }

  public Duration waitFor(String key) {
    Failures f = failures.getIfPresent(key);
    if (f == null || f.count() < allowed) {
      return Duration.ZERO;
    }
    Duration delay = initial.multipliedBy(1L << Math.min(f.count() - allowed, 20));
    if (delay.compareTo(max) > 0) {
      delay = max;
    }
    Duration left = Duration.between(clock.instant(), f.last().plus(delay));
    return left.isNegative() ? Duration.ZERO : left;
  }

  public void failed(String key) {
    Instant now = clock.instant();
    failures
        .asMap()
        .merge(key, new Failures(1, now), (old, x) -> new Failures(old.count() + 1, now));
  }

  public void succeeded(String key) {
    failures.invalidate(key);
  }
}
