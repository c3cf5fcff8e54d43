package org.tejido.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.identity.UserAccounts;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Forbidden;
import org.tejido.shared.TejidoException;

/**
 * A member of staff changes their own password; after an administrator reset it, before anything
 * else (a new password, not the temporary one).
 */
@Controller
class AccountController {

  private final Team team;
  private final UserAccounts accounts;
  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final StaffSession sessions;

  AccountController(
      Team team,
      UserAccounts accounts,
      JdbcClient jdbc,
      PasswordEncoder passwords,
      StaffSession sessions) {
    this.team = team;
    this.accounts = accounts;
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.sessions = sessions;
  }

  @GetMapping(LiveSessionFilter.PASSWORD_PATH)
  String form(Model model) {
    model.addAttribute("required", signedIn() instanceof Due);
    return "identity/password";
  }

  @PostMapping(LiveSessionFilter.PASSWORD_PATH)
  String change(
      @RequestParam(required = false) String current,
      @RequestParam(required = false) String password,
      @RequestParam(required = false) String confirmation,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Who who = signedIn();
    StaffMember me = who.member();
    try {
      String hash =
          jdbc.sql("select password_hash from app_user where id = ?")
              .param(me.id().value())
              .query(String.class)
              .single();
      if (current == null || !passwords.matches(current, hash)) {
        throw new BadRequest("user.password.current-wrong");
      }
      if (password == null || !password.equals(confirmation)) {
        throw new BadRequest("user.password.mismatch");
      }
      if (passwords.matches(password, hash)) {
        // After a reset, the administrator knows the temporary password: it cannot stay.
        throw new BadRequest("user.password.same");
      }
      accounts.changePassword(me.id(), password);
      // Every other session of the account has ended; this one goes on, under a new id.
      sessions.renewEpoch(request.getSession(), me.id());
      request.changeSessionId();
      redirect.addFlashAttribute("saved", true);
      return "redirect:/manage";
    } catch (TejidoException e) {
      model.addAttribute("required", who instanceof Due);
      model.addAttribute("error", e);
      response.setStatus(422);
      return "identity/password";
    }
  }

  /** The person changing their password: signed in, or with a new password due after a reset. */
  private sealed interface Who permits Staff, Due {
    StaffMember member();
  }

  private record Staff(StaffMember member) implements Who {}

  private record Due(StaffMember member) implements Who {}

  private Who signedIn() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof PendingPasswordChange pending) {
      return new Due(pending.member());
    }
    return new Staff(team.current().orElseThrow(() -> new Forbidden("access.denied")));
  }
}
