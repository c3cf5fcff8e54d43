package org.tejido.identity.internal;

import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts {@link LoginThrottle} in front of the password check itself, so every way of reaching the
 * sign-in (whatever the spelling of its address) is throttled. An attempt is reserved before the
 * password is checked, and refused without checking it when the name or the address must wait.
 */
final class ThrottledAuthentication implements AuthenticationProvider {

  private final AuthenticationProvider passwords;
  private final LoginThrottle throttle;

  ThrottledAuthentication(AuthenticationProvider passwords, LoginThrottle throttle) {
    this.passwords = passwords;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication attempt) throws AuthenticationException {
    String name = attempt.getName();
    String address =
        attempt.getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress()
            : "";
    Duration wait = throttle.reserve(name, address);
    if (!wait.isZero()) {
      throw new Throttled(wait);
    }
    Authentication result = passwords.authenticate(attempt);
    throttle.succeeded(name, address);
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return passwords.supports(authentication);
  }

  /** Refused without looking at the password: too many failures for the name or the address. */
  static final class Throttled extends AuthenticationException {
    private final transient Duration wait;

    Throttled(Duration wait) {
      super("throttled");
      this.wait = wait;
    }

    Duration waitFor() {
      return wait;
    }
  }
}
