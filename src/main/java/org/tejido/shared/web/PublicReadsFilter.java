package org.tejido.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds public reads ({@link PublicReads}) to one contract before anything else sees them: only
 * GET, HEAD and OPTIONS (anything else is a 405 with {@code Allow}, decided before the CSRF check,
 * which would otherwise answer 403 for an address that has no form), each parameter at most once,
 * and a language from {@code ?lang=} or Accept-Language, never from the page cookie.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class PublicReadsFilter extends OncePerRequestFilter {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private static final CorsConfigurationSource CORS = PublicReads.cors();
  private final CorsProcessor cors = new DefaultCorsProcessor();
  private final ErrorRendering rendering;

  PublicReadsFilter(ErrorRendering rendering) {
    this.rendering = rendering;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !PublicReads.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    request.setAttribute(PublicReads.MARK, Boolean.TRUE);
    if (!READS.contains(request.getMethod())) {
      // The body of a refused request is never read, not even for parameters.
      PublicReads.useLanguage(request, Languages.forFirstVisit(request), false);
      response.setHeader(HttpHeaders.ALLOW, PublicReads.ALLOW);
      fail(request, response, HttpStatus.METHOD_NOT_ALLOWED, "method.not-allowed");
      return;
    }
    Map<String, String[]> parameters = request.getParameterMap();
    String[] lang = parameters.get("lang");
    Optional<Locale> asked =
        lang != null && lang.length == 1 ? Languages.parse(lang[0]) : Optional.empty();
    PublicReads.useLanguage(
        request, asked.orElseGet(() -> Languages.forFirstVisit(request)), asked.isPresent());
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      if (parameter.getValue().length > 1) {
        // ?version=1&version=2 must not quietly mean version 1.
        String name = parameter.getKey();
        if (name.matches("[A-Za-z_-]{1,32}")) {
          fail(request, response, HttpStatus.BAD_REQUEST, "parameter.repeated", name);
        } else {
          fail(request, response, HttpStatus.BAD_REQUEST, "request.invalid");
        }
        return;
      }
    }
    if (lang != null && asked.isEmpty()) {
      fail(request, response, HttpStatus.BAD_REQUEST, "lang.invalid", lang[0]);
      return;
    }
    chain.doFilter(request, response);
  }

  private void fail(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String code,
      Object... args)
      throws IOException {
    if (status != HttpStatus.METHOD_NOT_ALLOWED) {
      // This answer comes before the security chain's CORS filter: a script on another origin
      // must be able to read why its GET was refused.
      cors.processRequest(CORS.getCorsConfiguration(request), request, response);
    }
    rendering.writeProblem(request, response, status, code, args, PublicReads.language(request));
  }
}
