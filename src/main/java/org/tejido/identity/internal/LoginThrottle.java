package org.tejido.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account name and per client address. It treats names that exist and
 * names that do not exactly alike, so its answers reveal nothing about which accounts exist.
 */
@Component
class LoginThrottle {

  private final IdentityProperties properties;
  private final Clock clock;
  private final Cache<String, Failures> failures =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(100_000).build();

  @org.springframework.beans.factory.annotation.Autowired
  LoginThrottle(IdentityProperties properties) {
    this(properties, Clock.systemUTC());
  }

  LoginThrottle(IdentityProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** How long this attempt must wait; zero when it may proceed. */
  Duration waitFor(String username, String address) {
    Duration a = remaining(failures.getIfPresent(userKey(username)), properties.maxFailures());
    Duration b =
        remaining(failures.getIfPresent(addressKey(address)), properties.maxFailuresPerAddress());
    return a.compareTo(b) >= 0 ? a : b;
  }

  void failed(String username, String address) {
    Instant now = clock.instant();
    failures.asMap().merge(userKey(username), new Failures(1, now), (old, x) -> old.next(now));
    failures.asMap().merge(addressKey(address), new Failures(1, now), (old, x) -> old.next(now));
  }

  void succeeded(String username) {
    failures.invalidate(userKey(username));
  }

  private Duration remaining(Failures f, int allowed) {
    if (f == null || f.count() < allowed) {
      return Duration.ZERO;
    }
    int over = Math.min(f.count() - allowed, 20);
    Duration delay = properties.initialDelay().multipliedBy(1L << over);
    if (delay.compareTo(properties.maxDelay()) > 0) {
      delay = properties.maxDelay();
    }
    Duration left = Duration.between(clock.instant(), f.last().plus(delay));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static String userKey(String username) {
    return "u:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }

  private record Failures(int count, Instant last) {
    Failures next(Instant now) {
      return new Failures(count + 1, now);
    }
  }
}
