package org.tejido.identity.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.tejido.identity.SecondFactors;
import org.tejido.identity.StaffSignIn;
import org.tejido.shared.web.ErrorCode;
import org.tejido.shared.web.PublicReads;

/**
 * Who may reach which address. Public pages and the read-only API are open; {@code /manage/**}
 * needs a signed-in member of staff (site roles are checked in the services); {@code /admin/**}
 * needs the platform administrator. Both are re-read from the database on every request ({@link
 * LiveSessionFilter}), and administrators and coordinators must pass their second factor first.
 * Password checks are throttled inside the authentication itself ({@link ThrottledAuthentication}).
 * CSRF protection stays on for every form.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** The password encoder is needed by the command line too, where no web security exists. */
  @Configuration(proxyBeanMethods = false)
  static class Passwords {
    @Bean
    PasswordEncoder passwordEncoder() {
      return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
  }

  /** Filter chain and headers: only when serving. */
  @Configuration(proxyBeanMethods = false)
  @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
  static class Web {

    static final String CONTENT_SECURITY_POLICY =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    SecurityFilterChain securityFilterChain(
        HttpSecurity http,
        LoginThrottle throttle,
        UserDetailsService users,
        PasswordEncoder passwords,
        StaffSession sessions,
        SessionProperties sessionProperties,
        SecondFactors secondFactors,
        ApplicationEventPublisher events)
        throws Exception {
      RequestMatcher api = request -> request.getRequestURI().startsWith("/api/");
      SavedRequestAwareAuthenticationSuccessHandler success =
          new SavedRequestAwareAuthenticationSuccessHandler();
      success.setDefaultTargetUrl("/manage");
      DaoAuthenticationProvider checkPassword = new DaoAuthenticationProvider(users);
      checkPassword.setPasswordEncoder(passwords);
      ProviderManager authentication =
          new ProviderManager(new ThrottledAuthentication(checkPassword, throttle, users, events));
      Clock clock = Clock.systemUTC();
      http.authenticationManager(authentication)
          .authorizeHttpRequests(
              auth ->
                  auth.requestMatchers("/admin/**")
                      .hasRole("ADMIN")
                      .requestMatchers(
                          LiveSessionFilter.SECOND_FACTOR_PATH,
                          LiveSessionFilter.SECOND_FACTOR_PATH + "/**")
                      .hasAnyAuthority(
                          LiveSessionFilter.PENDING.getAuthority(),
                          LiveSessionFilter.STAFF.getAuthority())
                      .requestMatchers(LiveSessionFilter.PASSWORD_PATH)
                      .hasAnyAuthority(
                          LiveSessionFilter.PASSWORD_PENDING.getAuthority(),
                          LiveSessionFilter.STAFF.getAuthority())
                      .requestMatchers("/manage/**", "/account/**")
                      .hasRole("STAFF")
                      .anyRequest()
                      .permitAll())
          .formLogin(
              form ->
                  form.loginPage("/login")
                      .successHandler(
                          (request, response, signedIn) -> {
                            StaffPrincipal principal = (StaffPrincipal) signedIn.getPrincipal();
                            sessions.signedIn(
                                request.getSession(), principal.member().id(), clock.instant());
                            if (secondFactors.required(principal.member().id())) {
                              response.sendRedirect(LiveSessionFilter.SECOND_FACTOR_PATH);
                            } else {
                              events.publishEvent(
                                  new StaffSignIn.SignedIn(principal.member().id(), "password"));
                              success.onAuthenticationSuccess(request, response, signedIn);
                            }
                          })
                      .failureHandler(
                          (request, response, exception) -> {
                            if (exception instanceof ThrottledAuthentication.Throttled throttled) {
                              response.sendRedirect(
                                  "/login?wait=" + Math.max(1, throttled.waitFor().toSeconds()));
                            } else {
                              response.sendRedirect("/login?error");
                            }
                          })
                      .permitAll())
          .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signedOut"))
          .addFilterBefore(
              new LiveSessionFilter(sessions, sessionProperties, clock),
              AnonymousAuthenticationFilter.class)
          .exceptionHandling(
              errors ->
                  errors
                      .defaultAuthenticationEntryPointFor(
                          (request, response, e) ->
                              forwardError(
                                  request,
                                  response,
                                  HttpStatus.UNAUTHORIZED,
                                  "authentication.required"),
                          api)
                      .accessDeniedHandler(accessDenied()))
          // Scripts on any origin may read the open data; nothing else is shared across origins.
          .cors(cors -> cors.configurationSource(PublicReads.cors()))
          .sessionManagement(
              session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
          // Cache-Control stays "no-cache, no-store" on every response that does not set its own;
          // only the public reads set theirs (PublicReads: immutable versions, a short "latest").
          .headers(
              headers ->
                  headers
                      .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                      .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                      .permissionsPolicyHeader(
                          p -> p.policy("geolocation=(), camera=(), microphone=()")));
      return http.build();
    }

    private static AccessDeniedHandler accessDenied() {
      return (request, response, e) ->
          forwardError(
              request,
              response,
              HttpStatus.FORBIDDEN,
              e instanceof CsrfException ? "csrf.invalid" : "access.denied");
    }

    private static void forwardError(
        HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
        throws IOException, ServletException {
      request.setAttribute(ErrorCode.ATTRIBUTE, code);
      request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
      request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
      response.setStatus(status.value());
      request.getRequestDispatcher("/error").forward(request, response);
    }
  }
}
