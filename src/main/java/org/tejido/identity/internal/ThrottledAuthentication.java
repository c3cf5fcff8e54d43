package org.tejido.identity.internal;

import java.time.Duration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.tejido.identity.StaffSignIn;

/**
 * Puts {@link LoginThrottle} in front of the password check itself, so every way of reaching the
 * sign-in (whatever the spelling of its address) is throttled. An attempt is reserved before the
 * password is checked, and refused without checking it when the name or the address must wait. A
 * wrong password for an existing account is published as {@link StaffSignIn.PasswordRefused} (for
 * the audit log); a name that belongs to no account is not kept anywhere.
 */
final class ThrottledAuthentication implements AuthenticationProvider {

  private final AuthenticationProvider passwords;
  private final LoginThrottle throttle;
  private final UserDetailsService accounts;
  private final ApplicationEventPublisher events;

  ThrottledAuthentication(
      AuthenticationProvider passwords,
      LoginThrottle throttle,
      UserDetailsService accounts,
      ApplicationEventPublisher events) {
    this.passwords = passwords;
    this.throttle = throttle;
    this.accounts = accounts;
    this.events = events;
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
    Authentication result;
    try {
      result = passwords.authenticate(attempt);
    } catch (BadCredentialsException wrong) {
      refused(name);
      throw wrong;
    }
    throttle.succeeded(name, address);
    return result;
  }

  private void refused(String name) {
    try {
      if (accounts.loadUserByUsername(name) instanceof StaffPrincipal known) {
        events.publishEvent(new StaffSignIn.PasswordRefused(known.member().id()));
      }
    } catch (UsernameNotFoundException unknown) {
      // Nobody to record it against, and the typed name may be someone's password.
    }
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
