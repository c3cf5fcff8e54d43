package org.tejido.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.tejido.identity.UserId;
import org.tejido.shared.Throttle;

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

  private final Throttle names;
  private final Throttle addresses;
  private final Throttle secondFactors;

  @org.springframework.beans.factory.annotation.Autowired
  LoginThrottle(IdentityProperties properties) {
    this(properties, Clock.systemUTC());
  }

  LoginThrottle(IdentityProperties properties, Clock clock) {
    this.names = throttle(properties, properties.maxFailures(), clock);
    this.addresses = throttle(properties, properties.maxFailuresPerAddress(), clock);
    this.secondFactors = throttle(properties, properties.maxFailures(), clock);
  }

  private static Throttle throttle(IdentityProperties properties, int allowed, Clock clock) {
    return new Throttle(
        allowed,
        properties.initialDelay(),
        properties.maxDelay(),
        Duration.ofHours(1),
        100_000,
        clock);
  }

  /**
   * Reserves a password attempt for this name from this address.
   *
   * @return zero when the attempt may go ahead (and is now counted), otherwise how long to wait
   */
  Duration reserve(String username, String address) {
    String name = nameKey(username);
    Duration wait = names.reserve(name);
    if (!wait.isZero()) {
      return wait;
    }
    wait = addresses.reserve(address);
    if (!wait.isZero()) {
      names.release(name);
    }
    return wait;
  }

  /** The password was right: the name starts afresh, and the address gets its attempt back. */
  void succeeded(String username, String address) {
    names.reset(nameKey(username));
    addresses.release(address);
  }

  /**
   * Reserves a second-factor code attempt for the account; see {@link #reserve(String, String)}.
   */
  Duration reserveSecondFactor(UserId user) {
    return secondFactors.reserve(user.value().toString());
  }

  void secondFactorSucceeded(UserId user) {
    secondFactors.reset(user.value().toString());
  }

  /** Failed (or reserved) attempts counted for the address; for tests of what is counted. */
  int countedFor(String address) {
    return addresses.counted(address);
  }

  private static String nameKey(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }
}
