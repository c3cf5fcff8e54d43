package org.tejido.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import org.tejido.identity.Team;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.LayoutModel;

/**
 * What the layout of every page needs: the language switch, who is signed in and the data licence.
 */
@ControllerAdvice
class LayoutAdvice implements LayoutModel {

  private final Team team;
  private final OpenDataProperties.License dataLicense;

  LayoutAdvice(Team team, OpenDataProperties openData) {
    this.team = team;
    this.dataLicense = openData.license();
  }

  @ModelAttribute
  void layout(HttpServletRequest request, Locale locale, Model model) {
    contribute(request, locale, model.asMap());
  }

  @Override
  public void contribute(HttpServletRequest request, Locale locale, Map<String, Object> model) {
    model.put("staff", team.current().orElse(null));
    model.put("lang", "en".equals(locale.getLanguage()) ? "en" : "es");
    model.put("switchLangUrl", switchLangUrl(request, locale));
    // Every page's footer names the data licence, error pages included.
    model.put("dataLicense", dataLicense);
  }

  /**
   * The same page in the other language: the switch never loses your place. After a form was posted
   * (a validation error) the page to return to is the one the form came from.
   */
  static String switchLangUrl(HttpServletRequest request, Locale locale) {
    String other = "en".equals(locale.getLanguage()) ? "es" : "en";
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (original == null) {
      original = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
    }
    if (original != null) {
      return sameOriginPath(original + "?lang=" + other, other);
    }
    if (!"GET".equals(request.getMethod())) {
      return sameOriginReferer(request)
          .map(
              referer ->
                  sameOriginPath(
                      UriComponentsBuilder.fromUriString(referer)
                          .replaceQueryParam("lang", other)
                          .build()
                          .toUriString(),
                      other))
          .orElse("/?lang=" + other);
    }
    return sameOriginPath(
        ServletUriComponentsBuilder.fromRequest(request)
            .replaceQueryParam("lang", other)
            .build()
            .toUriString()
            .replaceFirst("^[a-z]+://[^/]+", ""),
        other);
  }

  /**
   * The link as a path on this site, or the home page. The path comes from the request (on an error
   * page, the very path that was refused): {@code //evil.example/x} or {@code /\evil.example} is
   * read by browsers as another site, so anything but one slash followed by a plain path is
   * replaced by the home page. Percent-encoded slashes stay encoded in a path and are harmless.
   */
  static String sameOriginPath(String path, String lang) {
    if (path == null
        || !path.startsWith("/")
        || path.startsWith("//")
        || path.indexOf('\\') >= 0
        || path.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return "/?lang=" + lang;
    }
    return path;
  }

  private static java.util.Optional<String> sameOriginReferer(HttpServletRequest request) {
    String referer = request.getHeader("Referer");
    if (referer == null) {
      return java.util.Optional.empty();
    }
    try {
      URI uri = URI.create(referer);
      if (uri.getHost() != null && !uri.getHost().equals(request.getServerName())) {
        return java.util.Optional.empty();
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return java.util.Optional.of(
          path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
