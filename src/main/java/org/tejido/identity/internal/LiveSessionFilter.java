package org.tejido.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Makes every request of a staff session answer to the account as it is now, not as it was at
 * sign-in. The session ends (and the request goes on as anonymous) when the account is disabled or
 * gone, its password changed or second factor reset elsewhere ({@code session_epoch}), or the
 * absolute lifetime has passed. Otherwise the request's authentication is rebuilt from the
 * database: the administrator role only while the account is an administrator, and no staff role at
 * all while a required second factor is not done — such a session reaches only the second-factor
 * pages and sign-out — nor while a password reset by an administrator has not been replaced by the
 * person's own (the second factor comes first) — such a session reaches only the password change
 * page and sign-out.
 *
 * <p>The rebuilt authentication lives in a new security context for this request only; the one
 * stored in the session (the password sign-in) is never changed.
 */
final class LiveSessionFilter extends OncePerRequestFilter {

  static final String SECOND_FACTOR_PATH = "/account/second-factor";
  static final GrantedAuthority STAFF = new SimpleGrantedAuthority("ROLE_STAFF");
  static final GrantedAuthority ADMIN = new SimpleGrantedAuthority("ROLE_ADMIN");
  static final GrantedAuthority PENDING = new SimpleGrantedAuthority("SECOND_FACTOR_PENDING");
  static final String PASSWORD_PATH = "/account/password";
  static final GrantedAuthority PASSWORD_PENDING =
      new SimpleGrantedAuthority("PASSWORD_CHANGE_PENDING");

  private final StaffSession sessions;
  private final SessionProperties properties;
  private final Clock clock;

  LiveSessionFilter(StaffSession sessions, SessionProperties properties, Clock clock) {
    this.sessions = sessions;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication stored = SecurityContextHolder.getContext().getAuthentication();
    if (stored == null || !(stored.getPrincipal() instanceof StaffPrincipal principal)) {
      chain.doFilter(request, response);
      return;
    }
    HttpSession session = request.getSession(false);
    StaffSession.Account account = sessions.load(principal.member().id());
    if (session == null || account == null || !current(session, account)) {
      if (session != null) {
        session.invalidate();
      }
      SecurityContextHolder.clearContext();
      chain.doFilter(request, response);
      return;
    }
    boolean pending =
        account.secondFactorRequired()
            && !Boolean.TRUE.equals(session.getAttribute(StaffSession.SECOND_FACTOR_DONE));
    boolean passwordDue = !pending && account.passwordChangeRequired();
    Authentication live;
    if (pending) {
      live =
          UsernamePasswordAuthenticationToken.authenticated(
              new PendingSecondFactor(account.member()), null, List.of(PENDING));
    } else if (passwordDue) {
      live =
          UsernamePasswordAuthenticationToken.authenticated(
              new PendingPasswordChange(account.member()), null, List.of(PASSWORD_PENDING));
    } else {
      StaffPrincipal fresh = new StaffPrincipal(account.member(), null, true);
      live =
          UsernamePasswordAuthenticationToken.authenticated(
              fresh,
              null,
              account.member().administrator() ? List.of(STAFF, ADMIN) : List.of(STAFF));
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(live);
    SecurityContextHolder.setContext(context);
    if (pending && needsStaffBeyondSecondFactor(request)) {
      response.sendRedirect(request.getContextPath() + SECOND_FACTOR_PATH);
      return;
    }
    if (passwordDue && needsStaff(request) && !path(request).equals(PASSWORD_PATH)) {
      response.sendRedirect(request.getContextPath() + PASSWORD_PATH);
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean current(HttpSession session, StaffSession.Account account) {
    Object signedInAt = session.getAttribute(StaffSession.SIGNED_IN_AT);
    Object epoch = session.getAttribute(StaffSession.EPOCH);
    return account.enabled()
        && signedInAt instanceof Instant at
        && epoch instanceof Long e
        && e == account.epoch()
        && at.plus(properties.absoluteLifetime()).isAfter(clock.instant());
  }

  /**
   * Pages of staff, where a session with its second factor or a new password due is sent to see to
   * it. Only a convenience: authorisation refuses them anyway, since such a session holds no staff
   * role.
   */
  private static boolean needsStaff(HttpServletRequest request) {
    String path = path(request);
    return path.equals("/manage")
        || path.startsWith("/manage/")
        || path.startsWith("/admin")
        || path.startsWith("/account");
  }

  private static String path(HttpServletRequest request) {
    return UrlPathHelper.defaultInstance.getPathWithinApplication(request);
  }

  /** Pages of staff, but for the second-factor pages themselves. */
  private static boolean needsStaffBeyondSecondFactor(HttpServletRequest request) {
    String path = path(request);
    if (path.equals(SECOND_FACTOR_PATH) || path.startsWith(SECOND_FACTOR_PATH + "/")) {
      return false;
    }
    return needsStaff(request);
  }
}
