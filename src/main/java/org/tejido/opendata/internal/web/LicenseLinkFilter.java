package org.tejido.opendata.internal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tejido.shared.OpenDataProperties;

/**
 * Every API response names the data licence in a {@code Link: rel="license"} header as well as in
 * its body, so that a client reading only headers (or an array) still learns it. Ordered inside the
 * public page cache, so that a cached response keeps the header once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class LicenseLinkFilter extends OncePerRequestFilter {

  private final String link;

  LicenseLinkFilter(OpenDataProperties openData) {
    this.link = "<" + openData.license().url() + ">; rel=\"license\"";
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/api/v1") || path.startsWith("/api/v1/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.addHeader("Link", link);
    chain.doFilter(request, response);
  }
}
