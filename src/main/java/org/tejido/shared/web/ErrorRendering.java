package org.tejido.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders every error once: RFC 9457 problem+json with a stable {@code code} for the API, and the
 * error page for people, both in the user's language.
 */
@Component
class ErrorRendering {

  private final MessageSource messages;

  ErrorRendering(MessageSource messages) {
    this.messages = messages;
  }

  Object render(
      HttpServletRequest request,
      String path,
      HttpStatus status,
      String code,
      Object[] args,
      Locale locale) {
    String title =
        messages.getMessage(
            "error.title." + status.value(), null, status.getReasonPhrase(), locale);
    String detail = messages.getMessage("error." + code, args, locale);
    if (wantsJson(request, path)) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
      problem.setTitle(title);
      problem.setType(URI.create("https://tejido.org/problems/" + code));
      problem.setInstance(URI.create(path == null ? "/" : path));
      problem.setProperty("code", code);
      return ResponseEntity.status(status)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
    ModelAndView page =
        new ModelAndView(
            "error",
            Map.of("status", status.value(), "title", title, "detail", detail, "code", code));
    page.setStatus(status);
    return page;
  }

  private static boolean wantsJson(HttpServletRequest request, String path) {
    if (path != null && path.startsWith("/api/")) {
      return true;
    }
    String accept = request.getHeader("Accept");
    return accept != null
        && !accept.contains("text/html")
        && (accept.contains("application/json") || accept.contains("application/problem+json"));
  }
}
