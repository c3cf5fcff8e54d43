package org.tejido.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
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
  private final ObjectProvider<LayoutModel> layout;

  ErrorRendering(MessageSource messages, ObjectProvider<LayoutModel> layout) {
    this.messages = messages;
    this.layout = layout;
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
    Map<String, Object> model = new HashMap<>();
    model.put("status", status.value());
    model.put("title", title);
    model.put("detail", detail);
    model.put("code", code);
    layout.ifAvailable(l -> l.contribute(request, locale, model));
    ModelAndView page = new ModelAndView("error", model);
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
