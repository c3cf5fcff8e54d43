package org.tejido.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.tejido.identity.Team;

/**
 * Whose outbox a team page shows and sends (static/js/outbox.js): what one person queued on a
 * shared phone without signal must never go out under the next person's session, as her check-in or
 * her diary entry.
 */
@ControllerAdvice
class OutboxOwnerAdvice {

  private final Team team;

  OutboxOwnerAdvice(Team team) {
    this.team = team;
  }

  @ModelAttribute("outboxOwner")
  String outboxOwner(HttpServletRequest request) {
    if (!request.getRequestURI().startsWith("/manage/")) {
      return null;
    }
    return team.current().map(member -> member.id().value().toString()).orElse(null);
  }
}
