package org.tejido.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
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
    long length = request.getContentLengthLong();
    if (length > limit) {
      // The body stays unread (Tomcat discards it, up to server.tomcat.max-swallow-size, so that
      // the client gets to see this answer): tell the client the connection will not be reused.
      response.setHeader("Connection", "close");
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      // Say how large it was and how large it may be, so that people know what to do.
      request.setAttribute(ErrorCode.ATTRIBUTE, "payload.too-large.limit");
      request.setAttribute(
          ErrorCode.ARGUMENTS,
          new Object[] {megabytes(length, RoundingMode.UP), megabytes(limit, RoundingMode.DOWN)});
      request.setAttribute(
          RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
      // The error page sees no body: otherwise the DispatcherServlet would parse a multipart body
      // on its way there, reading it up to the container's limit, and answer with its own error.
      request.getRequestDispatcher("/error").forward(new WithoutBody(request), response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** The refused request as the error page sees it: no body, no content type, no parameters. */
  static final class WithoutBody extends HttpServletRequestWrapper {
    WithoutBody(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getContentType() {
      return null;
    }

    @Override
    public String getHeader(String name) {
      return "content-type".equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public int getContentLength() {
      return 0;
    }

    @Override
    public long getContentLengthLong() {
      return 0;
    }

    @Override
    public String getParameter(String name) {
      return null;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Map.of();
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public String[] getParameterValues(String name) {
      return null;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      throw new IOException("The body of a refused request is not read");
    }

    @Override
    public BufferedReader getReader() throws IOException {
      throw new IOException("The body of a refused request is not read");
    }
  }

  /** Bytes in MB (MiB) with at most one decimal: 21 for 21 MiB, 100.1 for a little over 100. */
  static BigDecimal megabytes(long bytes, RoundingMode rounding) {
    BigDecimal mb =
        BigDecimal.valueOf(bytes)
            .divide(BigDecimal.valueOf(1024L * 1024), 1, rounding)
            .stripTrailingZeros();
    return mb.scale() < 0 ? mb.setScale(0) : mb;
  }
}
