package org.tejido.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;

/** What the layout of every page needs: the language switch and who is signed in. */
@ControllerAdvice
class LayoutAdvice {

  private final Team team;

  LayoutAdvice(Team team) {
    this.team = team;
  }

  @ModelAttribute("staff")
  StaffMember staff() {
    return team.current().orElse(null);
  }

  @ModelAttribute("lang")
  String lang(Locale locale) {
    return "en".equals(locale.getLanguage()) ? "en" : "es";
  }

  /** The same page in the other language: the switch never loses your place. */
  @ModelAttribute("switchLangUrl")
  String switchLangUrl(HttpServletRequest request, Locale locale) {
    String other = "en".equals(locale.getLanguage()) ? "es" : "en";
    Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.FORWARD_REQUEST_URI);
    if (original != null) {
      return original + "?lang=" + other;
    }
    return ServletUriComponentsBuilder.fromRequest(request)
        .replaceQueryParam("lang", other)
        .build()
        .toUriString()
        .replaceFirst("^[a-z]+://[^/]+", "");
  }
}
