package org.tejido.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies larger than {@code tejido.web.max-request-size} with 413 before anything reads
 * them, so an oversize form is refused clearly instead of arriving silently truncated.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final WebProperties properties;

  RequestSizeLimitFilter(WebProperties properties) {
    this.properties = properties;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    long limit =
        type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
            ? properties.maxUploadRequestSize().toBytes()
            : properties.maxRequestSize().toBytes();
    if (request.getContentLengthLong() > limit) {
      // The body stays unread: tell the client the connection will not be reused.
      response.setHeader("Connection", "close");
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      request.setAttribute(ErrorCode.ATTRIBUTE, "payload.too-large");
      request.setAttribute(
          RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
      request.getRequestDispatcher("/error").forward(request, response);
      return;
    }
    chain.doFilter(request, response);
  }
}
