package org.tejido.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.tejido.identity.UserId;

/**
 * Counts failed sign-ins per account name and per client address, and failed second-factor codes
 * per account. It treats names that exist and names that do not exactly alike, so its answers
 * reveal nothing about which accounts exist.
 *
 * <p>An attempt is <em>reserved</em> before the password or code is checked: the reservation counts
 * as a failure at once, in one atomic step per key, and is given back only when the attempt
 * succeeds. So fifty guesses sent at the same moment are counted one by one, and only as many as
 * the limit allows reach the password check.
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

  /**
   * Reserves a password attempt for this name from this address.
   *
   * @return zero when the attempt may go ahead (and is now counted), otherwise how long to wait
   */
  Duration reserve(String username, String address) {
    String user = userKey(username);
    Duration wait = reserve(user, properties.maxFailures());
    if (!wait.isZero()) {
      return wait;
    }
    wait = reserve(addressKey(address), properties.maxFailuresPerAddress());
    if (!wait.isZero()) {
      release(user);
    }
    return wait;
  }

  /** The password was right: the name starts afresh, and the address gets its attempt back. */
  void succeeded(String username, String address) {
    failures.invalidate(userKey(username));
    release(addressKey(address));
  }

  /**
   * Reserves a second-factor code attempt for the account; see {@link #reserve(String, String)}.
   */
  Duration reserveSecondFactor(UserId user) {
    return reserve(secondFactorKey(user), properties.maxFailures());
  }

  void secondFactorSucceeded(UserId user) {
    failures.invalidate(secondFactorKey(user));
  }

  /** Failed (or reserved) attempts counted for the address; for tests of what is counted. */
  int countedFor(String address) {
    Failures f = failures.getIfPresent(addressKey(address));
    return f == null ? 0 : f.count();
  }

  private Duration reserve(String key, int allowed) {
    Instant now = clock.instant();
    Duration[] wait = {Duration.ZERO};
    failures
        .asMap()
        .compute(
            key,
            (k, f) -> {
              Duration left = remaining(f, allowed, now);
              if (!left.isZero()) {
                wait[0] = left;
                return f;
              }
              return f == null ? new Failures(1, now) : f.next(now);
            });
    return wait[0];
  }

  private void release(String key) {
    failures
        .asMap()
        .computeIfPresent(
            key, (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.last()));
  }

  private Duration remaining(Failures f, int allowed, Instant now) {
    if (f == null || f.count() < allowed) {
      return Duration.ZERO;
    }
    int over = Math.min(f.count() - allowed, 20);
    Duration delay = properties.initialDelay().multipliedBy(1L << over);
    if (delay.compareTo(properties.maxDelay()) > 0) {
      delay = properties.maxDelay();
    }
    Duration left = Duration.between(now, f.last().plus(delay));
    return left.isNegative() || left.isZero() ? Duration.ZERO : left;
  }

  private static String userKey(String username) {
    return "u:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }

  private static String secondFactorKey(UserId user) {
    return "2f:" + user.value();
  }

  private record Failures(int count, Instant last) {
    Failures next(Instant now) {
      return new Failures(count + 1, now);
    }
  }
}
