package org.tejido.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.ObjectMapper;

/**
 * Renders every error once: RFC 9457 problem+json with a stable {@code code} for the API, and the
 * error page for people, both in the user's language.
 */
@Component
class ErrorRendering {

  private final MessageSource messages;
  private final ObjectProvider<LayoutModel> layout;
  private final ObjectMapper json;

  ErrorRendering(MessageSource messages, ObjectProvider<LayoutModel> layout, ObjectMapper json) {
    this.messages = messages;
    this.layout = layout;
    this.json = json;
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
      ProblemDetail problem = problem(path, status, code, title, detail);
      ResponseEntity.BodyBuilder response =
          ResponseEntity.status(status)
              .contentType(MediaType.APPLICATION_PROBLEM_JSON)
              .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage());
      if (PublicReads.requestedLanguage(request) == null) {
        // Without ?lang= the detail followed Accept-Language.
        response.varyBy(HttpHeaders.ACCEPT_LANGUAGE);
      }
      return response.body(problem);
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

  /**
   * Writes a problem+json error straight to the response, for filters that answer before the
   * dispatcher (and whose clients are scripts, never people on a page).
   */
  void writeProblem(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String code,
      Object[] args,
      Locale locale)
      throws IOException {
    String title =
        messages.getMessage(
            "error.title." + status.value(), null, status.getReasonPhrase(), locale);
    String detail = messages.getMessage("error." + code, args, locale);
    byte[] body =
        json.writeValueAsBytes(problem(request.getRequestURI(), status, code, title, detail));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage());
    if (PublicReads.requestedLanguage(request) == null) {
      response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
    // What the security headers would have said: this answer comes before them.
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static ProblemDetail problem(
      String path, HttpStatus status, String code, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("https://tejido.org/problems/" + code));
    problem.setInstance(URI.create(path == null ? "/" : path));
    problem.setProperty("code", code);
    return problem;
  }

  private static boolean wantsJson(HttpServletRequest request, String path) {
    // Scripts read the API and the CSV files: their errors are never an HTML page.
    if (path != null && (path.startsWith("/api/") || PublicReads.isCsv(path))) {
      return true;
    }
    String accept = request.getHeader("Accept");
    return accept != null
        && !accept.contains("text/html")
        && (accept.contains("application/json") || accept.contains("application/problem+json"));
  }
}
